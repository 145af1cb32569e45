package io.broadcastserver.connection;

import io.broadcastserver.bus.BroadcastBus;
import io.broadcastserver.protocol.Outbound;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells clients who joined and left. Within a budget each join or leave is its own
 * {@code client_connected} / {@code client_disconnected} notice, as the seed did. Beyond it (a connect
 * storm, a mass reconnect) the notices are coalesced into one {@code system} {@code presence} summary per
 * interval with exact counts and the first ids, because N individual notices to N clients cost O(N²)
 * frames. The budget is both {@code presence.maxNoticesPerSecond} notices and
 * {@code presence.maxNoticeFramesPerSecond} frames (one per recipient): a count of notices alone let 50
 * notices a second to 10,000 clients cost half a million frames a second, and the accept loop starved.
 * Shared by every verticle instance of the process, hence synchronized (joins are rare events).
 * Every join and leave is also recorded in the node's {@link ClientDirectory} (the cluster roster), also
 * when {@code presence.notices} is off and clients are told nothing.
 */
public final class PresenceNotices {

  private final BroadcastBus bus;
  private final ClientDirectory directory;
  private final boolean announce;
  private final int maxNoticesPerSecond;
  private final long maxFramesPerSecond;
  private final int maxIdsPerSummary;
  private final List<String> joined = new ArrayList<>();
  private final List<String> left = new ArrayList<>();
  private long joinedCount;
  private long leftCount;
  private long lastConnections;
  private long windowSecond;
  private int noticesInWindow;
  private long framesInWindow;
  private boolean silenced;

  /** @param announce false: clients are told of no join or leave (presence.notices) */
  public PresenceNotices(BroadcastBus bus, ClientDirectory directory, boolean announce, int maxNoticesPerSecond,
                         long maxFramesPerSecond, int maxIdsPerSummary) {
    this.bus = bus;
    this.directory = directory;
    this.announce = announce;
    this.maxNoticesPerSecond = maxNoticesPerSecond;
    this.maxFramesPerSecond = maxFramesPerSecond;
    this.maxIdsPerSummary = maxIdsPerSummary;
  }

  /** @param userId the token's sub (the client id when the server runs open); @param name or null */
  public synchronized void joined(String clientId, String userId, String name, long connections) {
    directory.joined(clientId, userId, name);
    if (!announce) {
      return;
    }
    if (withinBudget(connections)) {
      bus.publishExcept(Outbound.clientConnected(clientId, userId, name, connections), clientId);
    } else {
      joinedCount++;
      remember(joined, clientId);
      lastConnections = connections;
    }
  }

  public synchronized void left(String clientId, String userId, String name, long connections) {
    directory.left(clientId);
    if (!announce || silenced) {
      return;
    }
    if (withinBudget(connections)) {
      bus.publishExcept(Outbound.clientDisconnected(clientId, userId, name, connections), clientId);
    } else {
      leftCount++;
      remember(left, clientId);
      lastConnections = connections;
    }
  }

  /**
   * No more leave notices: when a single server shuts down, every client leaves at once, and N notices to
   * N clients would only delay the exit. (A cluster node keeps announcing: the other nodes' clients stay.)
   */
  public synchronized void silence() {
    silenced = true;
  }

  /** Called every summary interval: sends what was coalesced since the last call, if anything. */
  public synchronized void flushSummary(long connections) {
    if (joinedCount == 0 && leftCount == 0) {
      return;
    }
    bus.publishExcept(Outbound.presenceSummary(List.copyOf(joined), joinedCount, List.copyOf(left), leftCount,
      connections >= 0 ? connections : lastConnections), null);
    joined.clear();
    left.clear();
    joinedCount = 0;
    leftCount = 0;
  }

  private void remember(List<String> ids, String clientId) {
    if (ids.size() < maxIdsPerSummary) {
      ids.add(clientId);
    }
  }

  /** @param recipients roughly how many clients the notice goes to: the frames it costs */
  private boolean withinBudget(long recipients) {
    long second = System.nanoTime() / 1_000_000_000L;
    if (second != windowSecond) {
      windowSecond = second;
      noticesInWindow = 0;
      framesInWindow = 0;
    }
    if (noticesInWindow >= maxNoticesPerSecond || framesInWindow + recipients > maxFramesPerSecond) {
      return false;
    }
    noticesInWindow++;
    framesInWindow += recipients;
    return true;
  }
}
