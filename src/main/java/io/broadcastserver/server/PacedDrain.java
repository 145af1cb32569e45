package io.broadcastserver.server;

import io.broadcastserver.connection.Connection;
import io.broadcastserver.protocol.CloseCode;
import io.broadcastserver.protocol.Outbound;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How a clustered node lets its clients go on SIGTERM during a rolling deploy: each client is told in its
 * {@code shutdown} notice how long to wait after the close before reconnecting (a random
 * {@code retryAfterMs}), and the closes themselves are spread evenly over the grace period. Closing
 * every client at once and letting them all reconnect at once would hand the surviving nodes a
 * thundering herd of handshakes.
 */
final class PacedDrain {

  private static final String MESSAGE = "this node is shutting down; reconnect after retryAfterMs";

  private final Vertx vertx;
  private final long spreadMs;
  private final RandomGenerator random;

  PacedDrain(Vertx vertx, long spreadMs, RandomGenerator random) {
    this.vertx = vertx;
    this.spreadMs = spreadMs;
    this.random = random;
  }

  /**
   * The part of the grace period over which closes are spread: what the sockets get, less the time the
   * last close handshake may take, so that even the last client is closed cleanly before the deadline.
   */
  static long spreadMs(int graceMs) {
    long closingMs = ShutdownBudget.closingTimeoutSeconds(graceMs) * 1000L;
    return Math.max(0, ShutdownBudget.socketDrainMs(graceMs) - closingMs - 250);
  }

  /** Tells every client now and closes the i-th of n at {@code spread * i / (n - 1)}. */
  void start(List<Connection> connections) {
    int count = connections.size();
    for (int i = 0; i < count; i++) {
      Connection connection = connections.get(i);
      connection.send(Outbound.shutdown(MESSAGE, random.nextLong(spreadMs + 1)));
      long closeAtMs = count == 1 ? 0 : spreadMs * i / (count - 1);
      // Timers need a delay of at least 1 ms.
      vertx.setTimer(Math.max(1, closeAtMs), id -> connection.close(CloseCode.GOING_AWAY));
    }
  }
}
