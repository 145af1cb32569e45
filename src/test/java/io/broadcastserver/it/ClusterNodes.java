package io.broadcastserver.it;

import io.broadcastserver.support.RawHttp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Real cluster nodes on loopback: each a {@code java -jar … } process with its own HTTP port and Hazelcast
 * port, all listing each other's member ports, as docs/clustering.md tells users to run them.
 */
final class ClusterNodes implements AutoCloseable {

  /** Hazelcast and three JVMs starting at once on two cores take a while. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final List<Integer> httpPorts = new ArrayList<>();
  private final List<Integer> memberPorts = new ArrayList<>();
  private final List<Integer> busPorts = new ArrayList<>();
  private final ServerProcess[] nodes;
  private final Map<String, String> extraEnvironment;

  ClusterNodes(int count, Map<String, String> extraEnvironment) {
    this.nodes = new ServerProcess[count];
    this.extraEnvironment = extraEnvironment;
    // Every port chosen up front and distinct: a port that is free now may be handed out twice, and an
    // event bus left on port 0 could take the port a node started later wants.
    Set<Integer> taken = new HashSet<>();
    for (int i = 0; i < count; i++) {
      httpPorts.add(distinctFreePort(taken));
      memberPorts.add(distinctFreePort(taken));
      busPorts.add(distinctFreePort(taken));
    }
  }

  private static int distinctFreePort(Set<Integer> taken) {
    while (true) {
      int port = ServerProcess.freePort();
      if (taken.add(port)) {
        return port;
      }
    }
  }

  /** Launches every node at once and waits for all of them to serve. */
  void startAll() {
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = launch(i);
    }
    for (ServerProcess node : nodes) {
      node.awaitStarted(START_TIMEOUT);
    }
  }

  /** Starts node {@code index} again (after it was killed), with the same ports. */
  ServerProcess restart(int index) {
    nodes[index] = launch(index);
    nodes[index].awaitStarted(START_TIMEOUT);
    return nodes[index];
  }

  ServerProcess node(int index) {
    return nodes[index];
  }

  int port(int index) {
    return httpPorts.get(index);
  }

  /** GET /api/stats of one node. */
  JsonObject stats(int index) throws IOException {
    return new JsonObject(RawHttp.get(port(index), "/api/stats").body());
  }

  /** Polls until every listed node reports {@code expected} connections; fails with the last figures. */
  void awaitConnections(long expected, Duration timeout, int... indexes) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<Integer, Long> seen = new HashMap<>();
    while (System.nanoTime() < deadline) {
      seen.clear();
      for (int index : indexes) {
        seen.put(index, stats(index).getLong("connections"));
      }
      if (seen.values().stream().allMatch(count -> count == expected)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("nodes did not all report " + expected + " connections within " + timeout + ": " + seen);
  }

  private ServerProcess launch(int index) {
    Map<String, String> env = new HashMap<>(extraEnvironment);
    env.put("BROADCAST_CLUSTER", "true");
    env.put("BROADCAST_CLUSTER_HOST", "127.0.0.1");
    env.put("BROADCAST_CLUSTER_MEMBER_PORT", Integer.toString(memberPorts.get(index)));
    env.put("BROADCAST_CLUSTER_PORT", Integer.toString(busPorts.get(index)));
    env.put("BROADCAST_CLUSTER_MEMBERS",
      memberPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(",")));
    return ServerProcess.launch(httpPorts.get(index), env);
  }

  @Override
  public void close() {
    for (ServerProcess node : nodes) {
      if (node != null) {
        node.close();
      }
    }
  }
}
