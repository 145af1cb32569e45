package io.broadcastserver.system;

import io.broadcastserver.observability.ServerMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * State shared by every verticle instance of this process: the connection count, traffic totals and the
 * shutting-down flag. Everything else lives in one verticle and its event loop; these are atomics because
 * several event loops update them.
 */
public final class NodeState {

  private final long startNanos = System.nanoTime();
  private final AtomicLong connections = new AtomicLong();
  private final LongAdder messagesReceived = new LongAdder();
  private final LongAdder messagesDelivered = new LongAdder();
  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private final AtomicLong closedOnShutdown = new AtomicLong();
  private final LongAdder slowConsumersDisconnected = new LongAdder();
  private final LongAdder bytesReceived = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();
  private final AtomicBoolean ready = new AtomicBoolean();
  private final Map<Object, Long> pendingBytesByInstance = new ConcurrentHashMap<>();
  private final IdGenerator ids = new IdGenerator();
  private final ServerMetrics metrics;
  /** Connections of the other cluster nodes, by node id; empty when not clustered. Replaced, never mutated. */
  private volatile Map<String, Long> peerConnections = Map.of();
  private volatile long peerConnectionsTotal;
  private volatile String nodeId;

  /** With a registry of its own (tests, embedding). */
  public NodeState() {
    this(ServerMetrics.newRegistry());
  }

  /** @param registry where the meters go; Main shares it with Vert.x's own metrics */
  public NodeState(PrometheusMeterRegistry registry) {
    this.metrics = new ServerMetrics(registry, this);
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  /** Every instance is listening: the server takes connections (GET /ready). */
  public void markReady() {
    ready.set(true);
  }

  /** Ready until shutdown begins. */
  public boolean isReady() {
    return ready.get() && !isShuttingDown();
  }

  public void bytesReceived(long count) {
    bytesReceived.add(count);
  }

  public long bytesReceived() {
    return bytesReceived.sum();
  }

  /** Each verticle instance reports its write-queue depth here once a second. */
  public void pendingBytes(Object instance, long bytes) {
    pendingBytesByInstance.put(instance, bytes);
  }

  /** Bytes queued for clients on this node and not yet sent, as last reported by each instance. */
  public long pendingBytes() {
    long total = 0;
    for (long bytes : pendingBytesByInstance.values()) {
      total += bytes;
    }
    return total;
  }

  public long bytesSent() {
    return bytesSent.sum();
  }

  public IdGenerator ids() {
    return ids;
  }

  /** @return the cluster's count (this node's, when not clustered) including the new connection */
  public long connectionOpened() {
    return connections.incrementAndGet() + peerConnectionsTotal;
  }

  /** @return the cluster's count without the closed connection */
  public long connectionClosed() {
    return connections.decrementAndGet() + peerConnectionsTotal;
  }

  /** Connections to this node. */
  public long connections() {
    return connections.get();
  }

  /** Connections to every node of the cluster: what clients are told (this node's alone when not clustered). */
  public long clusterConnections() {
    return connections.get() + peerConnectionsTotal;
  }

  /** The other nodes' connection counts, as the cluster roster last saw them. */
  public void peerConnections(Map<String, Long> byNode) {
    Map<String, Long> copy = Map.copyOf(byNode);
    peerConnections = copy;
    peerConnectionsTotal = copy.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> peerConnections() {
    return peerConnections;
  }

  /** This node's id in the cluster, or null when not clustered. */
  public String nodeId() {
    return nodeId;
  }

  public void nodeId(String id) {
    nodeId = id;
  }

  public void messageReceived() {
    messagesReceived.increment();
  }

  public void messagesDelivered(long count) {
    messagesDelivered.add(count);
  }

  /** One frame of {@code bytes} written to a client. */
  /** One frame of {@code frameBytes} went to {@code recipients} clients; counted once per fan-out, not per client. */
  public void framesDelivered(int recipients, int frameBytes) {
    messagesDelivered.add(recipients);
    bytesSent.add((long) recipients * frameBytes);
  }

  public long messagesReceived() {
    return messagesReceived.sum();
  }

  public long messagesDelivered() {
    return messagesDelivered.sum();
  }

  /** Flips to shutting down; @return true for the first caller only, so the sequence runs once. */
  public boolean beginShutdown() {
    return shuttingDown.compareAndSet(false, true);
  }

  public boolean isShuttingDown() {
    return shuttingDown.get();
  }

  public void closedOnShutdown(long count) {
    closedOnShutdown.addAndGet(count);
  }

  public long closedOnShutdown() {
    return closedOnShutdown.get();
  }

  public void slowConsumerDisconnected() {
    slowConsumersDisconnected.increment();
  }

  /** Clients closed with 4008 because they could not keep up. */
  public long slowConsumersDisconnected() {
    return slowConsumersDisconnected.sum();
  }

  public long uptimeSeconds() {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
  }

  public ServerStats snapshot() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new ServerStats(clusterConnections(), heap.getUsed(), heap.getMax(), ProcessMemory.residentBytes(),
      uptimeSeconds(), messagesReceived(), messagesDelivered());
  }
}
