package io.broadcastserver.connection;

import io.broadcastserver.bus.BroadcastBus;
import io.broadcastserver.protocol.Outbound;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells clients who joined and left. Below {@code presence.maxNoticesPerSecond} each join or leave is its
 * own {@code client_connected} / {@code client_disconnected} notice, as the seed did. Above it (a connect
 * storm, a mass reconnect) the notices are coalesced into one {@code system} {@code presence} summary per
 * interval with exact counts and the first ids, because N individual notices to N clients cost O(N²)
 * frames. Shared by every verticle instance of the process, hence synchronized (joins are rare events).
 */
public final class PresenceNotices {

  private final BroadcastBus bus;
  private final int maxNoticesPerSecond;
  private final int maxIdsPerSummary;
  private final List<String> joined = new ArrayList<>();
  private final List<String> left = new ArrayList<>();
  private long joinedCount;
  private long leftCount;
  private long lastConnections;
  private long windowSecond;
  private int noticesInWindow;

  public PresenceNotices(BroadcastBus bus, int maxNoticesPerSecond, int maxIdsPerSummary) {
    this.bus = bus;
    this.maxNoticesPerSecond = maxNoticesPerSecond;
    this.maxIdsPerSummary = maxIdsPerSummary;
  }

  /** @param userId the token's sub (the client id when the server runs open); @param name or null */
  public synchronized void joined(String clientId, String userId, String name, long connections) {
    if (withinRate()) {
      bus.publishExcept(Outbound.clientConnected(clientId, userId, name, connections), clientId);
    } else {
      joinedCount++;
      remember(joined, clientId);
      lastConnections = connections;
    }
  }

  public synchronized void left(String clientId, String userId, String name, long connections) {
    if (withinRate()) {
      bus.publishExcept(Outbound.clientDisconnected(clientId, userId, name, connections), clientId);
    } else {
      leftCount++;
      remember(left, clientId);
      lastConnections = connections;
    }
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

  private boolean withinRate() {
    long second = System.nanoTime() / 1_000_000_000L;
    if (second != windowSecond) {
      windowSecond = second;
      noticesInWindow = 0;
    }
    return ++noticesInWindow <= maxNoticesPerSecond;
  }
}
