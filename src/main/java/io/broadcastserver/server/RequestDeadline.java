package io.broadcastserver.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Cuts connections that hold a socket without finishing anything: a client that trickles its request
 * head (slowloris), sends a request but never its body, or idles between requests must move on within
 * the timeout. A WebSocket, once accepted, is watched by the heartbeat instead.
 * One per verticle instance, used on its event loop only. Connections are keyed by the client's address
 * because the upgrade handshake does not expose its connection.
 */
final class RequestDeadline {

  private final Vertx vertx;
  private final long timeoutMs;
  private final Map<SocketAddress, Deadline> deadlines = new HashMap<>();

  private record Deadline(HttpConnection connection, long timerId) {
  }

  RequestDeadline(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  /** A new TCP connection: its first request head must arrive in time. */
  void connected(HttpConnection connection) {
    SocketAddress remote = connection.remoteAddress();
    restart(remote, connection);
    connection.closeHandler(v -> release(remote));
  }

  /**
   * A request head arrived: within the timeout from now it must have been answered and the next request
   * must have started, or the connection is closed. (The answers here are small and quick; response
   * handlers are left to vertx-web, which sets its own.)
   */
  void requestStarted(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    restart(connection.remoteAddress(), connection);
  }

  /** The connection became a WebSocket (or closed): no deadline any more. */
  void release(SocketAddress remote) {
    Deadline deadline = deadlines.remove(remote);
    if (deadline != null) {
      vertx.cancelTimer(deadline.timerId());
    }
  }

  private void restart(SocketAddress remote, HttpConnection connection) {
    release(remote);
    long timerId = vertx.setTimer(timeoutMs, id -> {
      deadlines.remove(remote);
      connection.close();
    });
    deadlines.put(remote, new Deadline(connection, timerId));
  }
}
