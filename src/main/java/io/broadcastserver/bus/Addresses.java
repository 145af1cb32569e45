package io.broadcastserver.bus;

/** Event-bus addresses. Cluster-wide unless the name ends in {@code .local}. */
public final class Addresses {

  /**
   * Frames for every client except one: broadcasts (except their sender) and join/leave notices (except
   * the client concerned). Body: the encoded frame as a String; header {@link #EXCEPT_HEADER}.
   */
  public static final String FRAMES = "broadcast.frames";

  /** Header naming the client id that must not receive the frame. */
  public static final String EXCEPT_HEADER = "except";

  /** Header with the publisher's {@code System.nanoTime()}: comparable only within one process. */
  public static final String PUBLISHED_NANOS_HEADER = "published-nanos";

  private Addresses() {
  }
}
