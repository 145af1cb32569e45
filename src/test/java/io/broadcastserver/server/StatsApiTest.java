package io.broadcastserver.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.RawHttp;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("GET /api/stats and the test page over HTTP")
class StatsApiTest {

  @Test
  @DisplayName("/api/stats reports connections, memory, uptime and the messages received and delivered")
  void statsCountTraffic(Vertx vertx) throws IOException {
    TestServer server = TestServer.start(vertx, Map.of(Setting.HTTP_INSTANCES, 3));
    try (WsTestClient a = WsTestClient.connect(vertx, server.port());
         WsTestClient b = WsTestClient.connect(vertx, server.port());
         WsTestClient c = WsTestClient.connect(vertx, server.port())) {
      b.awaitType("client_connected");
      a.awaitType("client_connected");
      a.awaitType("client_connected");
      a.sendMessage("one");
      a.sendMessage("two");
      for (int i = 0; i < 2; i++) {
        a.awaitType("echo");
        b.awaitType("broadcast");
        c.awaitType("broadcast");
      }

      JsonObject stats = get(server.port(), "/api/stats");

      assertThat(stats.getLong("connections")).isEqualTo(3);
      assertThat(stats.getLong("messagesReceived")).isEqualTo(2);
      // 3 welcomes + 3 join notices (b and c joining) + 2 echoes + 4 broadcasts.
      assertThat(stats.getLong("messagesDelivered")).isEqualTo(12);
      assertThat(stats.getInteger("instances")).isEqualTo(3);
      assertThat(stats.getJsonObject("memory").getLong("heapUsed")).isPositive();
      assertThat(stats.getLong("uptimeSeconds")).isNotNegative();
    }
  }

  /** Over a plain socket, for the reason in MetricsTest's {@code get}. */
  private static JsonObject get(int port, String path) throws IOException {
    RawHttp.Response response = RawHttp.get(port, path);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().get("content-type")).startsWith("application/json");
    return new JsonObject(response.body());
  }
}
