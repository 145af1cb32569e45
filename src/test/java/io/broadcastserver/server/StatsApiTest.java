package io.broadcastserver.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
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
  void statsCountTraffic(Vertx vertx) {
    TestServer server = TestServer.start(vertx, Map.of(Setting.HTTP_INSTANCES, 3));
    HttpClient http = vertx.createHttpClient();
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

      JsonObject stats = get(http, server.port(), "/api/stats");

      assertThat(stats.getLong("connections")).isEqualTo(3);
      assertThat(stats.getLong("messagesReceived")).isEqualTo(2);
      // 3 welcomes + 3 join notices (b and c joining) + 2 echoes + 4 broadcasts.
      assertThat(stats.getLong("messagesDelivered")).isEqualTo(12);
      assertThat(stats.getInteger("instances")).isEqualTo(3);
      assertThat(stats.getJsonObject("memory").getLong("heapUsed")).isPositive();
      assertThat(stats.getLong("uptimeSeconds")).isNotNegative();
    }
  }

  private static JsonObject get(HttpClient http, int port, String path) {
    return http.request(HttpMethod.GET, port, "127.0.0.1", path)
      .compose(request -> request.send())
      .compose(response -> {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).startsWith("application/json");
        return response.body();
      })
      .map(body -> new JsonObject(body))
      .await();
  }
}
