package io.broadcastserver.connection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The connections one verticle instance owns, by id. Confined to that instance's event loop: no locks. */
public final class ConnectionRegistry {

  private final Map<String, Connection> connections = new LinkedHashMap<>();

  public void add(Connection connection) {
    connections.put(connection.id(), connection);
  }

  /** @return the removed connection, or null when it was already gone (cleanup runs once) */
  public Connection remove(String id) {
    return connections.remove(id);
  }

  public int size() {
    return connections.size();
  }

  /**
   * Writes the same frame to every connection except one; the frame was encoded once by the caller.
   *
   * @return how many connections got it
   */
  public int fanOut(String frame, String exceptId) {
    int delivered = 0;
    // Iterating the live map is safe: a connection closed in this loop (a slow consumer) leaves the map
    // from its close handler, which Netty runs as a later event-loop task, never inside this loop.
    for (Connection connection : connections.values()) {
      if (!connection.id().equals(exceptId) && connection.send(frame)) {
        delivered++;
      }
    }
    return delivered;
  }

  /** A copy to iterate over while connections may be closed and removed. */
  public List<Connection> snapshot() {
    return new ArrayList<>(connections.values());
  }
}
