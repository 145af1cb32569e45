package io.broadcastserver.observability;

import io.broadcastserver.protocol.ErrorCode;
import io.broadcastserver.system.NodeState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's own Prometheus meters, named {@code broadcast_*}. Totals that {@link NodeState} already
 * counts are exposed as function counters reading those counts, so nothing is counted twice and the
 * message path pays nothing extra; the tagged counters and timers are resolved once, never per message.
 * Tags are low-cardinality: a close reason, an error code, a refusal reason — never a client id.
 */
public final class ServerMetrics {

  private final PrometheusMeterRegistry registry;
  private final Counter connectionsOpened;
  /** Close codes as reason tags: RFC 6455's and our own (docs/protocol.md). Anything else is "other". */
  private static final Map<Integer, String> CLOSE_REASONS = Map.ofEntries(Map.entry(1000, "normal"),
    Map.entry(1001, "going_away"), Map.entry(1002, "protocol_error"), Map.entry(1003, "unsupported_data"),
    Map.entry(1005, "no_status"), Map.entry(1006, "abnormal"), Map.entry(1007, "invalid_payload"),
    Map.entry(1008, "policy_violation"), Map.entry(1009, "message_too_big"), Map.entry(1011, "internal_error"),
    Map.entry(4001, "heartbeat_timeout"), Map.entry(4005, "token_expired"), Map.entry(4008, "slow_consumer"));

  private final Map<Integer, Counter> closedByCode = new ConcurrentHashMap<>();
  private final Counter closedOther;
  private final Map<ErrorCode, Counter> refusedByCode = new EnumMap<>(ErrorCode.class);
  private final Map<String, Counter> handshakesRefused = new ConcurrentHashMap<>();
  private final Timer fanout;
  private final Timer clientLatency;

  public ServerMetrics(PrometheusMeterRegistry registry, NodeState state) {
    this.registry = registry;
    Gauge.builder("broadcast.connections", state, NodeState::connections)
      .description("Open WebSocket connections on this node").register(registry);
    connectionsOpened = Counter.builder("broadcast.connections.opened")
      .description("WebSocket connections accepted").register(registry);
    CLOSE_REASONS.forEach((code, reason) -> closedByCode.put(code, closedCounter(reason)));
    closedOther = closedCounter("other");
    FunctionCounter.builder("broadcast.messages.received", state, NodeState::messagesReceived)
      .description("Messages accepted from clients and the publish API").register(registry);
    FunctionCounter.builder("broadcast.messages.delivered", state, NodeState::messagesDelivered)
      .description("Frames written to clients: echoes, broadcasts, notices, heartbeats").register(registry);
    FunctionCounter.builder("broadcast.received", state, NodeState::bytesReceived).baseUnit("bytes")
      .description("Bytes of client text messages received").register(registry);
    FunctionCounter.builder("broadcast.sent", state, NodeState::bytesSent).baseUnit("bytes")
      .description("Bytes of frames written to clients").register(registry);
    FunctionCounter.builder("broadcast.slow.consumers", state, NodeState::slowConsumersDisconnected)
      .description("Clients closed with 4008 because they read too slowly").register(registry);
    Gauge.builder("broadcast.write.queue", state, NodeState::pendingBytes).baseUnit("bytes")
      .description("Bytes queued for clients and not yet sent (sampled each second)").register(registry);
    for (ErrorCode code : ErrorCode.values()) {
      refusedByCode.put(code, Counter.builder("broadcast.messages.refused").tag("code", code.wireName())
        .description("Client messages answered with an error").register(registry));
    }
    fanout = Timer.builder("broadcast.fanout").description("From receipt of a message to its last write on this node")
      .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
      .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    clientLatency = Timer.builder("broadcast.client.latency")
      .description("Echo round trip reported by clients (opt-in, sampled)")
      .publishPercentiles(0.5, 0.99).publishPercentileHistogram().distributionStatisticExpiry(Duration.ofMinutes(1))
      .distributionStatisticBufferLength(2).minimumExpectedValue(Duration.ofNanos(100_000))
      .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** A registry for a server that is not given one (tests, embedding). */
  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void connectionOpened() {
    connectionsOpened.increment();
  }

  /** @param closeStatus the close code of the socket, or null when it closed without one */
  public void connectionClosed(Short closeStatus) {
    Counter counter = closeStatus == null ? closedByCode.get(1006) : closedByCode.get((int) closeStatus);
    (counter == null ? closedOther : counter).increment();
  }

  public void messageRefused(ErrorCode code) {
    refusedByCode.get(code).increment();
  }

  /** @param reason a fixed word such as {@code unauthorized} or {@code origin}: never client text */
  public void handshakeRefused(String reason) {
    handshakesRefused.computeIfAbsent(reason, r -> Counter.builder("broadcast.handshakes.refused").tag("reason", r)
      .description("Upgrade requests refused before the WebSocket opened").register(registry)).increment();
  }

  public void fanoutTook(long nanos) {
    fanout.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void clientLatency(double millis) {
    clientLatency.record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
  }

  /** p50 and p99 of the client-reported latency over about the last minute, in milliseconds (NaN: none). */
  public double[] clientLatencyPercentilesMs() {
    double[] result = {Double.NaN, Double.NaN};
    for (ValueAtPercentile value : clientLatency.takeSnapshot().percentileValues()) {
      int index = value.percentile() == 0.5 ? 0 : 1;
      result[index] = value.value(TimeUnit.MILLISECONDS);
    }
    return clientLatency.count() == 0 ? new double[] {Double.NaN, Double.NaN} : result;
  }

  /** The Prometheus text exposition of every meter, ours and Vert.x's. */
  public String scrape() {
    return registry.scrape();
  }

  private Counter closedCounter(String reason) {
    return Counter.builder("broadcast.connections.closed").tag("reason", reason)
      .description("WebSocket connections closed, by close reason").register(registry);
  }
}
