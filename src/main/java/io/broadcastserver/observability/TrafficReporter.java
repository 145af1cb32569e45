package io.broadcastserver.observability;

import io.broadcastserver.system.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the periodic 📡 line that sums up traffic since the previous one; quiet while nothing happens. */
public final class TrafficReporter {

  private static final Logger LOG = LoggerFactory.getLogger(TrafficReporter.class);

  private final NodeState state;
  private final LogThrottle throttle;
  private long lastReceived;
  private long lastDelivered;
  private long lastConnections;
  private long lastNanos = System.nanoTime();

  public TrafficReporter(NodeState state, LogThrottle throttle) {
    this.state = state;
    this.throttle = throttle;
  }

  /** Called from one timer, so the fields need no synchronisation. */
  public void report() {
    long received = state.messagesReceived();
    long delivered = state.messagesDelivered();
    long connections = state.connections();
    long now = System.nanoTime();
    long suppressed = throttle.takeSuppressed();
    if (received != lastReceived || delivered != lastDelivered || connections != lastConnections || suppressed > 0) {
      double seconds = Math.max((now - lastNanos) / 1e9, 1e-3);
      LOG.info("{} broadcast stats [connections: {}, received: {} ({}/s), delivered: {} ({}/s), log lines skipped: {}]",
        LogEvent.BROADCAST, connections, received - lastReceived, Math.round((received - lastReceived) / seconds),
        delivered - lastDelivered, Math.round((delivered - lastDelivered) / seconds), suppressed);
    }
    lastReceived = received;
    lastDelivered = delivered;
    lastConnections = connections;
    lastNanos = now;
  }
}
