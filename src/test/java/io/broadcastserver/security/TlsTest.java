package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.TestCertificate;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("With a certificate and key the same port serves https:// and wss://")
class TlsTest {

  private static TestCertificate certificate;

  @BeforeAll
  static void makeCertificate() {
    certificate = TestCertificate.create();
  }

  @Test
  @DisplayName("a client that trusts the certificate talks wss:// end to end")
  void wssEndToEnd(Vertx vertx) {
    TestServer server = start(vertx);
    WebSocketClientOptions trusting = new WebSocketClientOptions().setSsl(true)
      .setTrustOptions(new PemTrustOptions().addCertPath(certificate.certFile().toString()));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(server.port())
      .setURI("/ws").setSsl(true);
    try (WsTestClient sender = WsTestClient.connect(vertx, trusting, options);
         WsTestClient receiver = WsTestClient.connect(vertx, trusting, options)) {
      sender.sendMessage("over TLS");
      assertThat(sender.awaitType("echo").getString("data")).isEqualTo("over TLS");
      assertThat(receiver.awaitType("broadcast").getString("data")).isEqualTo("over TLS");
    }
  }

  @Test
  @DisplayName("https:// serves the API with HSTS and the other security headers")
  void httpsServesWithHsts(Vertx vertx) {
    TestServer server = start(vertx);
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
      .setTrustOptions(new PemTrustOptions().addCertPath(certificate.certFile().toString())));
    HttpClientResponse response = client.request(HttpMethod.GET, server.port(), "localhost", "/api/stats")
      .compose(request -> request.send())
      .compose(received -> received.body().map(body -> received)).await();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Strict-Transport-Security")).startsWith("max-age=");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    client.close();
  }

  @Test
  @DisplayName("a client that does not trust the certificate is refused, and plain ws:// does not get through")
  void untrustedAndPlainClientsFail(Vertx vertx) {
    TestServer server = start(vertx);
    WebSocketConnectOptions secure = new WebSocketConnectOptions().setHost("localhost").setPort(server.port())
      .setURI("/ws").setSsl(true);
    assertThatThrownBy(() -> WsTestClient.connect(vertx, new WebSocketClientOptions().setSsl(true), secure))
      .as("default trust store").isNotNull();
    assertThatThrownBy(() -> WsTestClient.connect(vertx, server.port())).as("plain ws://").isNotNull();
  }

  private static TestServer start(Vertx vertx) {
    return TestServer.start(vertx, Map.of(Setting.TLS_CERT, certificate.certFile().toString(),
      Setting.TLS_KEY, certificate.keyFile().toString()));
  }
}
