package io.broadcastserver.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Welcome, echo, broadcast and join/leave notices")
class BroadcastTest {

  private final List<WsTestClient> clients = new ArrayList<>();

  @AfterEach
  void closeClients() {
    clients.forEach(WsTestClient::close);
  }

  private WsTestClient connect(Vertx vertx, TestServer server) {
    WsTestClient client = WsTestClient.connect(vertx, server.port());
    clients.add(client);
    return client;
  }

  @Test
  @DisplayName("a new client is welcomed with its id, the server's connection count and the heartbeat interval")
  void welcomeCarriesClientIdCountAndHeartbeatInterval(Vertx vertx) {
    TestServer server = TestServer.start(vertx, Map.of(Setting.HEARTBEAT_INTERVAL_MS, 12_345));
    JsonObject first = connect(vertx, server).welcome();
    JsonObject second = connect(vertx, server).welcome();

    assertThat(first.getString("clientId")).isNotBlank();
    assertThat(second.getString("clientId")).isNotEqualTo(first.getString("clientId"));
    assertThat(first.getLong("connections")).isEqualTo(1);
    assertThat(second.getLong("connections")).isEqualTo(2);
    assertThat(second.getInteger("heartbeatIntervalMs")).isEqualTo(12_345);
    assertThat(Instant.parse(second.getString("timestamp"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
  }

  @Test
  @DisplayName("the '/' path of the seed works as well as '/ws'")
  void rootPathAcceptsWebSockets(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    WsTestClient atRoot = WsTestClient.connect(vertx, server.port(), "/");
    clients.add(atRoot);
    assertThat(atRoot.clientId()).isNotBlank();
  }

  @Test
  @DisplayName("a message is echoed to its sender and broadcast to every other client, never back to the sender")
  void broadcastReachesEveryOtherClientButNotTheSender(Vertx vertx) throws InterruptedException {
    TestServer server = TestServer.start(vertx);
    WsTestClient sender = connect(vertx, server);
    WsTestClient first = connect(vertx, server);
    WsTestClient second = connect(vertx, server);
    JsonObject data = new JsonObject().put("text", "привет 👋").put("n", 42).put("list", new JsonArray().add(1.5).add(true));

    sender.sendMessage(data);

    JsonObject echo = sender.awaitType("echo");
    assertThat(echo.getJsonObject("data")).isEqualTo(data);
    assertThat(echo.getString("id")).isNotBlank();
    Instant.parse(echo.getString("timestamp"));
    for (WsTestClient other : List.of(first, second)) {
      JsonObject broadcast = other.awaitType("broadcast");
      assertThat(broadcast.getJsonObject("data")).isEqualTo(data);
      assertThat(broadcast.getString("from")).isEqualTo(sender.clientId());
      assertThat(broadcast.getString("id")).isEqualTo(echo.getString("id"));
      assertThat(broadcast.getString("timestamp")).isEqualTo(echo.getString("timestamp"));
    }
    sender.assertNoMessage("broadcast", Duration.ofMillis(300));
  }

  @Test
  @DisplayName("data of any JSON kind is relayed exactly, including scalars, null and white space inside")
  void anyJsonValueIsRelayedUnchanged(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    WsTestClient sender = connect(vertx, server);
    WsTestClient receiver = connect(vertx, server);
    List<String> rawValues = List.of("\"text\"", "12.5e3", "null", "false", "[1, [2, {\"a\": \"}\"}]]",
      "{ \"nested\" : { \"x\" : [ ] } }", "\"with \\\"quotes\\\" and \\u00e9\"");

    for (String raw : rawValues) {
      sender.send("{ \"type\" : \"message\" , \"data\" : " + raw + " }");
      Object expected = new JsonObject("{\"v\":" + raw + "}").getValue("v");
      assertThat(receiver.awaitType("broadcast").getValue("data")).isEqualTo(expected);
      assertThat(sender.awaitType("echo").getValue("data")).isEqualTo(expected);
    }
    sender.send("{\"data\":\"data first\",\"type\":\"message\"}");
    assertThat(receiver.awaitType("broadcast").getValue("data")).isEqualTo("data first");
  }

  @Test
  @DisplayName("others learn of joins and leaves with the server's connection count; the client itself does not")
  void joinAndLeaveNoticesCarryCounts(Vertx vertx) throws InterruptedException {
    TestServer server = TestServer.start(vertx);
    WsTestClient watcher = connect(vertx, server);
    WsTestClient joiner = connect(vertx, server);

    JsonObject joined = watcher.awaitType("client_connected");
    assertThat(joined.getString("clientId")).isEqualTo(joiner.clientId());
    assertThat(joined.getLong("connections")).isEqualTo(2);
    joiner.assertNoMessage("client_connected", Duration.ofMillis(200));

    joiner.close();
    JsonObject left = watcher.awaitType("client_disconnected");
    assertThat(left.getString("clientId")).isEqualTo(joiner.clientId());
    assertThat(left.getLong("connections")).isEqualTo(1);
  }

  @Test
  @DisplayName("with four instances, every message reaches every other client exactly once")
  void broadcastsCrossAllInstancesExactlyOnce(Vertx vertx) throws InterruptedException {
    TestServer server = TestServer.start(vertx, Map.of(Setting.HTTP_INSTANCES, 4));
    int clientCount = 12;
    for (int i = 0; i < clientCount; i++) {
      connect(vertx, server);
    }
    for (WsTestClient sender : clients) {
      sender.sendMessage(new JsonObject().put("from", sender.clientId()));
    }
    for (WsTestClient receiver : clients) {
      Set<String> senders = new HashSet<>();
      for (int i = 0; i < clientCount - 1; i++) {
        JsonObject broadcast = receiver.awaitType("broadcast");
        assertThat(broadcast.getJsonObject("data").getString("from")).isEqualTo(broadcast.getString("from"));
        assertThat(senders.add(broadcast.getString("from"))).as("duplicate delivery").isTrue();
      }
      assertThat(senders).doesNotContain(receiver.clientId()).hasSize(clientCount - 1);
    }
    clients.get(0).assertNoMessage("broadcast", Duration.ofMillis(300));
    assertThat(server.state().connections()).isEqualTo(clientCount);
  }
}
