package io.broadcastserver.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The scenarios about connections rather than messages: accept rate, idle memory, connect storms. */
final class ConnectionScenarios {

  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long STORM_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);

  private ConnectionScenarios() {
  }

  /**
   * Opens {@code --clients} connections as fast as the server accepts them, after opening and closing
   * {@code --warmup} connections, in rounds of {@code --clients}, that are not counted: both JITs, the
   * generator's and a JVM server's, compile the handshake path first. On one core a JVM server was still
   * spending a third of its CPU in the C2 compiler after 40,000 connections (perf), and the generator's own
   * cold start was half of a short run.
   */
  static JsonObject connect(BenchOptions options, Report report) throws Exception {
    try (LoadClients clients = new LoadClients(options.urls(), options.threads())) {
      warmUp(clients, options);
      ProcessSampler server = new ProcessSampler(options.serverPid());
      ProcessSampler generator = ProcessSampler.self();
      long start = System.nanoTime();
      List<Channel> channels = ConnectionOpener.open(clients, options.clients(), LoadClients.FrameListener.IGNORE);
      double seconds = (System.nanoTime() - start) / 1e9;
      double serverCores = server.coresSinceMark();
      double generatorCores = generator.coresSinceMark();
      ConnectionOpener.closeAll(channels);
      // Pinned to one core, the generator at 0.9 of it is what limits the rate, whatever the server could do.
      boolean generatorBound = generatorCores > 0.9 * options.threads();
      JsonObject figures = new JsonObject().put("connections", options.clients()).put("seconds", seconds)
        .put("connectionsPerSecond", options.clients() / seconds)
        .put("serverCores", Double.isFinite(serverCores) ? serverCores : null)
        .put("generatorCores", generatorCores).put("generatorBound", generatorBound);
      String serverShare = Double.isFinite(serverCores) ? String.format("%.2f cores", serverCores) : "not sampled";
      report.line(String.format("%s connect: %d connections in %.2f s = %.0f connections/s (server %s, "
          + "generator %.2f cores%s)", options.label(), options.clients(), seconds, options.clients() / seconds,
        serverShare, generatorCores, generatorBound ? ", GENERATOR-BOUND" : ""));
      return figures;
    }
  }

  /** Opens and closes {@code --warmup} connections, in rounds of {@code --clients}, then lets the server settle. */
  private static void warmUp(LoadClients clients, BenchOptions options) throws Exception {
    for (int warmedUp = 0; warmedUp < options.warmup(); warmedUp += options.clients()) {
      int round = Math.min(options.clients(), options.warmup() - warmedUp);
      ConnectionOpener.closeAll(ConnectionOpener.open(clients, round, LoadClients.FrameListener.IGNORE));
    }
    Thread.sleep(1000);
  }

  /**
   * Holds {@code --clients} idle connections and reports the server's RSS growth per connection, counted
   * from after {@code --warmup} connections were opened and closed: what one more client costs a server
   * that has served some already. A fresh server's first handshakes also pay once for the server itself
   * (a JIT's compiled code and loaded classes, a runtime's buffer pools: about 10 MB for a JVM), so the
   * growth counted from the fresh process is reported beside it, not hidden.
   */
  static JsonObject idle(BenchOptions options, Report report) throws Exception {
    ProcessSampler server = new ProcessSampler(options.serverPid());
    if (!server.enabled()) {
      throw new IllegalArgumentException("idle needs --server-pid to read the server's memory");
    }
    try (LoadClients clients = new LoadClients(options.urls(), options.threads())) {
      long fresh = server.rssBytes();
      warmUp(clients, options);
      long before = server.rssBytes();
      List<Channel> channels = ConnectionOpener.open(clients, options.clients(), LoadClients.FrameListener.IGNORE);
      Thread.sleep(TimeUnit.SECONDS.toMillis(options.holdSeconds()));
      long after = server.rssBytes();
      double perConnection = (after - before) / (double) options.clients();
      double perConnectionFromFresh = (after - fresh) / (double) options.clients();
      ConnectionOpener.closeAll(channels);
      report.line(String.format("%s idle: %d connections, server RSS %d (fresh) → %d (after %d warm-up "
          + "connections) → %d MiB after %d s: %.2f KiB per connection (%.2f counted from the fresh server)",
        options.label(), options.clients(), fresh >> 20, before >> 20, options.warmup(), after >> 20,
        options.holdSeconds(), perConnection / 1024, perConnectionFromFresh / 1024));
      return new JsonObject().put("connections", options.clients()).put("warmupConnections", options.warmup())
        .put("holdSeconds", options.holdSeconds())
        .put("rssFreshBytes", fresh).put("rssBeforeBytes", before).put("rssAfterBytes", after)
        .put("bytesPerConnection", perConnection).put("bytesPerConnectionFromFresh", perConnectionFromFresh);
    }
  }

  /** {@code --clients} clients connect at once; how long until join notices stop, and how many were sent. */
  static JsonObject storm(BenchOptions options, Report report) throws Exception {
    LongAdder noticeFrames = new LongAdder();
    AtomicLong lastNotice = new AtomicLong(System.nanoTime());
    LoadClients.FrameListener countNotices = (ByteBuf content, long receivedMicros) -> {
      if (Frames.contains(content, "\"client_connected\"") || Frames.contains(content, "\"presence\"")) {
        noticeFrames.increment();
        lastNotice.set(System.nanoTime());
      }
    };
    try (LoadClients clients = new LoadClients(options.urls(), options.threads())) {
      long start = System.nanoTime();
      List<Channel> channels = ConnectionOpener.open(clients, options.clients(), countNotices);
      double connectedSeconds = (System.nanoTime() - start) / 1e9;
      while (System.nanoTime() - lastNotice.get() < QUIET_NANOS && System.nanoTime() - start < STORM_LIMIT_NANOS) {
        Thread.sleep(50);
      }
      double quietSeconds = (lastNotice.get() - start) / 1e9;
      ConnectionOpener.closeAll(channels);
      report.line(String.format("%s storm: %d clients connected in %.2f s; notices stopped after %.2f s; "
          + "%d notice frames", options.label(), options.clients(), connectedSeconds, quietSeconds, noticeFrames.sum()));
      return new JsonObject().put("clients", options.clients()).put("connectedSeconds", connectedSeconds)
        .put("quietAfterSeconds", quietSeconds).put("noticeFrames", noticeFrames.sum());
    }
  }
}
