package io.broadcastserver.server;

/**
 * Splits the shutdown grace period so that the process exits within it even when clients never answer
 * the close frame: sockets get most of it, the rest of Vert.x's shutdown the remainder.
 */
public final class ShutdownBudget {

  private ShutdownBudget() {
  }

  /** How long the HTTP server waits for WebSockets to finish closing. */
  public static long socketDrainMs(int graceMs) {
    return graceMs * 3L / 4;
  }

  /** How long one socket waits for the client's close frame; Vert.x takes whole seconds. */
  static int closingTimeoutSeconds(int graceMs) {
    return (int) Math.max(1, socketDrainMs(graceMs) / 2000);
  }

  /** When the launcher stops waiting for Vert.x and exits anyway. */
  public static long hardDeadlineMs(int graceMs) {
    return Math.max(graceMs - 200L, socketDrainMs(graceMs));
  }
}
