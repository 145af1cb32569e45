package io.broadcastserver.connection;

import io.broadcastserver.bus.BroadcastBus;
import io.broadcastserver.config.ServerConfig;
import io.broadcastserver.observability.LogEvent;
import io.broadcastserver.observability.LogThrottle;
import io.broadcastserver.protocol.CloseCode;
import io.broadcastserver.protocol.ErrorCode;
import io.broadcastserver.protocol.InboundMessage;
import io.broadcastserver.protocol.InboundParser;
import io.broadcastserver.protocol.Outbound;
import io.broadcastserver.protocol.ProtocolException;
import io.broadcastserver.security.ConnectionLimiter;
import io.broadcastserver.security.FloodGuard;
import io.broadcastserver.system.NodeState;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one accepted WebSocket: welcome and join notice, then every inbound frame (rate-limited and
 * validated), token expiry, and one idempotent cleanup that runs however the socket ends. A fault while
 * serving a client closes only that client.
 */
public final class ConnectionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

  private final Vertx vertx;
  private final ConnectionRegistry registry;
  private final BroadcastBus bus;
  private final PresenceNotices presence;
  private final NodeState state;
  private final ConnectionLimiter limiter;
  private final InboundParser parser;
  private final LogThrottle logThrottle;
  private final int heartbeatIntervalMs;
  private final int writeQueueMaxBytes;
  private final FloodGuard.Limits floodLimits;
  private final LongSupplier currentTick;
  private final FlushBatcher flushBatcher;
  private final boolean pacedDrain;

  /** @param limiter the connection limits whose slot each closed connection gives back */
  public ConnectionHandler(Vertx vertx, ConnectionRegistry registry, BroadcastBus bus, PresenceNotices presence,
                           NodeState state, ConnectionLimiter limiter, InboundParser parser, LogThrottle logThrottle,
                           ServerConfig config, LongSupplier currentTick, FlushBatcher flushBatcher) {
    this.vertx = vertx;
    this.registry = registry;
    this.bus = bus;
    this.presence = presence;
    this.state = state;
    this.limiter = limiter;
    this.parser = parser;
    this.logThrottle = logThrottle;
    this.heartbeatIntervalMs = config.heartbeatIntervalMs();
    this.writeQueueMaxBytes = config.writeQueueMaxBytes();
    this.floodLimits = new FloodGuard.Limits(config.rateLimitPerSec(), config.rateLimitBurst(),
      config.rateLimitMaxRefusedPerMin(), config.maxInvalidMessagesPerMin());
    this.currentTick = currentTick;
    this.flushBatcher = flushBatcher;
    this.pacedDrain = config.clusterEnabled();
  }

  public void attach(ServerWebSocket socket, Admission admission) {
    socket.setWriteQueueMaxSize(writeQueueMaxBytes);
    Utf8Validation.install(socket);
    // From here on socket.headers() is null: what the handshake needed was read by HandshakeGate.
    WebSocketFootprint.trim(socket);
    Connection connection = new Connection(state.ids().next(), socket, flushBatcher, state, currentTick.getAsLong(),
      admission, new FloodGuard(floodLimits));
    registry.add(connection);
    long connections = state.connectionOpened();
    state.metrics().connectionOpened();
    socket.textMessageHandler(text -> onText(connection, text));
    socket.binaryMessageHandler(binary -> onBinary(connection));
    socket.pongHandler(pong -> connection.seenAt(currentTick.getAsLong()));
    socket.exceptionHandler(failure -> onFailure(connection, failure));
    if (!pacedDrain) {
      // A clustered node closes its clients one by one over the grace period instead (see PacedDrain).
      socket.shutdownHandler(v -> connection.close(CloseCode.GOING_AWAY));
    }
    socket.closeHandler(v -> cleanup(connection, socket));
    scheduleTokenExpiry(connection);

    connection.send(Outbound.welcome(connection.id(), connection.userId(), connection.name(), connections,
      heartbeatIntervalMs));
    presence.joined(connection.id(), connection.userId(), connection.name(), connections);
    LOG.info("{} client connected [id: {}, user: {}, remote: {}, connections: {}]", LogEvent.CONNECT, connection.id(),
      connection.userId(), connection.remote(), connections);
  }

  /** A token that expires while the client is connected ends the connection then, with a notice first. */
  private void scheduleTokenExpiry(Connection connection) {
    if (connection.admission().identity() == null || connection.admission().identity().expiresAtMillis() <= 0) {
      return;
    }
    long delay = Math.max(1, connection.admission().identity().expiresAtMillis() - System.currentTimeMillis());
    connection.expiryTimer(vertx.setTimer(delay, id -> {
      LOG.info("{} token expired, closing [id: {}, user: {}]", LogEvent.ERROR, connection.id(), connection.userId());
      connection.send(Outbound.tokenExpired());
      connection.close(CloseCode.TOKEN_EXPIRED);
    }));
  }

  private void onText(Connection connection, String text) {
    if (connection.isClosing()) {
      // Our close frame is on its way (RFC 6455 §5.5.1: no data frames after it). A flood already in the
      // socket's buffer would otherwise log and count one refusal for every message left in it.
      return;
    }
    connection.seenAt(currentTick.getAsLong());
    long now = System.nanoTime();
    FloodGuard guard = connection.floodGuard();
    if (!guard.admitMessage(now)) {
      refuseOverRate(connection, guard, now);
      return;
    }
    try {
      state.bytesReceived(ByteBufUtil.utf8Bytes(text));
      InboundMessage message = parser.parse(text);
      switch (message.type()) {
        case MESSAGE -> relay(connection, message.rawData(), text.length());
        case PING -> connection.send(Outbound.pong());
        case LATENCY -> state.metrics().clientLatency(Double.parseDouble(message.rawData()));
      }
    } catch (ProtocolException refused) {
      LOG.debug("{} message refused [id: {}, code: {}]", LogEvent.ERROR, connection.id(), refused.code().wireName());
      state.metrics().messageRefused(refused.code());
      connection.send(Outbound.error(refused.code(), refused.getMessage()));
      if (!guard.toleratesInvalidMessage(now)) {
        LOG.warn("{} too many invalid messages, closing [id: {}, remote: {}]", LogEvent.ERROR, connection.id(),
          connection.remote());
        connection.close(CloseCode.TOO_MANY_INVALID_MESSAGES);
      }
    } catch (RuntimeException fault) {
      LOG.error("{} failed to handle a message [id: {}]", LogEvent.ERROR, connection.id(), fault);
      connection.close(CloseCode.INTERNAL_ERROR);
    }
  }

  /** Over the rate: not broadcast, the sender is told when to retry; one that keeps flooding is closed. */
  private void refuseOverRate(Connection connection, FloodGuard guard, long now) {
    state.metrics().messageRefused(ErrorCode.RATE_LIMITED);
    if (guard.toleratesRateRefusal(now)) {
      connection.send(Outbound.rateLimited(guard.retryAfterMs(now)));
    } else {
      LOG.warn("{} client keeps flooding, closing [id: {}, remote: {}]", LogEvent.ERROR, connection.id(),
        connection.remote());
      connection.close(CloseCode.RATE_LIMIT_EXCEEDED);
    }
  }

  /** Echo to the sender, broadcast to everyone else: each frame encoded once, here. */
  private void relay(Connection sender, String rawData, int length) {
    state.messageReceived();
    String messageId = state.ids().next();
    String receivedAt = Outbound.now();
    sender.send(Outbound.echo(messageId, rawData, receivedAt));
    bus.publishExcept(Outbound.broadcastFrom(messageId, sender.senderFields(), rawData, receivedAt), sender.id());
    if (logThrottle.tryAcquire()) {
      LOG.info("{} message received [id: {}, from: {}, chars: {}]", LogEvent.RECEIVE, messageId, sender.id(), length);
    }
  }

  private void onBinary(Connection connection) {
    if (connection.isClosing()) {
      return;
    }
    connection.seenAt(currentTick.getAsLong());
    state.metrics().messageRefused(ErrorCode.UNSUPPORTED_BINARY);
    connection.send(Outbound.error(ErrorCode.UNSUPPORTED_BINARY, "only JSON text frames are supported"));
    connection.close(CloseCode.UNSUPPORTED_DATA);
  }

  private void onFailure(Connection connection, Throwable failure) {
    if (failure instanceof CorruptedWebSocketFrameException violation) {
      // Netty's frame decoder found a broken frame and names the RFC 6455 code that fits it.
      LOG.warn("{} protocol violation, closing [id: {}, cause: {}]", LogEvent.ERROR, connection.id(), violation.getMessage());
      connection.close(CloseCode.of(violation.closeStatus().code()));
    } else if (isMessageTooBig(failure)) {
      LOG.warn("{} message too big, closing [id: {}]", LogEvent.ERROR, connection.id());
      connection.close(CloseCode.MESSAGE_TOO_BIG);
    } else if (failure instanceof IOException || failure instanceof HttpClosedException) {
      // The peer vanished (reset, broken pipe, closed mid-frame); the close handler that follows cleans up.
      LOG.debug("{} connection lost [id: {}, cause: {}]", LogEvent.ERROR, connection.id(), failure.getMessage());
    } else {
      LOG.error("{} connection error, closing [id: {}]", LogEvent.ERROR, connection.id(), failure);
      connection.close(CloseCode.INTERNAL_ERROR);
    }
  }

  /** Vert.x reports a message that outgrew maxWebSocketMessageSize as an IllegalStateException. */
  private static boolean isMessageTooBig(Throwable failure) {
    return failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("max message size");
  }

  private void cleanup(Connection connection, ServerWebSocket socket) {
    if (registry.remove(connection.id()) == null) {
      return;
    }
    connection.markClosed();
    if (connection.expiryTimer() >= 0) {
      vertx.cancelTimer(connection.expiryTimer());
    }
    limiter.release(connection.admission().ip());
    long connections = state.connectionClosed();
    state.metrics().connectionClosed(socket.closeStatusCode());
    presence.left(connection.id(), connection.userId(), connection.name(), connections);
    LOG.info("{} client disconnected [id: {}, remote: {}, code: {}, connections: {}]", LogEvent.ERROR, connection.id(),
      connection.remote(), socket.closeStatusCode(), connections);
  }
}
