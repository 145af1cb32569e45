package io.broadcastserver.connection;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * Makes invalid UTF-8 in a text message a protocol error (close 1007), as RFC 6455 §8.1 requires.
 * Vert.x decodes text frames leniently (bad bytes become U+FFFD), so Netty's own validator is put in the
 * socket's pipeline, just after the frame decoder; its error reaches the socket's exception handler.
 * Uses Vert.x's internal {@link WebSocketInternal}, the documented way to reach the Netty pipeline.
 */
final class Utf8Validation {

  private static final String NAME = "utf8FrameValidator";
  /** The name Vert.x gives its own handler, which must stay last. */
  private static final String VERTX_HANDLER = "handler";

  private Utf8Validation() {
  }

  static void install(ServerWebSocket socket) {
    if (socket instanceof WebSocketInternal internal) {
      ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
      if (pipeline.get(NAME) == null && pipeline.get(VERTX_HANDLER) != null) {
        // false: report the violation and let ConnectionHandler close with our reason text.
        pipeline.addBefore(VERTX_HANDLER, NAME, new Utf8FrameValidator(false));
      }
    }
  }
}
