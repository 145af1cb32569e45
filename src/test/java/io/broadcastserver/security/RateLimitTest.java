package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.Bystanders;
import io.broadcastserver.support.MetricsScrape;
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
@DisplayName("Each connection has a message rate; a flooder is refused, then closed, and nobody else notices")
class RateLimitTest {

  @Test
  @DisplayName("messages over the burst are not broadcast and the sender gets rate_limited with retryAfterMs")
  void messagesOverTheBurstAreRefused(Vertx vertx) throws InterruptedException {
    TestServer server = TestServer.start(vertx, Map.of(Setting.RATE_LIMIT_PER_SEC, 1, Setting.RATE_LIMIT_BURST, 5));
    try (WsTestClient flooder = WsTestClient.connect(vertx, server.port());
         WsTestClient listener = WsTestClient.connect(vertx, server.port())) {
      for (int i = 0; i < 8; i++) {
        flooder.sendMessage("m" + i);
      }
      for (int i = 0; i < 5; i++) {
        assertThat(flooder.awaitType("echo").getString("data")).isEqualTo("m" + i);
      }
      for (int i = 0; i < 3; i++) {
        JsonObject refusal = flooder.awaitType("error");
        assertThat(refusal.getString("code")).isEqualTo("rate_limited");
        assertThat(refusal.getLong("retryAfterMs")).isBetween(1L, 1000L);
      }
      for (int i = 0; i < 5; i++) {
        listener.await(m -> "broadcast".equals(m.getString("type")), "broadcast " + i);
      }
      listener.assertNoMessage("broadcast", Duration.ofMillis(300));
      assertThat(flooder.isClosed()).isFalse();
    }
  }

  @Test
  @DisplayName("a client that keeps flooding is closed with 1008 while the others keep talking")
  void sustainedFloodingCloses1008(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.RATE_LIMIT_PER_SEC, 5, Setting.RATE_LIMIT_BURST, 10,
      Setting.RATE_LIMIT_MAX_REFUSED_PER_MIN, 50));
    try (WsTestClient flooder = WsTestClient.connect(vertx, server.port())) {
      try {
        for (int i = 0; i < 200 && !flooder.isClosed(); i++) {
          flooder.send("{\"type\":\"message\",\"data\":" + i + "}");
        }
      } catch (RuntimeException closedWhileSending) {
        // The server closed the flooder in the middle of the loop: what this test expects.
      }
      assertThat(flooder.awaitClose()).isEqualTo((short) 1008);
      assertThat(flooder.pending("error")).isNotEmpty()
        .allSatisfy(error -> assertThat(error.getString("code")).isEqualTo("rate_limited"));
      Bystanders.assertServed(vertx, server.port());
      // Messages still in the socket when the server sent its close frame are ignored, not refused (and
      // logged) one by one: 50 tolerated refusals and the one that closed it, give or take a refill.
      Thread.sleep(300);
      assertThat(MetricsScrape.value(MetricsScrape.scrape(server.port()),
        "broadcast_messages_refused_total{code=\"rate_limited\"}")).isBetween(51.0, 52.0);
    }
  }

  @Test
  @DisplayName("a client that waits as told can send again")
  void waitingRestoresTheBudget(Vertx vertx) throws InterruptedException {
    TestServer server = TestServer.start(vertx, Map.of(Setting.RATE_LIMIT_PER_SEC, 10, Setting.RATE_LIMIT_BURST, 2));
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      client.sendMessage(1);
      client.sendMessage(2);
      client.sendMessage(3);
      long retryAfterMs = client.awaitType("error").getLong("retryAfterMs");
      Thread.sleep(retryAfterMs + 50);
      client.sendMessage(4);
      client.await(m -> "echo".equals(m.getString("type")) && m.getInteger("data") == 4, "the echo of 4");
    }
  }
}
