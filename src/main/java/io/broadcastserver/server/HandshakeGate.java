package io.broadcastserver.server;

import io.broadcastserver.system.NodeState;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.Set;

/**
 * Decides on each upgrade request before a WebSocket exists, answering with an HTTP status when it
 * refuses, so no refused client ever holds a socket or sees a half-open connection.
 */
public final class HandshakeGate {

  /** The seed served its WebSocket at the root; {@code /ws} leaves the root free for a page behind a proxy. */
  private static final Set<String> WEBSOCKET_PATHS = Set.of("/", "/ws");

  private final NodeState state;

  public HandshakeGate(NodeState state) {
    this.state = state;
  }

  public void check(ServerWebSocketHandshake handshake) {
    if (!WEBSOCKET_PATHS.contains(handshake.path())) {
      handshake.reject(404);
    } else if (state.isShuttingDown()) {
      handshake.reject(503);
    } else {
      handshake.accept();
    }
  }
}
