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

  /** Header naming the process that published, so a node knows whether the publish time is its own clock. */
  public static final String ORIGIN_HEADER = "origin";

  /** Cluster roster updates: each node's joins and leaves, numbered (body: JSON). */
  public static final String ROSTER_UPDATES = "broadcast.roster";

  /** Where a node answers requests for its full roster; the node id follows. */
  public static final String ROSTER_SNAPSHOT_PREFIX = "broadcast.roster.snapshot.";

  private Addresses() {
  }
}
