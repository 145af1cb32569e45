package io.broadcastserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.support.RawWebSocket;
import io.broadcastserver.support.TestTokens;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
@DisplayName("The packaged jar's log file never holds a secret: not the JWT secret, API key, or any token")
class SecretsInLogIT extends JarTestBase {

  private static final String JWT_SECRET = "jwt-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0";
  private static final String API_KEY = "api-key-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  private static final String WRONG_KEY = "wrong-key-ffeeddccbbaa99887766554433221100";

  @Test
  @DisplayName("after logins by header, query and subprotocol, refused tokens and publishes, the log has none of them")
  void noSecretReachesTheLogFile() throws Exception {
    Path logFile = Files.createTempDirectory("broadcast-log").resolve("server.log");
    ServerProcess server = ServerProcess.start(Map.of("BROADCAST_LOG_FILE", logFile.toString(),
      "BROADCAST_LOG_LEVEL", "debug", "BROADCAST_LOG_MESSAGE_LINES_PER_SEC", "10000",
      "BROADCAST_JWT_SECRET", JWT_SECRET, "BROADCAST_API_KEY", API_KEY));
    resources.add(server);
    TestTokens tokens = TestTokens.hs256(vertx, JWT_SECRET);
    TestTokens forged = TestTokens.hs256(vertx, "forged-secret-that-is-long-enough-for-hs256-00000");
    List<String> secrets = new ArrayList<>(List.of(JWT_SECRET, API_KEY, WRONG_KEY));

    String headerToken = tokens.token("header-user");
    String queryToken = tokens.token("query-user");
    String protocolToken = tokens.token("protocol-user");
    String forgedToken = forged.token("forged-user");
    String expiredToken = tokens.token(new JsonObject().put("sub", "expired-user"), Duration.ofMinutes(-10));
    String malformedToken = "eyJhbGciOiJIUzI1NiJ9.eyJtYWxmb3JtZWQtbWFya2VyIjp0cnVlfQ.bm90LWEtc2lnbmF0dXJl";
    secrets.addAll(List.of(headerToken, queryToken, protocolToken, forgedToken, expiredToken, malformedToken));

    WsTestClient byHeader = connect(server.port(), "/ws", Map.of("Authorization", "Bearer " + headerToken), List.of());
    WsTestClient byQuery = connect(server.port(), "/ws?token=" + queryToken, Map.of(), List.of());
    WsTestClient byProtocol = connect(server.port(), "/ws", Map.of(), List.of("broadcast", "bearer." + protocolToken));
    byHeader.sendMessage("hello from the header user");
    byQuery.awaitType("broadcast");
    for (String refused : List.of(forgedToken, expiredToken, malformedToken)) {
      assertThat(RawWebSocket.upgradeStatus(server.port(), "/ws", Map.of("Authorization", "Bearer " + refused)))
        .isEqualTo(401);
      assertThat(RawWebSocket.upgradeStatus(server.port(), "/ws?token=" + refused, Map.of())).isEqualTo(401);
    }
    HttpClient http = vertx.createHttpClient();
    assertThat(publish(http, server.port(), API_KEY)).isEqualTo(202);
    assertThat(publish(http, server.port(), WRONG_KEY)).isEqualTo(401);
    byProtocol.awaitType("broadcast");
    http.close();
    byHeader.close();
    byQuery.close();
    byProtocol.close();
    server.signal("TERM");
    assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();

    String log = Files.readString(logFile);
    assertThat(log).as("the log file is really written")
      .contains("client connected").contains("upgrade refused with 401").contains("publish refused")
      .contains("message published");
    for (String secret : secrets) {
      assertThat(log).as("log file").doesNotContain(secret);
      assertThat(server.output()).as("console").doesNotContain(secret);
      for (String part : secret.split("\\.")) {
        if (part.length() > 20) {
          assertThat(log).as("a part of a token").doesNotContain(part);
        }
      }
    }
    assertThat(log).doesNotContain("token=").doesNotContain("Bearer ").doesNotContain("malformed-marker");
  }

  private WsTestClient connect(int port, String uri, Map<String, String> headers, List<String> subProtocols) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri)
      .setSubProtocols(subProtocols);
    headers.forEach(options::addHeader);
    WsTestClient client = WsTestClient.connect(vertx, new WebSocketClientOptions(), options);
    resources.add(client);
    return client;
  }

  private static int publish(HttpClient http, int port, String key) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
      .setURI("/api/publish").putHeader("Authorization", "Bearer " + key);
    return http.request(options).compose(request -> request.send(Buffer.buffer("{\"data\":\"from the back end\"}")))
      .compose(response -> response.body().map(ignored -> response.statusCode())).await();
  }
}
