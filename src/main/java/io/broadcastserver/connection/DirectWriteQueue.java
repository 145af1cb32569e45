package io.broadcastserver.connection;

import io.netty.channel.ChannelHandler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.core.net.impl.VertxHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a WebSocket the direct outbound queue Vert.x uses for connections in strict thread mode, in place
 * of the thread-safe queue Vert.x 5.0.10 builds for every WebSocket.
 *
 * <p>Why: the server runs in strict thread mode ({@code HttpServerOptions.setStrictThreadMode}), which
 * Vert.x 5.0.10 honours for the HTTP connection but not for the WebSocket connection that replaces it
 * after the upgrade: that one always gets a JCTools queue whose first chunk is a 1,025-slot array, 4.6 KiB
 * per client, almost half an idle client's live heap (class histogram at 5,000 connections). The direct
 * queue, which VertxConnection picks itself under strict thread mode, hands each write straight to the
 * channel and allocates nothing.
 *
 * <p>Safe because: strict thread mode already means every write comes from the connection's event loop,
 * and all of ours do ({@link Connection} is confined to its verticle's loop); the swap happens as the
 * socket is attached, before anything was written through the queue. If Vert.x's internals are not the
 * ones expected (another version), nothing is changed and one warning is logged.
 */
final class DirectWriteQueue {

  private static final Logger LOG = LoggerFactory.getLogger(DirectWriteQueue.class);
  /** The name Vert.x gives the handler that owns the connection object. */
  private static final String VERTX_HANDLER = "handler";
  private static final Field QUEUE_FIELD;
  private static final Constructor<?> DIRECT_QUEUE;

  static {
    Field field = null;
    Constructor<?> constructor = null;
    try {
      field = VertxConnection.class.getDeclaredField("outboundMessageQueue");
      constructor = Class.forName(VertxConnection.class.getName() + "$DirectOutboundMessageQueue")
        .getDeclaredConstructor(VertxConnection.class);
      field.setAccessible(true);
      constructor.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("WebSocket connections keep Vert.x's own write queue (4.6 KiB each): {}", e.toString());
      field = null;
      constructor = null;
    }
    QUEUE_FIELD = field;
    DIRECT_QUEUE = constructor;
  }

  private DirectWriteQueue() {
  }

  /** False when this Vert.x lacks the internals the swap needs (then every WebSocket keeps its own queue). */
  static boolean available() {
    return QUEUE_FIELD != null;
  }

  /** @return true when the socket's connection now writes through the direct queue */
  static boolean install(ServerWebSocket socket) {
    if (QUEUE_FIELD == null || !(socket instanceof WebSocketInternal internal)) {
      return false;
    }
    ChannelHandler handler = internal.channelHandlerContext().pipeline().get(VERTX_HANDLER);
    if (!(handler instanceof VertxHandler<?> vertxHandler)) {
      return false;
    }
    VertxConnection connection = vertxHandler.getConnection();
    try {
      if (!DIRECT_QUEUE.getDeclaringClass().isInstance(QUEUE_FIELD.get(connection))) {
        QUEUE_FIELD.set(connection, DIRECT_QUEUE.newInstance(connection));
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("kept Vert.x's write queue for a WebSocket: {}", e.toString());
      return false;
    }
  }
}
