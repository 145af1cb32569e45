package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.Bystanders;
import io.broadcastserver.support.RawHttp;
import io.broadcastserver.support.RawWebSocket;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Connection limits refuse before the upgrade, and slow or silent sockets are cut")
class ConnectionLimitTest {

  @Test
  @DisplayName("beyond the per-IP limit the upgrade gets 429, and a closed connection frees its slot")
  void perIpLimitAnswers429(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.MAX_CONNECTIONS_PER_IP, 2));
    WsTestClient first = WsTestClient.connect(vertx, server.port());
    try (WsTestClient second = WsTestClient.connect(vertx, server.port())) {
      assertThat(RawWebSocket.upgradeStatus(server.port(), "/ws", Map.of())).isEqualTo(429);

      first.close();
      awaitUpgradeStatus(server.port(), 101);
      second.sendMessage("still here");
      second.awaitType("echo");
    }
  }

  @Test
  @DisplayName("beyond the server's limit the upgrade gets 503, while plain HTTP still answers")
  void serverLimitAnswers503(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.MAX_CONNECTIONS, 2));
    try (WsTestClient a = WsTestClient.connect(vertx, server.port());
         WsTestClient b = WsTestClient.connect(vertx, server.port())) {
      assertThat(RawWebSocket.upgradeStatus(server.port(), "/ws", Map.of())).isEqualTo(503);
      assertThat(RawHttp.get(server.port(), "/api/stats").status()).isEqualTo(200);
      assertThat(server.state().connections()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("a client that trickles its upgrade request byte by byte is cut after the handshake timeout")
  void slowlorisIsCut(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.HANDSHAKE_TIMEOUT_MS, 1000));
    byte[] request = ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nX-Padding: "
      + "x".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    try (Socket socket = RawWebSocket.openSocket(server.port())) {
      OutputStream out = socket.getOutputStream();
      long start = System.nanoTime();
      int sent = 0;
      try {
        // One byte every 50 ms: the whole head would take ~20 s, far past the 1 s timeout.
        for (; sent < request.length; sent++) {
          out.write(request[sent]);
          out.flush();
          Thread.sleep(50);
          if (isClosed(socket)) {
            break;
          }
        }
      } catch (SocketException cut) {
        // Writing to a connection the server closed: the cut we expect.
      }
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(sent).as("bytes sent before the cut").isLessThan(request.length);
      assertThat(tookMs).isLessThan(10_000);
    }
    Bystanders.assertServed(vertx, server.port());
  }

  @Test
  @DisplayName("a connection that never sends a request is closed after the handshake timeout")
  void silentConnectionIsClosed(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.HANDSHAKE_TIMEOUT_MS, 500));
    try (Socket socket = RawWebSocket.openSocket(server.port())) {
      socket.setSoTimeout(10_000);
      assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
    }
  }

  @Test
  @DisplayName("an accepted WebSocket outlives the handshake timeout")
  void acceptedWebSocketIsNotCut(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.HANDSHAKE_TIMEOUT_MS, 300));
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      Thread.sleep(1000);
      client.sendMessage("later");
      client.awaitType("echo");
      assertThat(client.isClosed()).isFalse();
    }
  }

  @Test
  @DisplayName("request headers over the size limit get 431 and no upgrade")
  void oversizedHeadersAre431(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.MAX_HEADER_BYTES, 4096));
    int status = RawWebSocket.upgradeStatus(server.port(), "/ws", Map.of("X-Big", "y".repeat(10_000)));
    assertThat(status).isEqualTo(431);
    Bystanders.assertServed(vertx, server.port());
  }

  private static boolean isClosed(Socket socket) throws Exception {
    socket.setSoTimeout(1);
    InputStream in = socket.getInputStream();
    try {
      return in.read() == -1;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  private static void awaitUpgradeStatus(int port, int expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int status;
    do {
      Thread.sleep(20);
      status = RawWebSocket.upgradeStatus(port, "/ws", Map.of());
    } while (status != expected && System.nanoTime() < deadline);
    assertThat(status).isEqualTo(expected);
  }
}
