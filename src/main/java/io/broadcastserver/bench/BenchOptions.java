package io.broadcastserver.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generator's options, parsed from {@code --name value} pairs.
 *
 * @param scenario fanout, all-to-all, idle, connect or storm
 * @param urls servers to connect to, connections taking them in turn (several nodes of one cluster)
 * @param rates total messages per second to publish, one step per value, stepped up in order
 */
record BenchOptions(String scenario, List<URI> urls, int clients, List<Integer> rates, int stepSeconds, int messageBytes,
                    long serverPid, Path out, String label, int threads, double maxP99Ms, int stalled,
                   int warmup, int holdSeconds) {

  /**
   * Idle connections are held past the 30 s heartbeat that ours, the seed and its peers all default to:
   * what a server allocates for a client the first time it pings it is part of what a client costs.
   * Ours once counted 3.5 KiB per connection over a 5 s hold and 4.3 over one that saw a heartbeat.
   */
  static final int DEFAULT_HOLD_SECONDS = 35;

  static final String USAGE = """
    Usage: java -jar broadcast-server.jar bench SCENARIO [options]

    Scenarios:
      fanout       1 publisher → N subscribers; steps the publish rate up
      all-to-all   N clients, each publishing its share of the rate
      idle         opens N connections and holds them; server memory per connection (needs --server-pid)
      connect      opens N connections as fast as the server accepts them
      storm        N clients connect at once; time until join notices stop arriving

    Options:
      --url URL[,URL...]   ws://127.0.0.1:8080/ws; several (the nodes of a cluster): connections take them in turn
      --clients N          subscribers / clients (default 1000; keep below 19000: 20000 open files per process)
      --rates R1,R2,...    total published messages per second per step (default 100,200,500,1000,2000);
                           the first step is a warm-up that never stops the stepping (repeat its rate)
      --step-seconds S     length of each step (default 5)
      --size BYTES         size of each published message (default 100)
      --server-pid PID     sample the server's CPU and RSS from /proc
      --threads N          generator event-loop threads (default 1)
      --stalled N          fanout, all-to-all: N more subscribers that never read, to show whether one
                           stalled client moves the others' latency (default 0)
      --warmup N           connect, idle: connections opened and closed first, in rounds of --clients,
                           not counted (default 2000)
      --hold-seconds S     idle: how long the connections are held before the server's memory is read
                           (default 35: past one 30 s heartbeat)
      --max-p99-ms MS      stop stepping up once p99 latency exceeds this (default 50)
      --out DIR            write results.json, results.csv and chart.html there (default bench/results)
      --label NAME         name of this server in the results (default: the URL)
    """;

  static BenchOptions parse(String[] args) {
    if (args.length == 0 || args[0].startsWith("-")) {
      throw new IllegalArgumentException("name a scenario first");
    }
    String scenario = args[0];
    if (!List.of("fanout", "all-to-all", "idle", "connect", "storm").contains(scenario)) {
      throw new IllegalArgumentException("unknown scenario '" + scenario + "'");
    }
    List<URI> urls = List.of(URI.create("ws://127.0.0.1:8080/ws"));
    int clients = 1000;
    List<Integer> rates = List.of(100, 200, 500, 1000, 2000);
    int stepSeconds = 5;
    int size = 100;
    long pid = -1;
    Path out = Path.of("bench", "results");
    String label = null;
    int threads = 1;
    double maxP99 = 50;
    int stalled = 0;
    int warmup = 2000;
    int holdSeconds = DEFAULT_HOLD_SECONDS;
    for (int i = 1; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--url" -> urls = parseUrls(value);
        case "--clients" -> clients = Integer.parseInt(value);
        case "--rates" -> rates = parseRates(value);
        case "--step-seconds" -> stepSeconds = Integer.parseInt(value);
        case "--size" -> size = Integer.parseInt(value);
        case "--server-pid" -> pid = Long.parseLong(value);
        case "--out" -> out = Path.of(value);
        case "--label" -> label = value;
        case "--threads" -> threads = Integer.parseInt(value);
        case "--max-p99-ms" -> maxP99 = Double.parseDouble(value);
        case "--stalled" -> stalled = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--hold-seconds" -> holdSeconds = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (clients < 1 || clients > 19_000) {
      throw new IllegalArgumentException("--clients must be 1 to 19000 (this machine allows 20000 open files)");
    }
    if (size < 40) {
      throw new IllegalArgumentException("--size must be at least 40 bytes (the timestamp needs room)");
    }
    return new BenchOptions(scenario, urls, clients, rates, stepSeconds, size, pid, out,
      label != null ? label : urls.get(0).toString(), threads, maxP99, stalled, warmup, holdSeconds);
  }

  private static List<URI> parseUrls(String text) {
    List<URI> urls = new ArrayList<>();
    for (String part : text.split(",")) {
      urls.add(URI.create(part.trim()));
    }
    return urls;
  }

  private static List<Integer> parseRates(String text) {
    List<Integer> rates = new ArrayList<>();
    for (String part : text.split(",")) {
      rates.add(Integer.parseInt(part.trim()));
    }
    return rates;
  }
}
