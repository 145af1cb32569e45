package io.broadcastserver.server;

import io.broadcastserver.connection.Admission;
import io.broadcastserver.observability.LogEvent;
import io.broadcastserver.observability.LogThrottle;
import io.broadcastserver.security.ConnectionLimiter;
import io.broadcastserver.security.Identity;
import io.broadcastserver.security.OriginPolicy;
import io.broadcastserver.security.TokenAuthenticator;
import io.broadcastserver.security.TokenSource;
import io.broadcastserver.system.NodeState;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides on each upgrade request before a WebSocket exists, answering with an HTTP status when it
 * refuses, so no refused client ever holds a socket or sees a half-open connection. In order: path (404),
 * shutting down (503), subprotocol (400), origin (403), token (401), then the connection limits (503 for
 * the whole server, 429 for one IP). Token checks may complete later; the handshake waits for them.
 */
public final class HandshakeGate {

  private static final Logger LOG = LoggerFactory.getLogger(HandshakeGate.class);

  /** The seed served its WebSocket at the root; {@code /ws} leaves the root free for a page behind a proxy. */
  private static final Set<String> WEBSOCKET_PATHS = Set.of("/", "/ws");

  private final NodeState state;
  private final OriginPolicy origins;
  private final TokenAuthenticator authenticator;
  private final ConnectionLimiter limiter;
  private final LogThrottle logThrottle;
  private final BiConsumer<ServerWebSocket, Admission> onAccepted;

  public HandshakeGate(NodeState state, OriginPolicy origins, TokenAuthenticator authenticator,
                       ConnectionLimiter limiter, LogThrottle logThrottle, BiConsumer<ServerWebSocket, Admission> onAccepted) {
    this.state = state;
    this.origins = origins;
    this.authenticator = authenticator;
    this.limiter = limiter;
    this.logThrottle = logThrottle;
    this.onAccepted = onAccepted;
  }

  public void check(ServerWebSocketHandshake handshake) {
    if (!WEBSOCKET_PATHS.contains(handshake.path())) {
      reject(handshake, 404, "not_found");
    } else if (state.isShuttingDown()) {
      reject(handshake, 503, "shutting_down");
    } else if (!TokenSource.offersUsableSubprotocol(handshake.headers())) {
      refuse(handshake, 400, "bad_subprotocol", "subprotocols offered without '" + TokenSource.SUBPROTOCOL + "'");
    } else if (!origins.allows(handshake.headers().get("Origin"), handshake.headers().get("Host"))) {
      refuse(handshake, 403, "origin", "origin not allowed: " + printable(handshake.headers().get("Origin")));
    } else if (authenticator.isOpen()) {
      admit(handshake, null);
    } else {
      authenticate(handshake);
    }
  }

  private void authenticate(ServerWebSocketHandshake handshake) {
    String token = TokenSource.find(handshake.headers(), handshake.uri());
    if (token == null) {
      refuse(handshake, 401, "unauthorized", "no token");
      return;
    }
    authenticator.authenticate(token).onComplete(result -> {
      if (result.succeeded()) {
        admit(handshake, result.result());
      } else {
        // The reason only ("expired", "invalid signature"…), never the token itself.
        refuse(handshake, 401, "unauthorized", "token refused: " + printable(result.cause().getMessage()));
      }
    });
  }

  private void admit(ServerWebSocketHandshake handshake, Identity identity) {
    if (state.isShuttingDown()) {
      reject(handshake, 503, "shutting_down");
      return;
    }
    String ip = handshake.remoteAddress().hostAddress();
    switch (limiter.tryAcquire(ip)) {
      case SERVER_FULL -> refuse(handshake, 503, "server_full", "server at its connection limit");
      case IP_FULL -> refuse(handshake, 429, "ip_full", "connection limit per IP reached");
      case ADMITTED -> handshake.accept().onComplete(accepted -> {
        if (accepted.succeeded()) {
          onAccepted.accept(accepted.result(), new Admission(ip, identity));
        } else {
          limiter.release(ip);
        }
      });
    }
  }

  /** Refusals are client-caused: WARN without a stack trace, and throttled so a flood cannot fill the disk. */
  private void refuse(ServerWebSocketHandshake handshake, int status, String metricReason, String reason) {
    reject(handshake, status, metricReason);
    if (logThrottle.tryAcquire()) {
      LOG.warn("{} upgrade refused with {} [remote: {}, reason: {}]", LogEvent.ERROR, status,
        handshake.remoteAddress(), reason);
    }
  }

  /** Refuses with an HTTP status and counts it under a fixed reason word (a metric tag, never client text). */
  private void reject(ServerWebSocketHandshake handshake, int status, String metricReason) {
    handshake.reject(status);
    state.metrics().handshakeRefused(metricReason);
  }

  /** Client-supplied text in a log line: bounded, one line. */
  private static String printable(String text) {
    if (text == null) {
      return "none";
    }
    String oneLine = text.replaceAll("[\\p{Cntrl}]", "?");
    return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
  }
}
