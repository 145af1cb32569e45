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
import io.broadcastserver.system.NodeState;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one accepted WebSocket: welcome and join notice, then every inbound frame, and one idempotent
 * cleanup that runs however the socket ends. A fault while serving a client closes only that client.
 */
public final class ConnectionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

  private final ConnectionRegistry registry;
  private final BroadcastBus bus;
  private final PresenceNotices presence;
  private final NodeState state;
  private final InboundParser parser;
  private final LogThrottle logThrottle;
  private final int heartbeatIntervalMs;
  private final LongSupplier currentTick;
  private final FlushBatcher flushBatcher;
  private final int writeQueueMaxBytes;

  public ConnectionHandler(ConnectionRegistry registry, BroadcastBus bus, PresenceNotices presence, NodeState state, InboundParser parser,
                           LogThrottle logThrottle, ServerConfig config, LongSupplier currentTick,
                           FlushBatcher flushBatcher) {
    this.registry = registry;
    this.bus = bus;
    this.presence = presence;
    this.state = state;
    this.parser = parser;
    this.logThrottle = logThrottle;
    this.heartbeatIntervalMs = config.heartbeatIntervalMs();
    this.writeQueueMaxBytes = config.writeQueueMaxBytes();
    this.currentTick = currentTick;
    this.flushBatcher = flushBatcher;
  }

  public void attach(ServerWebSocket socket) {
    socket.setWriteQueueMaxSize(writeQueueMaxBytes);
    Connection connection = new Connection(state.ids().next(), socket, flushBatcher, state, currentTick.getAsLong());
    registry.add(connection);
    long connections = state.connectionOpened();
    socket.textMessageHandler(text -> onText(connection, text));
    socket.binaryMessageHandler(binary -> onBinary(connection));
    socket.pongHandler(pong -> connection.seenAt(currentTick.getAsLong()));
    socket.exceptionHandler(failure -> onFailure(connection, failure));
    socket.shutdownHandler(v -> connection.close(CloseCode.GOING_AWAY));
    socket.closeHandler(v -> cleanup(connection, socket));

    connection.send(Outbound.welcome(connection.id(), connections, heartbeatIntervalMs));
    presence.joined(connection.id(), connections);
    LOG.info("{} client connected [id: {}, remote: {}, connections: {}]", LogEvent.CONNECT, connection.id(),
      connection.remote(), connections);
  }

  private void onText(Connection connection, String text) {
    connection.seenAt(currentTick.getAsLong());
    try {
      InboundMessage message = parser.parse(text);
      switch (message.type()) {
        case MESSAGE -> relay(connection, message.rawData(), text.length());
        case PING -> connection.send(Outbound.pong());
      }
    } catch (ProtocolException refused) {
      LOG.debug("{} message refused [id: {}, code: {}]", LogEvent.ERROR, connection.id(), refused.code().wireName());
      connection.send(Outbound.error(refused.code(), refused.getMessage()));
    } catch (RuntimeException fault) {
      LOG.error("{} failed to handle a message [id: {}]", LogEvent.ERROR, connection.id(), fault);
      connection.close(CloseCode.INTERNAL_ERROR);
    }
  }

  /** Echo to the sender, broadcast to everyone else: each frame encoded once, here. */
  private void relay(Connection sender, String rawData, int length) {
    state.messageReceived();
    String messageId = state.ids().next();
    String receivedAt = Outbound.now();
    sender.send(Outbound.echo(messageId, rawData, receivedAt));
    bus.publishExcept(Outbound.broadcast(messageId, sender.id(), rawData, receivedAt), sender.id());
    if (logThrottle.tryAcquire()) {
      LOG.info("{} message received [id: {}, from: {}, chars: {}]", LogEvent.RECEIVE, messageId, sender.id(), length);
    }
  }

  private void onBinary(Connection connection) {
    connection.seenAt(currentTick.getAsLong());
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
      // The peer vanished (reset, broken pipe); the close handler that follows does the cleanup.
      LOG.debug("{} connection lost [id: {}, cause: {}]", LogEvent.ERROR, connection.id(), failure.getMessage());
    } else {
      LOG.warn("{} connection error, closing [id: {}, cause: {}]", LogEvent.ERROR, connection.id(), failure.toString());
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
    long connections = state.connectionClosed();
    // During shutdown every client is leaving at once; N notices to N clients would only delay the exit.
    if (!state.isShuttingDown()) {
      presence.left(connection.id(), connections);
    }
    LOG.info("{} client disconnected [id: {}, remote: {}, code: {}, connections: {}]", LogEvent.ERROR, connection.id(),
      connection.remote(), socket.closeStatusCode(), connections);
  }
}
