package io.broadcastserver.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The clients of every other node, kept from their snapshots and numbered updates. Counting them gives the
 * cluster's connection total; when a node dies, its roster is the list of clients to announce as gone.
 * Used on one event loop only.
 */
final class RemoteRosters {

  private final Map<String, Roster> nodes = new HashMap<>();
  /** Nodes that left: a snapshot answer or update still in flight must not bring them back. */
  private final Set<String> departed = new HashSet<>();

  /**
   * Applies the changes numbered {@code seq} from {@code node}.
   *
   * @return false when this roster cannot apply them (an unknown node, or an update was missed): then
   *   the caller asks that node for a snapshot
   */
  boolean applyUpdate(String node, long seq, List<RosterClient> joined, List<String> left) {
    if (departed.contains(node)) {
      return true;
    }
    Roster roster = nodes.get(node);
    if (roster == null || seq > roster.seq + 1) {
      return false;
    }
    if (seq == roster.seq + 1) {
      // Joins before leaves: a client that came and went within one update is gone afterwards.
      joined.forEach(client -> roster.clients.put(client.clientId(), client));
      left.forEach(roster.clients::remove);
      roster.seq = seq;
    }
    // seq <= roster.seq: already contained in the snapshot this roster came from.
    return true;
  }

  /** Replaces what is known of {@code node} with its full list of clients as of update {@code seq}. */
  void applySnapshot(String node, long seq, List<RosterClient> clients) {
    if (departed.contains(node)) {
      return;
    }
    Roster roster = new Roster(seq);
    clients.forEach(client -> roster.clients.put(client.clientId(), client));
    nodes.put(node, roster);
  }

  /** Forgets a node that left the cluster; @return the clients it had, in the order they joined */
  List<RosterClient> removeNode(String node) {
    departed.add(node);
    Roster roster = nodes.remove(node);
    return roster == null ? List.of() : new ArrayList<>(roster.clients.values());
  }

  boolean knows(String node) {
    return nodes.containsKey(node);
  }

  /** Connections per remote node. */
  Map<String, Long> connectionsByNode() {
    Map<String, Long> counts = new LinkedHashMap<>();
    nodes.forEach((node, roster) -> counts.put(node, (long) roster.clients.size()));
    return counts;
  }

  private static final class Roster {
    private final Map<String, RosterClient> clients = new LinkedHashMap<>();
    private long seq;

    private Roster(long seq) {
      this.seq = seq;
    }
  }
}
