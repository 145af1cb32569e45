package io.broadcastserver.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.impl.WebSocketImplBase;

/**
 * The one place that reaches under Vert.x's WebSocket API to its Netty channel, for speed.
 *
 * <p>Why: {@code ServerWebSocket.writeTextMessage} encodes the text to UTF-8 and builds a frame for every
 * call, and flushes (one system call) for every call made outside a read. A fan-out to N clients would pay
 * N encodings and N syscalls per message. Here a {@link SharedFrame} that already holds the framed bytes
 * is written without a flush, and {@link FlushBatcher} flushes each socket once per event-loop turn, so
 * all frames pending for a socket leave in one writev.
 *
 * <p>Safe because: the bytes are a complete unmasked frame, which the WebSocket encoder in the pipeline
 * passes through untouched (it only encodes frame objects); every call happens on the socket's own event
 * loop; and we only write while the channel is writable, when Vert.x's own outbound queue is empty, so our
 * frames never overtake ones Vert.x still holds. Close frames still go through Vert.x.
 */
final class SocketWriter {

  private final ChannelHandlerContext context;

  SocketWriter(ServerWebSocket socket) {
    this.context = ((WebSocketImplBase<?>) socket).channelHandlerContext();
  }

  /** False once the unflushed and unsent bytes pass the socket's high water mark (its write-queue limit). */
  boolean isWritable() {
    return context.channel().isWritable();
  }

  boolean isOpen() {
    return context.channel().isActive();
  }

  /** Bytes written to the channel and not yet taken by the kernel (this socket's write-queue depth). */
  long pendingBytes() {
    ChannelOutboundBuffer buffer = context.channel().unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  /** Queues the frame's bytes in the channel without flushing. */
  void write(SharedFrame frame) {
    ByteBuf view = frame.viewForOneSocket();
    context.write(view, context.voidPromise());
  }

  void flush() {
    context.flush();
  }
}
