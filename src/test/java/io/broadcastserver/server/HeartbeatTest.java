package io.broadcastserver.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.RawWebSocket;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Heartbeats, stats and removal of dead peers")
class HeartbeatTest {

  @Test
  @DisplayName("every client gets a system heartbeat each interval with connections, memory and uptime")
  void heartbeatCarriesStats(Vertx vertx) {
    TestServer server = TestServer.start(vertx, Map.of(Setting.HEARTBEAT_INTERVAL_MS, 200, Setting.HTTP_INSTANCES, 3));
    try (WsTestClient first = WsTestClient.connect(vertx, server.port());
         WsTestClient second = WsTestClient.connect(vertx, server.port())) {
      for (WsTestClient client : new WsTestClient[] {first, second}) {
        JsonObject heartbeat = awaitHeartbeat(client);
        JsonObject stats = heartbeat.getJsonObject("stats");
        assertThat(stats.getLong("connections")).isBetween(1L, 2L);
        JsonObject memory = stats.getJsonObject("memory");
        assertThat(memory.getLong("heapUsed")).isPositive();
        assertThat(memory.getLong("heapMax")).isGreaterThanOrEqualTo(memory.getLong("heapUsed"));
        assertThat(memory.getLong("rss")).isPositive();
        assertThat(stats.getLong("uptimeSeconds")).isNotNegative();
      }
    }
  }

  @Test
  @DisplayName("each client gets one heartbeat per interval, however many instances run")
  void noDuplicateHeartbeats(Vertx vertx) throws InterruptedException {
    TestServer server = TestServer.start(vertx, Map.of(Setting.HEARTBEAT_INTERVAL_MS, 500, Setting.HTTP_INSTANCES, 4));
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      Thread.sleep(2600);
      long heartbeats = client.pending("system").stream().filter(m -> "heartbeat".equals(m.getString("event"))).count();
      // 2.6 s at 500 ms is 5 ticks; one per instance would make 20.
      assertThat(heartbeats).isBetween(4L, 6L);
    }
  }

  @Test
  @DisplayName("a client that answers nothing for two intervals is closed and announced as disconnected")
  void silentPeerIsRemovedAndAnnounced(Vertx vertx) throws Exception {
    // A second per tick: long enough that a loaded machine still delivers the watcher's pongs in time.
    TestServer server = TestServer.start(vertx, Map.of(Setting.HEARTBEAT_INTERVAL_MS, 1000));
    try (WsTestClient watcher = WsTestClient.connect(vertx, server.port());
         RawWebSocket silent = RawWebSocket.connect(server.port(), "/ws")) {
      String silentId = new JsonObject(silent.readText(Duration.ofSeconds(5))).getString("clientId");

      JsonObject left = watcher.await(m -> "client_disconnected".equals(m.getString("type"))
        && silentId.equals(m.getString("clientId")), "the silent client's departure");

      assertThat(left.getLong("connections")).isEqualTo(1);
      assertThat(silent.awaitCloseCode(Duration.ofSeconds(5))).isEqualTo(4001);
      assertThat(watcher.isClosed()).as("a client that answers pings stays").isFalse();
    }
  }

  @Test
  @DisplayName("each heartbeat is followed by an empty ping, and a client that answers only those stays")
  void pingFollowsEveryHeartbeat(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.HEARTBEAT_INTERVAL_MS, 300));
    try (RawWebSocket client = RawWebSocket.connect(server.port(), "/ws")) {
      String previousText = null;
      // Five ticks: past the two silent intervals after which a client is closed, so only its pongs keep it.
      for (int pings = 0; pings < 5; ) {
        RawWebSocket.Frame frame = client.readFrame(Duration.ofSeconds(5));
        assertThat(frame.opcode()).as("closed although it answered every ping").isNotEqualTo(RawWebSocket.CLOSE);
        if (frame.opcode() == RawWebSocket.TEXT) {
          previousText = frame.text();
        } else if (frame.opcode() == RawWebSocket.PING) {
          assertThat(frame.payload()).isEmpty();
          assertThat(new JsonObject(previousText).getString("event")).isEqualTo("heartbeat");
          previousText = null;
          client.sendFrame(RawWebSocket.PONG, frame.payload(), true, true);
          pings++;
        }
      }
    }
  }

  private static JsonObject awaitHeartbeat(WsTestClient client) {
    return client.await(m -> "system".equals(m.getString("type")) && "heartbeat".equals(m.getString("event")),
      "a heartbeat");
  }
}
