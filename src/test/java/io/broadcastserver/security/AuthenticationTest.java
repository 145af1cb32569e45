package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.Bystanders;
import io.broadcastserver.support.RawWebSocket;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.TestTokens;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("With a JWT key configured, only clients with a valid token connect, under the token's identity")
class AuthenticationTest {

  private static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";

  @Test
  @DisplayName("no token, a malformed one, a wrongly signed one or an expired one: HTTP 401 before the upgrade")
  void badTokensGet401(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.JWT_SECRET, SECRET));
    TestTokens tokens = TestTokens.hs256(vertx, SECRET);
    TestTokens otherKey = TestTokens.hs256(vertx, "another-secret-that-is-long-enough-for-hs256-987654");
    int port = server.port();

    assertThat(RawWebSocket.upgradeStatus(port, "/ws", Map.of())).isEqualTo(401);
    assertThat(RawWebSocket.upgradeStatus(port, "/ws", bearer("not.a.jwt"))).isEqualTo(401);
    assertThat(RawWebSocket.upgradeStatus(port, "/ws", bearer("garbage"))).isEqualTo(401);
    assertThat(RawWebSocket.upgradeStatus(port, "/ws", bearer(otherKey.token("mallory")))).isEqualTo(401);
    assertThat(RawWebSocket.upgradeStatus(port, "/ws",
      bearer(tokens.token(new JsonObject().put("sub", "late"), Duration.ofMinutes(-5))))).isEqualTo(401);
    assertThat(RawWebSocket.upgradeStatus(port, "/ws", bearer(tokens.token(new JsonObject().put("name", "no sub"),
      Duration.ofMinutes(1))))).as("a token without sub").isEqualTo(401);
    assertThat(RawWebSocket.upgradeStatus(port, "/ws", bearer(tokens.token("server"))))
      .as("the publish API's identity").isEqualTo(401);
    assertThat(server.state().connections()).isZero();

    assertThat(RawWebSocket.upgradeStatus(port, "/ws", bearer(tokens.token("alice")))).isEqualTo(101);
  }

  @Test
  @DisplayName("the token's sub and name are the identity in welcome, broadcast.from and the join and leave notices")
  void tokenIdentityTravelsWithTheClient(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.JWT_SECRET, SECRET));
    TestTokens tokens = TestTokens.hs256(vertx, SECRET);
    try (WsTestClient bob = connect(vertx, server.port(), bearer(tokens.token("bob")))) {
      String aliceToken = tokens.token(new JsonObject().put("sub", "alice").put("name", "Alice A."), Duration.ofMinutes(1));
      WsTestClient alice = connect(vertx, server.port(), bearer(aliceToken));

      assertThat(alice.welcome().getString("userId")).isEqualTo("alice");
      assertThat(alice.welcome().getString("name")).isEqualTo("Alice A.");
      assertThat(alice.clientId()).isNotBlank().isNotEqualTo("alice");
      assertThat(bob.welcome().getString("userId")).isEqualTo("bob");
      assertThat(bob.welcome().containsKey("name")).isFalse();

      JsonObject joined = bob.awaitType("client_connected");
      assertThat(joined.getString("clientId")).isEqualTo(alice.clientId());
      assertThat(joined.getString("userId")).isEqualTo("alice");
      assertThat(joined.getString("name")).isEqualTo("Alice A.");

      alice.sendMessage("hello");
      JsonObject broadcast = bob.awaitType("broadcast");
      assertThat(broadcast.getString("from")).isEqualTo("alice");
      assertThat(broadcast.getString("name")).isEqualTo("Alice A.");
      assertThat(broadcast.getString("data")).isEqualTo("hello");

      alice.close();
      JsonObject left = bob.awaitType("client_disconnected");
      assertThat(left.getString("userId")).isEqualTo("alice");
      assertThat(left.getString("clientId")).isEqualTo(alice.clientId());
    }
  }

  @Test
  @DisplayName("the token is also accepted as the token query parameter")
  void tokenInQueryParameter(Vertx vertx) {
    TestServer server = TestServer.start(vertx, Map.of(Setting.JWT_SECRET, SECRET));
    TestTokens tokens = TestTokens.hs256(vertx, SECRET);
    try (WsTestClient client = WsTestClient.connect(vertx, server.port(), "/ws?token=" + tokens.token("carol"))) {
      assertThat(client.welcome().getString("userId")).isEqualTo("carol");
    }
  }

  @Test
  @DisplayName("a browser-style token in Sec-WebSocket-Protocol works, and the server selects the broadcast subprotocol")
  void tokenInSubprotocol(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.JWT_SECRET, SECRET));
    TestTokens tokens = TestTokens.hs256(vertx, SECRET);
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(server.port())
      .setURI("/ws").setSubProtocols(List.of("broadcast", "bearer." + tokens.token("dave")));
    try (WsTestClient client = WsTestClient.connect(vertx, new WebSocketClientOptions(), options)) {
      assertThat(client.welcome().getString("userId")).isEqualTo("dave");
      assertThat(client.subProtocol()).isEqualTo("broadcast");
    }
    assertThat(RawWebSocket.upgradeStatus(server.port(), "/ws",
      Map.of("Sec-WebSocket-Protocol", "bearer." + tokens.token("erin"))))
      .as("a token offered without the broadcast subprotocol").isEqualTo(400);
  }

  @Test
  @DisplayName("RS256 tokens verify against the configured PEM public key; other keys' tokens do not")
  void rs256Tokens(Vertx vertx) throws Exception {
    assertPublicKeyAuthentication(vertx, TestTokens.rs256(vertx), TestTokens.rs256(vertx));
  }

  @Test
  @DisplayName("ES256 tokens verify against the configured PEM public key; other keys' tokens do not")
  void es256Tokens(Vertx vertx) throws Exception {
    assertPublicKeyAuthentication(vertx, TestTokens.es256(vertx), TestTokens.es256(vertx));
  }

  private static void assertPublicKeyAuthentication(Vertx vertx, TestTokens tokens, TestTokens otherKey) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.JWT_PUBLIC_KEY, tokens.publicKeyFile().toString()));
    try (WsTestClient client = connect(vertx, server.port(), bearer(tokens.token("frank")))) {
      assertThat(client.welcome().getString("userId")).isEqualTo("frank");
    }
    assertThat(RawWebSocket.upgradeStatus(server.port(), "/ws", bearer(otherKey.token("mallory")))).isEqualTo(401);
    assertThat(RawWebSocket.upgradeStatus(server.port(), "/ws", bearer(TestTokens.hs256(vertx, SECRET).token("mallory"))))
      .as("HS256 when only a public key is set").isEqualTo(401);
  }

  @Test
  @DisplayName("a token that expires while connected ends in a token_expired notice and close 4005")
  void expiryOnAnOpenConnection(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.JWT_SECRET, SECRET));
    TestTokens tokens = TestTokens.hs256(vertx, SECRET);
    String shortLived = tokens.token(new JsonObject().put("sub", "gina"), Duration.ofSeconds(2));
    try (WsTestClient client = connect(vertx, server.port(), bearer(shortLived))) {
      JsonObject notice = client.await(m -> "system".equals(m.getString("type"))
        && "token_expired".equals(m.getString("event")), "the token_expired notice");
      assertThat(notice.getString("message")).isNotBlank();
      assertThat(client.awaitClose()).isEqualTo((short) 4005);
    }
    try (WsTestClient renewed = connect(vertx, server.port(), bearer(tokens.token("gina")))) {
      renewed.sendMessage("back");
      renewed.awaitType("echo");
    }
  }

  @Test
  @DisplayName("issuer and audience, when configured, must match")
  void issuerAndAudience(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.JWT_SECRET, SECRET, Setting.JWT_ISSUER, "https://id.test",
      Setting.JWT_AUDIENCE, "broadcast"));
    TestTokens tokens = TestTokens.hs256(vertx, SECRET);
    JsonObject right = new JsonObject().put("sub", "hal").put("iss", "https://id.test").put("aud", "broadcast");
    assertThat(RawWebSocket.upgradeStatus(server.port(), "/ws", bearer(tokens.token(right, Duration.ofMinutes(1)))))
      .isEqualTo(101);
    assertThat(RawWebSocket.upgradeStatus(server.port(), "/ws",
      bearer(tokens.token(right.copy().put("iss", "https://evil.test"), Duration.ofMinutes(1))))).isEqualTo(401);
    assertThat(RawWebSocket.upgradeStatus(server.port(), "/ws",
      bearer(tokens.token(right.copy().put("aud", "other"), Duration.ofMinutes(1))))).isEqualTo(401);
  }

  @Test
  @DisplayName("without a key the server runs open: no token needed, the client id is the identity")
  void openServer(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      assertThat(client.welcome().getString("userId")).isEqualTo(client.clientId());
    }
    Bystanders.assertServed(vertx, server.port());
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  private static WsTestClient connect(Vertx vertx, int port, Map<String, String> headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/ws");
    headers.forEach(options::addHeader);
    return WsTestClient.connect(vertx, new WebSocketClientOptions(), options);
  }
}
