package io.broadcastserver.observability;

import static io.broadcastserver.support.MetricsScrape.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.RawHttp;
import io.broadcastserver.support.RawWebSocket;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.broadcastserver.system.NodeState;
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
@DisplayName("GET /metrics counts exactly the traffic sent, and /health and /ready say how the server is")
class MetricsTest {

  @Test
  @DisplayName("connections, messages, refusals, handshake refusals and latency reports move by exactly what was sent")
  void countersMoveByTheTrafficSent(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx);
    try (WsTestClient a = WsTestClient.connect(vertx, server.port());
         WsTestClient b = WsTestClient.connect(vertx, server.port())) {
      a.awaitType("client_connected");
      a.sendMessage("one");
      a.sendMessage("two");
      b.awaitType("broadcast");
      b.awaitType("broadcast");
      a.send("not json");
      a.awaitType("error");
      a.send("{\"type\":\"latency\",\"data\":12.5}");
      a.send("{\"type\":\"latency\",\"data\":\"soon\"}");
      a.awaitType("error");
      assertThat(RawWebSocket.upgradeStatus(server.port(), "/nowhere", Map.of())).isEqualTo(404);
      a.awaitType("echo");
      a.awaitType("echo");

      String metrics = get(server.port(), "/metrics", 200);

      assertThat(value(metrics, "broadcast_connections")).isEqualTo(2);
      assertThat(value(metrics, "broadcast_connections_opened_total")).isEqualTo(2);
      assertThat(value(metrics, "broadcast_messages_received_total")).isEqualTo(2);
      // 2 welcomes + 1 join notice + 2 echoes + 2 broadcasts + 2 errors.
      assertThat(value(metrics, "broadcast_messages_delivered_total")).isEqualTo(9);
      assertThat(value(metrics, "broadcast_messages_refused_total{code=\"invalid_json\"}")).isEqualTo(1);
      assertThat(value(metrics, "broadcast_messages_refused_total{code=\"invalid_message\"}")).isEqualTo(1);
      assertThat(value(metrics, "broadcast_handshakes_refused_total{reason=\"not_found\"}")).isEqualTo(1);
      assertThat(value(metrics, "broadcast_client_latency_seconds_count")).isEqualTo(1);
      assertThat(value(metrics, "broadcast_client_latency_seconds_sum")).isEqualTo(0.0125);
      assertThat(value(metrics, "broadcast_fanout_seconds_count")).isGreaterThanOrEqualTo(2);
      assertThat(value(metrics, "broadcast_sent_bytes_total")).isPositive();
      assertThat(value(metrics, "broadcast_received_bytes_total")).isPositive();
    }
    String after = awaitClosedCount(server.port(), 2);
    assertThat(value(after, "broadcast_connections")).isZero();
  }

  @Test
  @DisplayName("with a metrics token, a scrape without it gets 401")
  void metricsTokenGuardsTheScrape(Vertx vertx) throws IOException {
    TestServer server = TestServer.start(vertx, Map.of(Setting.METRICS_TOKEN, "scrape-secret"));
    get(server.port(), "/metrics", 401);
    RawHttp.Response withToken = RawHttp.send(server.port(), "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Authorization: Bearer scrape-secret\r\nConnection: close\r\n\r\n");
    assertThat(withToken.status()).isEqualTo(200);
  }

  @Test
  @DisplayName("/health is up and /ready is ready while running; /ready turns 503 once shutdown begins")
  void healthAndReadiness(Vertx vertx) throws IOException {
    TestServer server = TestServer.start(vertx);
    assertThat(new JsonObject(get(server.port(), "/health", 200)).getString("status")).isEqualTo("UP");
    assertThat(new JsonObject(get(server.port(), "/ready", 200)).getString("status")).isEqualTo("READY");

    server.state().beginShutdown();

    JsonObject notReady = new JsonObject(get(server.port(), "/ready", 503));
    assertThat(notReady.getString("reason")).isEqualTo("shutting down");
    get(server.port(), "/health", 200);
  }

  @Test
  @DisplayName("/ready says 'starting' before every instance listens")
  void notReadyWhileStarting() {
    NodeState state = new NodeState();
    assertThat(state.isReady()).isFalse();
    state.markReady();
    assertThat(state.isReady()).isTrue();
  }

  private static String awaitClosedCount(int port, int count) throws InterruptedException, IOException {
    for (int i = 0; i < 100; i++) {
      String metrics = get(port, "/metrics", 200);
      if (value(metrics, "broadcast_connections_closed_total{reason=\"normal\"}") == count) {
        return metrics;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("connections were not counted as closed");
  }

  /**
   * A plain-socket GET: Vert.x's HttpClient in the server's own Vert.x sometimes never sees an answer the
   * server sent (see PublishApiTest), and this test must not wait on that.
   */
  private static String get(int port, String path, int expectedStatus) throws IOException {
    RawHttp.Response response = RawHttp.get(port, path);
    assertThat(response.status()).as(path).isEqualTo(expectedStatus);
    return response.body();
  }
}
