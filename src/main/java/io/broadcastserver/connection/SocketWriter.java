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
 * <p>Small frames written in one turn are copied into one buffer per socket ({@link #GATHER_MAX_FRAME_BYTES})
 * and handed to Netty as one message at the flush. Netty's outbound path costs far more per message
 * (a pooled entry, reference counts, pending-byte accounting, pipeline hops) than copying a hundred bytes,
 * and under load a turn brings a socket several frames. Larger frames are shared, never copied, so a big
 * fan-out does not copy its payload once per client.
 *
 * <p>Safe because: the bytes are complete unmasked frames, which the WebSocket encoder in the pipeline
 * passes through untouched (it only encodes frame objects); every call happens on the socket's own event
 * loop; we only write while the channel is writable, when Vert.x's own outbound queue is empty; and the
 * gathered bytes reach the channel before anything Vert.x writes for us (ping, close): the caller flushes
 * first. Close frames still go through Vert.x.
 */
final class SocketWriter {

  /** Frames up to this size are gathered by copying; larger ones are written as shared views. */
  static final int GATHER_MAX_FRAME_BYTES = 1024;
  private static final int GATHER_INITIAL_BYTES = 512;

  private final ChannelHandlerContext context;
  /** This turn's small frames for the socket, not yet handed to Netty; null when there are none. */
  private ByteBuf gathered;

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

  /** Bytes queued for the socket and not yet taken by the kernel (this socket's write-queue depth). */
  long pendingBytes() {
    ChannelOutboundBuffer buffer = context.channel().unsafe().outboundBuffer();
    long inChannel = buffer == null ? 0 : buffer.totalPendingWriteBytes();
    return inChannel + (gathered == null ? 0 : gathered.readableBytes());
  }

  /** Queues the frame's bytes without flushing. */
  void write(SharedFrame frame) {
    if (frame.size() <= GATHER_MAX_FRAME_BYTES) {
      if (gathered == null) {
        gathered = context.alloc().directBuffer(Math.max(GATHER_INITIAL_BYTES, frame.size()));
      }
      frame.copyTo(gathered);
    } else {
      writeGathered();   // what was gathered first: frames keep their order
      context.write(frame.viewForOneSocket(), context.voidPromise());
    }
  }

  void flush() {
    writeGathered();
    context.flush();
  }

  /** Drops what was gathered and not yet written: the socket closed. */
  void discard() {
    if (gathered != null) {
      gathered.release();
      gathered = null;
    }
  }

  private void writeGathered() {
    if (gathered != null) {
      context.write(gathered, context.voidPromise());
      gathered = null;
    }
  }
}
