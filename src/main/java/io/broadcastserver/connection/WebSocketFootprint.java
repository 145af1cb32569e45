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
 * Trims what Vert.x 5.0.10 keeps for every accepted WebSocket, the one place that reaches into its
 * private fields: an idle client's memory is what limits how many one server holds.
 *
 * <ul>
 *   <li><b>The write queue.</b> The server runs in strict thread mode
 *   ({@code HttpServerOptions.setStrictThreadMode}), which Vert.x 5.0.10 honours for the HTTP connection
 *   but not for the WebSocket connection that replaces it after the upgrade: that one always gets a
 *   JCTools queue whose first chunk is a 1,025-slot array, 4.6 KiB per client. It is replaced by the
 *   direct queue VertxConnection itself picks under strict thread mode, which hands each write straight
 *   to the channel. Safe because strict thread mode already means every write comes from the
 *   connection's event loop, and all of ours do ({@link Connection} is confined to its verticle's loop);
 *   the swap happens as the socket is attached, before anything was written through the queue.</li>
 *   <li><b>The upgrade's leftovers.</b> The WebSocket's channel handler keeps the function that created
 *   its connection, and that function holds the upgrade: the HTTP connection, its request and response,
 *   their headers and the handshaker, about 3 KiB per client that nothing uses again. The function only
 *   runs when the handler joins the pipeline, long before the socket reaches us, so it is dropped.</li>
 * </ul>
 *
 * <p>If Vert.x's internals are not the ones expected (another version), nothing is changed and one
 * warning is logged; {@code WebSocketFootprintTest} fails then, so an upgrade does not lose this silently.
 */
final class WebSocketFootprint {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketFootprint.class);
  /** The name Vert.x gives the handler that owns the connection object. */
  private static final String VERTX_HANDLER = "handler";
  private static final Field QUEUE_FIELD;
  private static final Constructor<?> DIRECT_QUEUE;
  private static final Field CONNECTION_FACTORY;
  private static final Field REQUEST_HEADERS;

  static {
    Field queue = null;
    Constructor<?> direct = null;
    Field factory = null;
    Field headers = null;
    try {
      queue = VertxConnection.class.getDeclaredField("outboundMessageQueue");
      direct = Class.forName(VertxConnection.class.getName() + "$DirectOutboundMessageQueue")
        .getDeclaredConstructor(VertxConnection.class);
      factory = VertxHandler.class.getDeclaredField("connectionFactory");
      headers = Class.forName("io.vertx.core.http.impl.WebSocketImplBase").getDeclaredField("headers");
      queue.setAccessible(true);
      direct.setAccessible(true);
      factory.setAccessible(true);
      headers.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("WebSocket connections keep all Vert.x allocates for them (about 9 KiB each): {}", e.toString());
      queue = null;
      direct = null;
      factory = null;
      headers = null;
    }
    QUEUE_FIELD = queue;
    DIRECT_QUEUE = direct;
    CONNECTION_FACTORY = factory;
    REQUEST_HEADERS = headers;
  }

  private WebSocketFootprint() {
  }

  /** False when this Vert.x lacks the internals the trimming needs (then every WebSocket keeps it all). */
  static boolean available() {
    return QUEUE_FIELD != null;
  }

  /** Trims the socket's connection; leaves it as it is when the internals are not the expected ones. */
  static void trim(ServerWebSocket socket) {
    if (QUEUE_FIELD == null || !(socket instanceof WebSocketInternal internal)) {
      return;
    }
    ChannelHandler handler = internal.channelHandlerContext().pipeline().get(VERTX_HANDLER);
    if (!(handler instanceof VertxHandler<?> vertxHandler)) {
      return;
    }
    VertxConnection connection = vertxHandler.getConnection();
    try {
      if (!DIRECT_QUEUE.getDeclaringClass().isInstance(QUEUE_FIELD.get(connection))) {
        QUEUE_FIELD.set(connection, DIRECT_QUEUE.newInstance(connection));
      }
      CONNECTION_FACTORY.set(vertxHandler, null);
      REQUEST_HEADERS.set(socket, null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("kept all Vert.x allocated for a WebSocket: {}", e.toString());
    }
  }
}
