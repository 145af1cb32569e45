package io.broadcastserver.system;

import io.broadcastserver.connection.Connection;
import io.broadcastserver.connection.ConnectionRegistry;
import io.broadcastserver.connection.SharedFrame;
import io.broadcastserver.observability.LogEvent;
import io.broadcastserver.protocol.CloseCode;
import io.broadcastserver.protocol.Outbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One verticle instance's heartbeat: on every tick each of its clients gets the {@code system} heartbeat
 * with the stats and a WebSocket ping, and clients silent for more than two intervals are closed. Each
 * instance ticks for its own clients only, so nobody gets a heartbeat twice.
 */
public final class Heartbeat {

  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
  /** Ticks without a sign of life after which a client counts as gone: more than two intervals. */
  private static final long SILENT_TICKS_ALLOWED = 2;

  private final ConnectionRegistry registry;
  private final NodeState state;
  private long tick;

  public Heartbeat(ConnectionRegistry registry, NodeState state) {
    this.registry = registry;
    this.state = state;
  }

  /** The tick count, which connections record as the time they were last heard from. */
  public long currentTick() {
    return tick;
  }

  public void tick() {
    tick++;
    try (SharedFrame frame = SharedFrame.text(Outbound.heartbeat(state.snapshot()));
         SharedFrame ping = SharedFrame.emptyPing()) {
      for (Connection connection : registry.snapshot()) {
        if (tick - connection.lastSeenTick() > SILENT_TICKS_ALLOWED) {
          LOG.info("{} client silent for two heartbeats, closing [id: {}, remote: {}]", LogEvent.ERROR,
            connection.id(), connection.remote());
          connection.close(CloseCode.HEARTBEAT_TIMEOUT);
        } else {
          connection.send(frame);
          connection.ping(ping);
        }
      }
    }
  }
}
