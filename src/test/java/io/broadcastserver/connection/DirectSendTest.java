package io.broadcastserver.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.RawWebSocket;
import io.broadcastserver.support.TestCertificate;
import io.broadcastserver.support.TestServer;
import io.netty.channel.unix.Limits;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Held frames go straight to the socket's file descriptor on the native transport (as the launched
 * server runs; the other server tests use Vert.x's default NIO transport). These tests show when that
 * happens, that TLS never skips its handler, and that a send the kernel takes only in part loses and
 * reorders nothing.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Frames sent straight to the socket: only where nothing must see them, and never out of order")
class DirectSendTest {

  /** About 9 MB of broadcasts: more than the kernel buffers for one socket on loopback (4 MB at most). */
  private static final int MESSAGES = 10_000;
  private static final String PADDING = "p".repeat(850);

  private Vertx nativeVertx;

  @BeforeEach
  void startNativeVertx() {
    nativeVertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    assertThat(nativeVertx.isNativeTransportEnabled()).as("the native epoll transport loads here").isTrue();
  }

  @AfterEach
  void closeNativeVertx() {
    nativeVertx.close().await();
  }

  @Test
  @DisplayName("plain WebSocket on epoll: direct; the same over TLS, or on NIO: through the pipeline")
  void directOnlyOnPlainEpoll(Vertx nioVertx) throws Exception {
    TestCertificate certificate = TestCertificate.create();
    HttpServerOptions tls = new HttpServerOptions().setSsl(true)
      .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificate.certFile().toString())
        .setKeyPath(certificate.keyFile().toString()));

    assertThat(sendsDirectly(nativeVertx, new HttpServerOptions(), false)).as("plain, epoll").isTrue();
    assertThat(sendsDirectly(nativeVertx, tls, true)).as("TLS, epoll").isFalse();
    assertThat(sendsDirectly(nioVertx, new HttpServerOptions(), false)).as("plain, NIO").isFalse();
  }

  @Test
  @DisplayName("a slow reader gets every broadcast whole and in order, sent partly direct and partly queued")
  void slowReaderGetsEverythingInOrder() throws Exception {
    TestServer server = TestServer.start(nativeVertx, Map.of(Setting.RATE_LIMIT_PER_SEC, 0,
      Setting.WRITE_QUEUE_MAX_BYTES, 16 * 1024 * 1024));
    try (RawWebSocket slow = RawWebSocket.connectWithSmallReceiveBuffer(server.port(), "/ws")) {
      assertThat(slow.readText(Duration.ofSeconds(10))).contains("\"type\":\"welcome\"");
      // The client reads, but slower than the broadcasts come: its socket keeps filling and draining, so
      // sends to it come back partial, the rest waits in Netty's queue, and new frames arrive meanwhile.
      // A direct send that did not wait for that queue to empty would overtake it and cut frames apart
      // (tried: the reader then fails on a control character inside a JSON string).
      CompletableFuture<Integer> readInOrder = CompletableFuture.supplyAsync(() -> readBroadcastsSlowly(slow));

      WebSocketClient client = nativeVertx.createWebSocketClient(new WebSocketClientOptions());
      WebSocket publisher = client.connect(server.port(), "127.0.0.1", "/ws").await();
      for (int i = 0; i < MESSAGES; i++) {
        publisher.writeTextMessage(new JsonObject().put("type", "message").put("data", i + " " + PADDING).encode());
        if (i % 500 == 499) {
          Thread.sleep(20);
        }
      }
      assertThat(readInOrder.get(45, TimeUnit.SECONDS)).isEqualTo(MESSAGES);
      client.close().await();
    }
  }

  @Test
  @DisplayName("a turn's chain longer than one writev may carry leaves whole and in order, in several calls")
  void chainLongerThanOneWritev() throws Exception {
    int frames = Limits.IOV_MAX * 3 + 7;
    CompletableFuture<Boolean> direct = new CompletableFuture<>();
    var server = nativeVertx.createHttpServer(new HttpServerOptions().setStrictThreadMode(true))
      .webSocketHandler((ServerWebSocket socket) -> {
        TurnFrames turn = new TurnFrames();
        SocketWriter writer = new SocketWriter(socket, turn);
        for (int i = 0; i < frames; i++) {
          try (SharedFrame frame = SharedFrame.text(Integer.toString(i))) {
            writer.write(frame);
          }
        }
        writer.flush();
        turn.clear();
        direct.complete(writer.sendsDirectly());
      });
    server.listen(0, "127.0.0.1").await();
    try (RawWebSocket client = RawWebSocket.connect(server.actualPort(), "/")) {
      for (int i = 0; i < frames; i++) {
        assertThat(client.readText(Duration.ofSeconds(10))).isEqualTo(Integer.toString(i));
      }
      assertThat(direct.get(10, TimeUnit.SECONDS)).as("sent straight to the socket").isTrue();
    } finally {
      server.close().await();
    }
  }

  /** Reads broadcasts, pausing now and then, and counts those that arrive whole and in sequence. */
  private static int readBroadcastsSlowly(RawWebSocket socket) {
    try {
      int expected = 0;
      for (int frames = 1; expected < MESSAGES; frames++) {
        JsonObject frame = new JsonObject(socket.readText(Duration.ofSeconds(20)));
        if ("broadcast".equals(frame.getString("type"))) {
          assertThat(frame.getString("data")).isEqualTo(expected + " " + PADDING);
          expected++;
        }
        if (frames % 5 == 0) {
          Thread.sleep(1);
        }
      }
      return expected;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Whether a WebSocket accepted on {@code vertx} with {@code options} would send its held frames directly. */
  private static boolean sendsDirectly(Vertx vertx, HttpServerOptions options, boolean ssl) throws Exception {
    CompletableFuture<Boolean> direct = new CompletableFuture<>();
    var server = vertx.createHttpServer(options.setStrictThreadMode(true))
      .webSocketHandler((ServerWebSocket socket) ->
        direct.complete(new SocketWriter(socket, new TurnFrames()).sendsDirectly()));
    server.listen(0, "127.0.0.1").await();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(ssl).setTrustAll(true)
      .setVerifyHost(false));
    try {
      client.connect(server.actualPort(), "127.0.0.1", "/").await();
      return direct.get(10, TimeUnit.SECONDS);
    } finally {
      client.close().await();
      server.close().await();
    }
  }
}
