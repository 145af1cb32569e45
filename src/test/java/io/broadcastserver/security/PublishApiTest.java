package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("POST /api/publish lets a back end with the API key broadcast to every client")
class PublishApiTest {

  private static final String KEY = "publish-key-for-tests-0123456789";

  private HttpClient http;

  @AfterEach
  void closeClient() {
    if (http != null) {
      http.close();
    }
  }

  @Test
  @DisplayName("a valid request is broadcast to every client as from \"server\" and answered 202 with the id")
  void publishReachesEveryClient(Vertx vertx) {
    TestServer server = TestServer.start(vertx, Map.of(Setting.API_KEY, KEY));
    try (WsTestClient a = WsTestClient.connect(vertx, server.port());
         WsTestClient b = WsTestClient.connect(vertx, server.port())) {
      Answer answer = publish(vertx, server.port(), "Bearer " + KEY, "{\"data\":{\"alert\":\"deploy at 5\"}}");

      assertThat(answer.status()).isEqualTo(202);
      String id = answer.json().getString("id");
      assertThat(id).isNotBlank();
      for (WsTestClient client : new WsTestClient[] {a, b}) {
        JsonObject broadcast = client.awaitType("broadcast");
        assertThat(broadcast.getString("from")).isEqualTo("server");
        assertThat(broadcast.getString("id")).isEqualTo(id);
        assertThat(broadcast.getJsonObject("data")).isEqualTo(new JsonObject().put("alert", "deploy at 5"));
      }
    }
  }

  @Test
  @DisplayName("a missing or wrong key gets 401 and nothing is broadcast")
  void wrongKeyGets401(Vertx vertx) throws InterruptedException {
    TestServer server = TestServer.start(vertx, Map.of(Setting.API_KEY, KEY));
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      String body = "{\"data\":\"intruder\"}";
      Answer noKey = publish(vertx, server.port(), null, body);
      assertThat(noKey.status()).isEqualTo(401);
      assertThat(noKey.connection()).as("a refused body is never read: the connection ends with the answer")
        .isEqualToIgnoringCase("close");
      assertThat(publish(vertx, server.port(), "Bearer wrong-key", body).status()).isEqualTo(401);
      assertThat(publish(vertx, server.port(), "Bearer " + KEY + "x", body).status()).isEqualTo(401);
      assertThat(publish(vertx, server.port(), KEY, body).status()).as("without the Bearer scheme").isEqualTo(401);
      client.assertNoMessage("broadcast", java.time.Duration.ofMillis(300));
    }
  }

  @Test
  @DisplayName("a body over the size limit gets 413, an invalid one 400 with the error code")
  void badBodies(Vertx vertx) {
    TestServer server = TestServer.start(vertx, Map.of(Setting.API_KEY, KEY, Setting.MAX_MESSAGE_BYTES, 1024));
    String auth = "Bearer " + KEY;
    assertThat(publish(vertx, server.port(), auth, "{\"data\":\"" + "x".repeat(5000) + "\"}").status()).isEqualTo(413);

    Answer notJson = publish(vertx, server.port(), auth, "not json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().getString("error")).isEqualTo("invalid_json");
    Answer noData = publish(vertx, server.port(), auth, "{\"message\":1}");
    assertThat(noData.status()).isEqualTo(400);
    assertThat(noData.json().getString("error")).isEqualTo("missing_data");
    assertThat(publish(vertx, server.port(), auth, "{\"data\":" + "[".repeat(500) + "]".repeat(500) + "}").json()
      .getString("error")).isEqualTo("invalid_message");
  }

  @Test
  @DisplayName("without a configured key the endpoint does not exist (404)")
  void offWithoutKey(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    assertThat(publish(vertx, server.port(), "Bearer anything", "{\"data\":1}").status()).isEqualTo(404);
  }

  /** @param connection the response's Connection header, or null */
  private record Answer(int status, String body, String connection) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private Answer publish(Vertx vertx, int port, String authorization, String body) {
    if (http == null) {
      http = vertx.createHttpClient();
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
      .setURI("/api/publish").putHeader("content-type", "application/json");
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    // The body is asked for on the event loop, in the same chain: asked later, it may already be gone.
    return http.request(options)
      .compose(request -> request.send(Buffer.buffer(body)))
      .compose(response -> response.body().map(received -> new Answer(response.statusCode(), received.toString(),
        response.getHeader("Connection"))))
      .await();
  }
}
