package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.Bystanders;
import io.broadcastserver.support.RawWebSocket;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Hostile clients get the RFC 6455 close code their frames deserve, and harm nobody else")
class HostileClientTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Something a broken or malicious client does on a raw socket. */
  @FunctionalInterface
  interface Attack {
    void on(RawWebSocket socket) throws IOException;
  }

  static Stream<Arguments> frameViolations() {
    return Stream.of(
      Arguments.of("a text frame that is not UTF-8", 1007, (Attack) ws ->
        ws.sendFrame(RawWebSocket.TEXT, new byte[] {'{', (byte) 0xC3, 0x28, '}'}, true, true)),
      Arguments.of("UTF-8 broken across fragments", 1007, (Attack) ws -> {
        ws.sendFrame(RawWebSocket.TEXT, new byte[] {'"', (byte) 0xE2, (byte) 0x82}, false, true);
        ws.sendFrame(0x0, new byte[] {'"'}, true, true);
      }),
      Arguments.of("an unmasked frame", 1002, (Attack) ws ->
        ws.sendFrame(RawWebSocket.TEXT, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true, false)),
      Arguments.of("a reserved opcode (0x3)", 1002, (Attack) ws ->
        ws.sendFrame(0x3, new byte[] {1}, true, true)),
      Arguments.of("a ping of 200 bytes (control frames hold at most 125)", 1002, (Attack) ws ->
        ws.sendFrame(RawWebSocket.PING, new byte[200], true, true)),
      Arguments.of("a fragmented ping", 1002, (Attack) ws ->
        ws.sendFrame(RawWebSocket.PING, new byte[] {1}, false, true)),
      Arguments.of("a continuation frame with nothing to continue", 1002, (Attack) ws ->
        ws.sendFrame(0x0, "x".getBytes(StandardCharsets.UTF_8), true, true)),
      Arguments.of("a new text frame in the middle of a fragmented one", 1002, (Attack) ws -> {
        ws.sendFrame(RawWebSocket.TEXT, "{\"type\"".getBytes(StandardCharsets.UTF_8), false, true);
        ws.sendFrame(RawWebSocket.TEXT, "{}".getBytes(StandardCharsets.UTF_8), true, true);
      }));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("frameViolations")
  @DisplayName("a frame that breaks RFC 6455 closes that client with the matching code")
  void frameViolationClosesWithItsCode(String description, int expectedCode, Attack attack, Vertx vertx)
    throws IOException {
    TestServer server = TestServer.start(vertx);
    try (RawWebSocket hostile = RawWebSocket.connect(server.port(), "/ws")) {
      hostile.readText(WAIT);
      attack.on(hostile);
      assertThat(hostile.awaitCloseCode(WAIT)).isEqualTo(expectedCode);
    }
    Bystanders.assertServed(vertx, server.port());
  }

  @Test
  @DisplayName("a number of 5000 digits is refused with invalid_message, and the client goes on")
  void hugeNumberIsRefused(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      client.send("{\"type\":\"message\",\"data\":" + "9".repeat(5000) + "}");
      assertThat(client.awaitType("error").getString("code")).isEqualTo("invalid_message");
      client.sendMessage("after the number");
      client.awaitType("echo");
    }
    Bystanders.assertServed(vertx, server.port());
  }

  @Test
  @DisplayName("objects nested 100 000 deep are refused with invalid_message, without a stack overflow")
  void deepObjectsAreRefused(Vertx vertx) {
    TestServer server = TestServer.start(vertx, Map.of(Setting.MAX_MESSAGE_BYTES, 1_000_000));
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      client.send("{\"type\":\"message\",\"data\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}");
      assertThat(client.awaitType("error").getString("code")).isEqualTo("invalid_message");
    }
    Bystanders.assertServed(vertx, server.port());
  }

  @Test
  @DisplayName("a client that keeps sending invalid messages gets an error for each, then a 1008 close")
  void repeatedInvalidMessagesClose1008(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.MAX_INVALID_MESSAGES_PER_MIN, 3));
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      for (int i = 0; i < 4; i++) {
        client.send("not json " + i);
      }
      assertThat(client.awaitClose()).isEqualTo((short) 1008);
      for (int i = 0; i < 4; i++) {
        assertThat(client.awaitType("error").getString("code")).isEqualTo("invalid_json");
      }
    }
    Bystanders.assertServed(vertx, server.port());
  }

  @Test
  @DisplayName("a few invalid messages among valid ones do not close the connection")
  void occasionalInvalidMessagesAreTolerated(Vertx vertx) throws InterruptedException {
    TestServer server = TestServer.start(vertx, Map.of(Setting.MAX_INVALID_MESSAGES_PER_MIN, 3));
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      for (int i = 0; i < 3; i++) {
        client.send("oops");
        client.awaitType("error");
      }
      client.sendMessage("fine");
      JsonObject echo = client.awaitType("echo");
      assertThat(echo.getString("data")).isEqualTo("fine");
      assertThat(client.isClosed()).isFalse();
    }
  }
}
