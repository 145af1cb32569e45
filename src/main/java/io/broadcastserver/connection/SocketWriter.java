package io.broadcastserver.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.unix.Socket;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.impl.WebSocketImplBase;
import java.io.IOException;

/**
 * The one place that reaches under Vert.x's WebSocket API to its Netty channel, for speed.
 *
 * <p>Why: {@code ServerWebSocket.writeTextMessage} encodes the text to UTF-8 and builds a frame for every
 * call, and flushes (one system call) for every call made outside a read. A fan-out to N clients would pay
 * N encodings and N syscalls per message. Here a {@link SharedFrame} that already holds the framed bytes
 * is written without a flush, and {@link FlushBatcher} flushes each socket once per event-loop turn, so
 * all frames pending for a socket leave in one writev.
 *
 * <p>The small frames of one turn ({@link #GATHER_MAX_FRAME_BYTES}) are handed to Netty, or sent, as one
 * buffer at the flush. The first is held as a view of the shared frame, not copied: at low rates a socket
 * gets one frame a turn, and a copy would mean a buffer allocated and released per client. From the
 * second on they are copied into one buffer of the socket's own: Netty's outbound path costs far more per
 * message (a pooled entry, reference counts, pending-byte accounting, pipeline hops) than copying a hundred
 * bytes, and under load a turn brings a socket several frames. What a socket holds lives in its verticle's
 * {@link TurnBuffers}, not in a field here (why: see there). Larger frames are shared, never copied, so a
 * big fan-out does not copy its payload once per client.
 *
 * <p>At the flush, a socket's held bytes are sent straight to its file descriptor when nothing else is
 * queued in its channel ({@link #sentWholeDirectly}), as uWebSockets does: one {@code send} call, and Netty's
 * outbound queue (an entry, the pending-byte count, the pipeline's hops) only for what the kernel does not
 * take at once. With 10,000 clients each of those per-socket objects is a cache miss, and every reference
 * Netty stores into its long-lived queue makes G1 rescan a card of old memory; skipping them took about a
 * quarter off the server's CPU at 10,000 subscribers (docs/performance.md). Only on the native epoll
 * transport, and only when the pipeline holds nothing but the WebSocket codec and Vert.x's handler: with
 * TLS (or any handler we do not know) the bytes must pass through the pipeline, and do.
 *
 * <p>Safe because: the bytes are complete unmasked frames, which the WebSocket encoder in the pipeline
 * passes through untouched (it only encodes frame objects); every call happens on the socket's own event
 * loop; we only write while the channel is writable, when Vert.x's own outbound queue is empty; a direct
 * send happens only when the channel's queue is empty too, so it never overtakes bytes queued earlier, and
 * what it leaves is queued in the channel, so nothing later overtakes it; and the gathered bytes reach the
 * channel before anything Vert.x writes for us (ping, close): the caller flushes first. Close frames still
 * go through Vert.x.
 */
final class SocketWriter {

  /** Frames up to this size are gathered by copying; larger ones are written as shared views. */
  static final int GATHER_MAX_FRAME_BYTES = 1024;
  private static final int GATHER_INITIAL_BYTES = 512;

  private final ChannelHandlerContext context;
  private final TurnBuffers turnBuffers;
  /** Whether held bytes may go straight to the socket's file descriptor (see the class comment). */
  private final boolean directSends;
  /** Whether the held buffer is one we gathered frames into (writable), not the first frame's shared view. */
  private boolean gathering;
  /** Where this turn's small frames for the socket wait in {@link #turnBuffers}; -1 when there are none. */
  private int heldIndex = -1;

  SocketWriter(ServerWebSocket socket, TurnBuffers turnBuffers) {
    this.context = ((WebSocketImplBase<?>) socket).channelHandlerContext();
    this.turnBuffers = turnBuffers;
    this.directSends = directSendsPossible(context);
  }

  /**
   * True on the native epoll transport when every handler between us and the socket passes our bytes
   * through untouched: the WebSocket frame codec and UTF-8 check (they handle frame objects, and inbound
   * data), and our own context's handler. Anything else, TLS above all, must see the bytes.
   */
  static boolean directSendsPossible(ChannelHandlerContext context) {
    if (!(context.channel() instanceof AbstractEpollStreamChannel epoll) || !(epoll.fd() instanceof Socket)) {
      return false;
    }
    for (var entry : context.pipeline()) {
      ChannelHandler handler = entry.getValue();
      boolean passesBytesThrough = handler == context.handler() || handler instanceof WebSocketFrameEncoder
        || handler instanceof WebSocketFrameDecoder || handler instanceof Utf8FrameValidator;
      if (!passesBytesThrough) {
        return false;
      }
    }
    return true;
  }

  /** Whether this socket's held bytes go straight to its file descriptor when its channel's queue is empty. */
  boolean sendsDirectly() {
    return directSends;
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
    return inChannel + (heldIndex < 0 ? 0 : turnBuffers.get(heldIndex).readableBytes());
  }

  /** Queues the frame's bytes without flushing. */
  void write(SharedFrame frame) {
    if (frame.size() > GATHER_MAX_FRAME_BYTES) {
      writeHeld();   // what was held first: frames keep their order
      context.write(frame.viewForOneSocket(), context.voidPromise());
    } else if (heldIndex < 0) {
      heldIndex = turnBuffers.add(frame.viewForOneSocket());
      gathering = false;
    } else {
      turnBuffers.replace(heldIndex, gather(turnBuffers.get(heldIndex), frame));
    }
  }

  /** Appends the frame to the held bytes; the first time, into a buffer of our own in place of the shared view. */
  private ByteBuf gather(ByteBuf held, SharedFrame frame) {
    if (gathering) {
      frame.copyTo(held);
      return held;
    }
    int size = held.readableBytes() + frame.size();
    ByteBuf gathered = context.alloc().directBuffer(Math.max(GATHER_INITIAL_BYTES, size));
    gathered.writeBytes(held);
    held.release();
    frame.copyTo(gathered);
    gathering = true;
    return gathered;
  }

  /** Sends what is held, straight to the socket when it can (see the class comment), else through Netty. */
  void flush() {
    ByteBuf held = takeHeld();
    if (held != null) {
      if (sentWholeDirectly(held)) {
        held.release();
        return;
      }
      context.write(held, context.voidPromise());
    }
    context.flush();
  }

  /** Drops what is held and not yet written: the socket closed. */
  void discard() {
    ByteBuf held = takeHeld();
    if (held != null) {
      held.release();
    }
  }

  /**
   * Sends what the kernel takes now straight to the socket, when that cannot reorder anything, and skips
   * it in {@code bytes}; true when all of it went. An error sends nothing: Netty's own write then meets the
   * same error and closes the channel in its usual way.
   */
  private boolean sentWholeDirectly(ByteBuf bytes) {
    // isActive: a closed channel's fd number may already belong to another connection.
    if (!directSends || !bytes.hasMemoryAddress() || !context.channel().isActive() || !nothingQueuedInChannel()) {
      return false;
    }
    try {
      Socket socket = (Socket) ((AbstractEpollStreamChannel) context.channel()).fd();
      bytes.skipBytes(socket.sendAddress(bytes.memoryAddress(), bytes.readerIndex(), bytes.writerIndex()));
      return !bytes.isReadable();
    } catch (IOException e) {
      return false;
    }
  }

  private boolean nothingQueuedInChannel() {
    ChannelOutboundBuffer buffer = context.channel().unsafe().outboundBuffer();
    return buffer != null && buffer.totalPendingWriteBytes() == 0;
  }

  private void writeHeld() {
    ByteBuf held = takeHeld();
    if (held != null) {
      context.write(held, context.voidPromise());
    }
  }

  /** The held bytes, now the caller's to release or pass on; null when none are held. */
  private ByteBuf takeHeld() {
    if (heldIndex < 0) {
      return null;
    }
    ByteBuf held = turnBuffers.take(heldIndex);
    heldIndex = -1;
    return held;
  }
}
