package io.broadcastserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client for tests: connects to the server under test, records every JSON message it
 * receives in order, and lets a test wait for a message of a type. Holds its {@link WebSocketClient} in a
 * field because Vert.x 5 closes clients that are no longer referenced.
 */
public final class WsTestClient implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(10);

  private final WebSocketClient client;
  private final List<JsonObject> received = new ArrayList<>();
  private final CompletableFuture<Short> closeStatus = new CompletableFuture<>();
  private volatile long closedAtNanos;
  private WebSocket socket;
  private JsonObject welcome;

  private WsTestClient(Vertx vertx, WebSocketClientOptions options) {
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions(options).setMaxMessageSize(16 * 1024 * 1024)
      .setMaxFrameSize(16 * 1024 * 1024));
  }

  /** Connects to {@code ws://localhost:port/ws} and waits for the welcome. */
  public static WsTestClient connect(Vertx vertx, int port) {
    return connect(vertx, port, "/ws");
  }

  public static WsTestClient connect(Vertx vertx, int port, String path) {
    return connect(vertx, new WebSocketClientOptions(), new WebSocketConnectOptions().setHost("localhost").setPort(port)
      .setURI(path));
  }

  /** Connects with full control over the client (e.g. TLS) and the request (headers, subprotocols). */
  public static WsTestClient connect(Vertx vertx, WebSocketClientOptions clientOptions, WebSocketConnectOptions options) {
    WsTestClient testClient = new WsTestClient(vertx, clientOptions);
    testClient.open(options);
    testClient.welcome = testClient.awaitType("welcome");
    return testClient;
  }

  /** The subprotocol the server selected, or null. */
  public String subProtocol() {
    return socket.subProtocol();
  }

  private void open(WebSocketConnectOptions options) {
    // Handlers go on before connecting: the welcome can arrive before connect()'s future completes.
    ClientWebSocket webSocket = client.webSocket();
    socket = webSocket;
    webSocket.textMessageHandler(text -> {
      synchronized (received) {
        received.add(new JsonObject(text));
        received.notifyAll();
      }
    });
    webSocket.closeHandler(v -> {
      closedAtNanos = System.nanoTime();
      closeStatus.complete(webSocket.closeStatusCode());
    });
    webSocket.connect(options).await();
  }

  public JsonObject welcome() {
    return welcome;
  }

  public String clientId() {
    return welcome.getString("clientId");
  }

  public void send(String text) {
    socket.writeTextMessage(text).await();
  }

  public void sendBinary(Buffer buffer) {
    socket.writeBinaryMessage(buffer).await();
  }

  /** Sends {@code {"type":"message","data":data}}. */
  public void sendMessage(Object data) {
    send(new JsonObject().put("type", "message").put("data", data).encode());
  }

  /** The first message of that type not yet taken by an earlier await. */
  public JsonObject awaitType(String type) {
    return await(message -> type.equals(message.getString("type")), "a '" + type + "' message");
  }

  /** Waits for and removes the first received message matching the predicate. */
  public JsonObject await(Predicate<JsonObject> matches, String description) {
    return await(matches, description, WAIT);
  }

  /** Waits up to {@code timeout} for and removes the first received message matching the predicate. */
  public JsonObject await(Predicate<JsonObject> matches, String description, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (true) {
        for (int i = 0; i < received.size(); i++) {
          if (matches.test(received.get(i))) {
            return received.remove(i);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for " + description + "; received: " + received);
        }
        try {
          received.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /** Messages received and not yet taken, of one type. */
  public List<JsonObject> pending(String type) {
    synchronized (received) {
      return received.stream().filter(m -> type.equals(m.getString("type"))).toList();
    }
  }

  /** Waits a moment and asserts that no message of that type arrived. */
  public void assertNoMessage(String type, Duration quietPeriod) throws InterruptedException {
    Thread.sleep(quietPeriod.toMillis());
    assertThat(pending(type)).as("unexpected '%s' messages", type).isEmpty();
  }

  /** The close code the server sent, waiting for the close. */
  public short awaitClose() throws Exception {
    return closeStatus.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** When the close arrived ({@code System.nanoTime()}), or 0 while open. */
  public long closedAtNanos() {
    return closedAtNanos;
  }

  public boolean isClosed() {
    return closeStatus.isDone();
  }

  @Override
  public void close() {
    if (socket != null && !socket.isClosed()) {
      socket.close();
    }
    client.close();
  }
}
