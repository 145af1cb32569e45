package io.broadcastserver.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.RawWebSocket;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Bad input gets a clear answer and harms nobody")
class ProtocolErrorTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
    "not json at all                               | invalid_json",
    "{\"type\":\"message\",\"data\":1} trailing    | invalid_json",
    "{\"type\":\"message\",\"data\":[1,}           | invalid_json",
    "[1,2,3]                                       | invalid_message",
    "\"just a string\"                             | invalid_message",
    "{\"data\":1}                                  | invalid_message",
    "{\"type\":7,\"data\":1}                       | invalid_message",
    "{\"type\":\"dance\"}                          | unknown_type",
    "{\"type\":\"message\"}                        | missing_data",
  })
  @DisplayName("a refused message gets an error with a machine code, and the connection goes on")
  void refusedMessageGetsErrorAndConnectionStaysOpen(String input, String code, Vertx vertx) throws InterruptedException {
    TestServer server = TestServer.start(vertx);
    try (WsTestClient client = WsTestClient.connect(vertx, server.port());
         WsTestClient other = WsTestClient.connect(vertx, server.port())) {
      client.send(input);

      JsonObject error = client.awaitType("error");
      assertThat(error.getString("code")).isEqualTo(code);
      assertThat(error.getString("message")).isNotBlank();
      client.send("{\"type\":\"ping\"}");
      client.awaitType("pong");
      other.assertNoMessage("broadcast", Duration.ofMillis(200));
    }
  }

  @Test
  @DisplayName("data nested 100 000 levels deep is refused without a stack overflow")
  void deeplyNestedDataIsRefused(Vertx vertx) {
    TestServer server = TestServer.start(vertx, Map.of(Setting.MAX_MESSAGE_BYTES, 1_000_000));
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      client.send("{\"type\":\"message\",\"data\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
      assertThat(client.awaitType("error").getString("code")).isEqualTo("invalid_message");
      client.sendMessage("still here");
      client.awaitType("echo");
    }
  }

  @Test
  @DisplayName("a binary frame gets unsupported_binary and a 1003 close")
  void binaryFrameClosesWith1003(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx);
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      client.sendBinary(Buffer.buffer(new byte[] {1, 2, 3}));
      assertThat(client.awaitType("error").getString("code")).isEqualTo("unsupported_binary");
      assertThat(client.awaitClose()).isEqualTo((short) 1003);
    }
  }

  @Test
  @DisplayName("a message over the size limit closes with 1009, also when it comes in fragments")
  void oversizedMessageClosesWith1009(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.MAX_MESSAGE_BYTES, 1024));
    try (RawWebSocket whole = RawWebSocket.connect(server.port(), "/ws");
         RawWebSocket fragmented = RawWebSocket.connect(server.port(), "/ws");
         WsTestClient bystander = WsTestClient.connect(vertx, server.port())) {
      whole.sendText("{\"type\":\"message\",\"data\":\"" + "x".repeat(2000) + "\"}");
      assertThat(whole.awaitCloseCode(Duration.ofSeconds(5))).isEqualTo(1009);

      byte[] part = ("\"" + "y".repeat(600)).getBytes();
      fragmented.sendFrame(RawWebSocket.TEXT, part, false, true);
      fragmented.sendFrame(0x0, part, false, true);
      fragmented.sendFrame(0x0, "\"".getBytes(), true, true);
      assertThat(fragmented.awaitCloseCode(Duration.ofSeconds(5))).isEqualTo(1009);

      bystander.sendMessage("unharmed");
      bystander.awaitType("echo");
    }
  }

  @Test
  @DisplayName("ping is answered with pong")
  void pingGetsPong(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      client.send("{\"type\":\"ping\"}");
      assertThat(client.awaitType("pong").getString("timestamp")).isNotBlank();
    }
  }

  @Test
  @DisplayName("an upgrade on an unknown path is refused with 404 before any socket exists")
  void unknownPathIsRefusedWith404(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx);
    assertThat(RawWebSocket.upgradeStatus(server.port(), "/elsewhere", Map.of())).isEqualTo(404);
  }
}
