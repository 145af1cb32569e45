package io.broadcastserver.connection;

import io.broadcastserver.system.NodeState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The connections one verticle instance owns, by id. Confined to that instance's event loop: no locks. */
public final class ConnectionRegistry {

  private final Map<String, Connection> connections = new LinkedHashMap<>();
  private final NodeState state;

  public ConnectionRegistry(NodeState state) {
    this.state = state;
  }

  public void add(Connection connection) {
    connections.put(connection.id(), connection);
  }

  /** @return the removed connection, or null when it was already gone (cleanup runs once) */
  public Connection remove(String id) {
    return connections.remove(id);
  }

  /** Bytes queued for all these connections and not yet sent; O(connections), so call it rarely. */
  public long pendingBytes() {
    long total = 0;
    for (Connection connection : connections.values()) {
      total += connection.pendingBytes();
    }
    return total;
  }

  public int size() {
    return connections.size();
  }

  /**
   * Writes the same frame to every connection except one, encoding it once for all of them.
   *
   * @return how many connections got it
   */
  public int fanOut(String json, String exceptId) {
    try (SharedFrame frame = SharedFrame.text(json)) {
      return fanOut(frame, exceptId);
    }
  }

  /** Like {@link #fanOut(String, String)} for a frame the caller encoded. */
  public int fanOut(SharedFrame frame, String exceptId) {
    // One lookup, then reference comparisons: cheaper than comparing the id string per client.
    Connection excepted = exceptId == null ? null : connections.get(exceptId);
    int delivered = 0;
    // Iterating the live map is safe: a connection closed in this loop (a slow consumer) leaves the map
    // from its close handler, which Netty runs as a later event-loop task, never inside this loop.
    for (Connection connection : connections.values()) {
      if (connection != excepted && connection.queue(frame)) {
        delivered++;
      }
    }
    state.framesDelivered(delivered, frame.size());
    return delivered;
  }

  /** A copy to iterate over while connections may be closed and removed. */
  public List<Connection> snapshot() {
    return new ArrayList<>(connections.values());
  }
}
