package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.Bystanders;
import io.broadcastserver.support.RawWebSocket;
import io.broadcastserver.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Browsers on other sites cannot open a WebSocket to the server (cross-site WebSocket hijacking)")
class OriginTest {

  @Test
  @DisplayName("by default only the server's own page and non-browser clients connect; other origins get 403")
  void defaultIsSameOriginOnly(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx);
    int port = server.port();
    assertThat(upgrade(port, "http://evil.example")).isEqualTo(403);
    assertThat(upgrade(port, "null")).as("a sandboxed page or file://").isEqualTo(403);
    assertThat(upgrade(port, "http://127.0.0.1:" + port)).isEqualTo(101);
    assertThat(RawWebSocket.upgradeStatus(port, "/ws", Map.of())).as("no Origin: not a browser").isEqualTo(101);
    Bystanders.assertServed(vertx, port);
  }

  @Test
  @DisplayName("listed origins and subdomain patterns are let in, everything else is refused with 403")
  void listedOriginsAreAllowed(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.ALLOWED_ORIGINS,
      "https://app.example.com, https://*.partner.test"));
    int port = server.port();
    assertThat(upgrade(port, "https://app.example.com")).isEqualTo(101);
    assertThat(upgrade(port, "https://eu.partner.test")).isEqualTo(101);
    assertThat(upgrade(port, "https://partner.test")).isEqualTo(403);
    assertThat(upgrade(port, "http://app.example.com")).isEqualTo(403);
    assertThat(upgrade(port, "https://app.example.com.evil.io")).isEqualTo(403);
  }

  @Test
  @DisplayName("* lets every origin in")
  void wildcardAllowsAll(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.ALLOWED_ORIGINS, "*"));
    assertThat(upgrade(server.port(), "http://anywhere.example")).isEqualTo(101);
  }

  /** Host is what a browser sends for the server: 127.0.0.1:port. */
  private static int upgrade(int port, String origin) throws Exception {
    return RawWebSocket.upgradeStatus(port, "/ws", Map.of("Origin", origin));
  }
}
