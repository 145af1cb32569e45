package io.broadcastserver.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.core.net.impl.VertxHandler;
import io.vertx.junit5.VertxExtension;
import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trimming reaches into Vert.x internals and falls back quietly when they change; these tests make a
 * Vert.x upgrade that removes them fail here instead of silently costing about 9 KiB per client, and show
 * a trimmed WebSocket still sends. (Every server test runs with the trimming on as well.)
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("Accepted WebSockets are trimmed of what Vert.x keeps and never uses again")
class WebSocketFootprintTest {

  @Test
  @DisplayName("the Vert.x internals the trimming needs are present")
  void internalsArePresent() {
    assertThat(WebSocketFootprint.available()).isTrue();
  }

  @Test
  @DisplayName("a real server WebSocket gets the direct queue, lets go of its upgrade and headers, and still sends")
  void trimsARealWebSocket(Vertx vertx) throws Exception {
    CompletableFuture<String> queueClass = new CompletableFuture<>();
    CompletableFuture<Object> factory = new CompletableFuture<>();
    CompletableFuture<Boolean> headersBefore = new CompletableFuture<>();
    CompletableFuture<Object> headersAfter = new CompletableFuture<>();
    // Attached as the server attaches its sockets: once the handshake was accepted.
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setStrictThreadMode(true))
      .webSocketHandshakeHandler(handshake -> handshake.accept().onSuccess(socket -> {
        headersBefore.complete(socket.headers() != null && socket.headers().contains("Sec-WebSocket-Key"));
        WebSocketFootprint.trim(socket);
        headersAfter.complete(socket.headers());
        VertxHandler<?> handler = (VertxHandler<?>) ((WebSocketInternal) socket).channelHandlerContext()
          .pipeline().get("handler");
        queueClass.complete(field(VertxConnection.class, "outboundMessageQueue", handler.getConnection())
          .getClass().getSimpleName());
        factory.complete(field(VertxHandler.class, "connectionFactory", handler));
        socket.writeTextMessage("written through the direct queue");
      }))
      .webSocketHandler(socket -> { });
    server.listen(0, "127.0.0.1").await();

    CompletableFuture<String> received = new CompletableFuture<>();
    // Held in a variable: Vert.x closes a client, and its connections, once nothing refers to it.
    WebSocketClient client = vertx.createWebSocketClient();
    client.connect(server.actualPort(), "127.0.0.1", "/")
      .onSuccess(socket -> socket.textMessageHandler(received::complete))
      .onFailure(received::completeExceptionally);

    assertThat(queueClass.get(10, TimeUnit.SECONDS)).isEqualTo("DirectOutboundMessageQueue");
    assertThat(factory.get(10, TimeUnit.SECONDS)).isNull();
    assertThat(headersBefore.get(10, TimeUnit.SECONDS)).as("the upgrade's headers, before trimming").isTrue();
    assertThat(headersAfter.get(10, TimeUnit.SECONDS)).as("the upgrade's headers, after trimming").isNull();
    assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("written through the direct queue");
    client.close().await();
  }

  private static Object field(Class<?> owner, String name, Object target) {
    try {
      Field field = owner.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
