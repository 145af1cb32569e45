package io.broadcastserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.support.RawHttp;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three real nodes on loopback with clients on each, through the life of a cluster: broadcasts and counts
 * while all are up, one node killed with SIGKILL and started again, and one drained with SIGTERM. The
 * steps share one cluster (starting three JVMs with Hazelcast takes long) and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final int NODES = 3;
  private static final int CLIENTS_PER_NODE = 3;
  private static final int GRACE_MS = 6000;
  /** Hazelcast declares a silent member dead after 5 s (conf/cluster.xml); the rest is a loaded machine's slack. */
  private static final Duration DEATH_NOTICED = Duration.ofSeconds(30);
  private static final Duration CONVERGED = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final ClusterNodes cluster = new ClusterNodes(NODES, Map.of(
    "BROADCAST_HEARTBEAT_INTERVAL_MS", "1000",
    "BROADCAST_SHUTDOWN_GRACE_MS", Integer.toString(GRACE_MS)));
  /** clients.get(node) are the clients connected to that node. */
  private final List<List<WsTestClient>> clients = new ArrayList<>();

  @BeforeAll
  void startCluster() {
    cluster.startAll();
    for (int node = 0; node < NODES; node++) {
      List<WsTestClient> onNode = new ArrayList<>();
      for (int i = 0; i < CLIENTS_PER_NODE; i++) {
        onNode.add(WsTestClient.connect(vertx, cluster.port(node)));
      }
      clients.add(onNode);
    }
  }

  @AfterAll
  void stopCluster() {
    clients.forEach(onNode -> onNode.forEach(WsTestClient::close));
    cluster.close();
    vertx.close().await();
  }

  @Test
  @Order(1)
  void countsAreTheClustersTotalOnEveryNode() throws Exception {
    int total = NODES * CLIENTS_PER_NODE;
    cluster.awaitConnections(total, CONVERGED, 0, 1, 2);
    JsonObject stats = cluster.stats(1);
    assertThat(stats.getJsonObject("cluster").getJsonArray("nodes")).hasSize(NODES);
    // A heartbeat (every second here) carries the total too.
    clients.get(2).get(0).await(m -> "system".equals(m.getString("type")) && "heartbeat".equals(m.getString("event"))
      && m.getJsonObject("stats").getLong("connections") == total, "a heartbeat counting " + total);
    // A newcomer is welcomed with the cluster's count, itself included.
    try (WsTestClient newcomer = WsTestClient.connect(vertx, cluster.port(0))) {
      assertThat(newcomer.welcome().getLong("connections")).isEqualTo(total + 1);
      // Its join notice reaches the clients of the other nodes.
      clients.get(2).get(1).await(m -> "client_connected".equals(m.getString("type"))
        && newcomer.clientId().equals(m.getString("clientId")), "the newcomer's join notice on node 3");
    }
    cluster.awaitConnections(total, CONVERGED, 0, 1, 2);
  }

  @Test
  @Order(2)
  void everyMessageReachesEveryOtherClientOnEveryNodeExactlyOnce() throws Exception {
    List<WsTestClient> all = clients.stream().flatMap(List::stream).toList();
    for (WsTestClient sender : all) {
      sender.sendMessage(new JsonObject().put("from", sender.clientId()));
    }
    for (WsTestClient receiver : all) {
      Set<String> senders = new HashSet<>();
      for (int i = 0; i < all.size() - 1; i++) {
        JsonObject broadcast = receiver.awaitType("broadcast");
        assertThat(senders.add(broadcast.getJsonObject("data").getString("from")))
          .as("a second copy of a broadcast").isTrue();
      }
      assertThat(senders).doesNotContain(receiver.clientId()).hasSize(all.size() - 1);
      assertThat(receiver.awaitType("echo").getJsonObject("data").getString("from")).isEqualTo(receiver.clientId());
    }
    // Nothing arrives twice late either.
    for (WsTestClient receiver : all) {
      receiver.assertNoMessage("broadcast", Duration.ofMillis(receiver == all.get(0) ? 1000 : 0));
    }
  }

  @Test
  @Order(3)
  void aKilledNodesClientsAreAnnouncedAndItRejoinsWhenStartedAgain() throws Exception {
    List<String> lostIds = clients.get(2).stream().map(WsTestClient::clientId).toList();
    cluster.node(2).kill();
    long killedAt = System.nanoTime();
    // Each survivor's clients hear of each lost client once.
    for (int node = 0; node < 2; node++) {
      for (WsTestClient survivor : clients.get(node)) {
        for (String lost : lostIds) {
          survivor.await(m -> "client_disconnected".equals(m.getString("type")) && lost.equals(m.getString("clientId")),
            "the killed node's client " + lost + " announced", DEATH_NOTICED);
        }
      }
    }
    long noticedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    cluster.awaitConnections(2L * CLIENTS_PER_NODE, CONVERGED, 0, 1);
    assertThat(noticedMs).as("ms until the death was announced").isLessThan(DEATH_NOTICED.toMillis());
    Thread.sleep(500);
    for (WsTestClient survivor : clients.get(0)) {
      assertThat(survivor.pending("client_disconnected")).as("a lost client announced twice")
        .noneMatch(notice -> lostIds.contains(notice.getString("clientId")));
    }

    // Back with the same ports: it rejoins without a restart of the others and takes part in broadcasts.
    clients.get(2).forEach(WsTestClient::close);
    clients.get(2).clear();
    cluster.restart(2);
    WsTestClient returning = WsTestClient.connect(vertx, cluster.port(2));
    clients.get(2).add(returning);
    cluster.awaitConnections(2L * CLIENTS_PER_NODE + 1, CONVERGED, 0, 1, 2);
    clients.get(0).get(0).sendMessage("after the restart");
    assertThat(returning.awaitType("broadcast").getString("data")).isEqualTo("after the restart");
    returning.sendMessage("from the restarted node");
    assertThat(clients.get(1).get(0).await(m -> "broadcast".equals(m.getString("type"))
      && "from the restarted node".equals(m.getString("data")), "a broadcast from the restarted node")).isNotNull();
  }

  @Test
  @Order(4)
  void sigtermDrainsTheNodesClientsGraduallyWithRetryAdvice() throws Exception {
    ServerProcess draining = cluster.node(1);
    List<WsTestClient> leaving = clients.get(1);
    long signalledAt = System.nanoTime();
    draining.signal("TERM");

    for (WsTestClient client : leaving) {
      JsonObject shutdown = client.await(m -> "system".equals(m.getString("type"))
        && "shutdown".equals(m.getString("event")), "the shutdown notice");
      assertThat(shutdown.getLong("retryAfterMs")).isBetween(0L, (long) GRACE_MS);
    }
    // While it drains, the node says it is not ready and takes no new clients.
    RawHttp.Response ready = RawHttp.get(cluster.port(1), "/ready");
    assertThat(ready.status()).isEqualTo(503);
    for (WsTestClient client : leaving) {
      assertThat(client.awaitClose()).isEqualTo((short) 1001);
    }
    long first = leaving.stream().mapToLong(WsTestClient::closedAtNanos).min().orElseThrow();
    long last = leaving.stream().mapToLong(WsTestClient::closedAtNanos).max().orElseThrow();
    // Each instance spreads its clients' closes from 0 to 2.25 s (for a 6 s grace period); with three
    // clients on two instances, one holds at least two, so the closes are at least that far apart.
    assertThat(TimeUnit.NANOSECONDS.toMillis(last - first)).as("ms between the first and last close")
      .isGreaterThan(1500);
    assertThat(TimeUnit.NANOSECONDS.toMillis(last - signalledAt)).isLessThan(GRACE_MS);
    assertThat(draining.awaitExit(Duration.ofMillis(GRACE_MS + 5000))).isZero();

    // The other nodes' clients were told, and the counts agree again.
    for (WsTestClient left : leaving) {
      clients.get(0).get(0).await(m -> "client_disconnected".equals(m.getString("type"))
        && left.clientId().equals(m.getString("clientId")), "the drained client announced");
    }
    cluster.awaitConnections(CLIENTS_PER_NODE + 1, CONVERGED, 0, 2);
  }
}
