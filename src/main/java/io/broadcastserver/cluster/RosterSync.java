package io.broadcastserver.cluster;

import io.broadcastserver.bus.Addresses;
import io.broadcastserver.bus.BroadcastBus;
import io.broadcastserver.observability.LogEvent;
import io.broadcastserver.protocol.Outbound;
import io.broadcastserver.system.NodeState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every node's view of the cluster's clients, so that counts are cluster-wide and a dead node's
 * clients are announced as gone.
 *
 * <p>Each node publishes its joins and leaves as numbered updates every {@link #UPDATE_INTERVAL_MS}
 * (an empty one too, as a sign of life), and answers a request for its full roster. A node that sees an
 * unknown peer, or a gap in a peer's numbers, asks that peer for a snapshot. When Hazelcast reports a
 * member gone, every survivor drops its roster and tells its own clients (and only those) that the dead
 * node's clients disconnected, so each client hears of each departure once.
 *
 * <p>Runs on the event loop of the verticle that starts it; membership events hop onto it.
 */
public final class RosterSync {

  /** Counts converge within this (plus the network), far inside the default 30 s heartbeat. */
  static final long UPDATE_INTERVAL_MS = 250;
  private static final long SNAPSHOT_TIMEOUT_MS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(RosterSync.class);

  private final Vertx vertx;
  private final EventBus eventBus;
  private final HazelcastMembership membership;
  private final LocalRoster local;
  private final NodeState state;
  private final BroadcastBus frames;
  private final boolean announce;
  private final int maxIndividualNotices;
  private final int maxIdsPerSummary;
  private final RemoteRosters remote = new RemoteRosters();
  private final String self;
  private long timer = -1;
  private MessageConsumer<JsonObject> updates;

  /**
   * @param announce false: this node's clients are not told that a dead node's clients left (presence.notices)
   * @param maxIndividualNotices a dead node's clients up to this many are announced one by one, more in
   *   one presence summary (the same rule as presence.maxNoticesPerSecond)
   */
  public RosterSync(Vertx vertx, HazelcastMembership membership, LocalRoster local, NodeState state,
                    boolean announce, int maxIndividualNotices, int maxIdsPerSummary) {
    this.vertx = vertx;
    this.eventBus = vertx.eventBus();
    this.membership = membership;
    this.local = local;
    this.state = state;
    this.frames = new BroadcastBus(eventBus);
    this.announce = announce;
    this.maxIndividualNotices = maxIndividualNotices;
    this.maxIdsPerSummary = maxIdsPerSummary;
    this.self = membership.localNode();
  }

  /** Completes once the rosters of the nodes already in the cluster are here, so the first counts are right. */
  public Future<Void> start() {
    state.nodeId(self);
    updates = eventBus.consumer(Addresses.ROSTER_UPDATES, message -> onUpdate(message.body()));
    MessageConsumer<JsonObject> snapshots = eventBus.consumer(Addresses.ROSTER_SNAPSHOT_PREFIX + self,
      request -> request.reply(snapshotJson()));
    var context = vertx.getOrCreateContext();
    membership.listen(
      node -> context.runOnContext(v -> LOG.info("{} cluster node joined [node: {}]", LogEvent.SYSTEM, node)),
      node -> context.runOnContext(v -> nodeLeft(node)));
    timer = vertx.setPeriodic(UPDATE_INTERVAL_MS, id -> publishUpdate());
    return Future.all(updates.completion(), snapshots.completion())
      .compose(registered -> Future.join(membership.nodes().stream().filter(node -> !node.equals(self))
        .map(this::requestSnapshot).toList()))
      .transform(synced -> {
        LOG.info("{} joined the cluster [node: {}, nodes: {}, connections elsewhere: {}]", LogEvent.SYSTEM, self,
          membership.nodes().size(), state.clusterConnections() - state.connections());
        return Future.succeededFuture();
      });
  }

  /** Sends the last changes at once: called after the clients have been drained, before leaving. */
  public void stop() {
    vertx.cancelTimer(timer);
    membership.stopListening();
    // Our own update would otherwise reach our half-closed consumer, which Vert.x reports as discarded.
    updates.unregister().onComplete(unregistered -> publishUpdate());
  }

  private void publishUpdate() {
    LocalRoster.Update update = local.takeUpdate();
    JsonArray joined = new JsonArray();
    update.joined().forEach(client -> joined.add(client.toJson()));
    eventBus.publish(Addresses.ROSTER_UPDATES, new JsonObject().put("node", self).put("seq", update.seq())
      .put("joined", joined).put("left", new JsonArray(update.left())).put("connections", update.connections()));
  }

  private void onUpdate(JsonObject update) {
    String node = update.getString("node");
    if (node.equals(self)) {
      return;
    }
    List<RosterClient> joined = clients(update.getJsonArray("joined"));
    List<String> left = update.getJsonArray("left").stream().map(String.class::cast).toList();
    if (remote.applyUpdate(node, update.getLong("seq"), joined, left)) {
      publishCounts();
    } else {
      requestSnapshot(node);
    }
  }

  private Future<Void> requestSnapshot(String node) {
    return eventBus.<JsonObject>request(Addresses.ROSTER_SNAPSHOT_PREFIX + node, null,
        new DeliveryOptions().setSendTimeout(SNAPSHOT_TIMEOUT_MS))
      .onSuccess(reply -> {
        JsonObject snapshot = reply.body();
        remote.applySnapshot(node, snapshot.getLong("seq"), clients(snapshot.getJsonArray("clients")));
        publishCounts();
      })
      // A node still starting has no answering address yet; its first update brings us back here.
      .onFailure(failure -> LOG.info("{} roster of cluster node {} not available yet: {}", LogEvent.SYSTEM, node,
        failure.getMessage()))
      .otherwiseEmpty()
      .mapEmpty();
  }

  private JsonObject snapshotJson() {
    LocalRoster.Snapshot snapshot = local.snapshot();
    JsonArray clients = new JsonArray();
    snapshot.clients().forEach(client -> clients.add(client.toJson()));
    return new JsonObject().put("node", self).put("seq", snapshot.seq()).put("clients", clients);
  }

  private void nodeLeft(String node) {
    List<RosterClient> lost = remote.removeNode(node);
    publishCounts();
    LOG.info("{} cluster node left [node: {}, its clients: {}, connections now: {}]", LogEvent.ERROR, node,
      lost.size(), state.clusterConnections());
    if (announce && !lost.isEmpty() && !state.isShuttingDown()) {
      announceDeparted(lost);
    }
  }

  /**
   * Tells this node's clients that the dead node's clients are gone: each notice as the node itself would
   * have sent it, or, for more than a handful, one presence summary with the exact count.
   */
  private void announceDeparted(List<RosterClient> lost) {
    long connections = state.clusterConnections();
    if (lost.size() <= maxIndividualNotices) {
      for (RosterClient client : lost) {
        frames.publishOnThisNode(Outbound.clientDisconnected(client.clientId(), client.userId(), client.name(),
          connections), null);
      }
      return;
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < Math.min(maxIdsPerSummary, lost.size()); i++) {
      ids.add(lost.get(i).clientId());
    }
    frames.publishOnThisNode(Outbound.presenceSummary(List.of(), 0, ids, lost.size(), connections), null);
  }

  private void publishCounts() {
    state.peerConnections(remote.connectionsByNode());
  }

  private static List<RosterClient> clients(JsonArray array) {
    List<RosterClient> clients = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      clients.add(RosterClient.fromJson(array.getJsonObject(i)));
    }
    return clients;
  }
}
