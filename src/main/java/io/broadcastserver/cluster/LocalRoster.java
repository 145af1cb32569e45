package io.broadcastserver.cluster;

import io.broadcastserver.connection.ClientDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's clients, for the other nodes: every verticle instance reports joins and leaves here, and
 * {@link RosterSync} sends them on as numbered updates (and as a full snapshot to a node that asks).
 * Called from every event loop, hence synchronized; a join costs one map entry, not a network call.
 */
public final class LocalRoster implements ClientDirectory {

  /** A batch of changes: update {@code seq} follows update {@code seq - 1}. */
  record Update(long seq, List<RosterClient> joined, List<String> left, long connections) {
  }

  /** Every current client as of update {@code seq}. */
  record Snapshot(long seq, List<RosterClient> clients) {
  }

  private final Map<String, RosterClient> clients = new LinkedHashMap<>();
  private List<RosterClient> joined = new ArrayList<>();
  private List<String> left = new ArrayList<>();
  private long seq;

  @Override
  public synchronized void joined(String clientId, String userId, String name) {
    RosterClient client = new RosterClient(clientId, userId, name);
    clients.put(clientId, client);
    joined.add(client);
  }

  @Override
  public synchronized void left(String clientId) {
    if (clients.remove(clientId) != null) {
      left.add(clientId);
    }
  }

  /** The changes since the last call, numbered; an empty update too, which tells peers we are alive. */
  synchronized Update takeUpdate() {
    Update update = new Update(++seq, joined, left, clients.size());
    joined = new ArrayList<>();
    left = new ArrayList<>();
    return update;
  }

  /** Includes changes not yet sent: they arrive again in the next update, and applying one twice is harmless. */
  synchronized Snapshot snapshot() {
    return new Snapshot(seq, List.copyOf(clients.values()));
  }
}
