package io.broadcastserver.connection;

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

/**
 * The one place that reaches under Vert.x's WebSocket API to its Netty channel, for speed.
 *
 * <p>Why: {@code ServerWebSocket.writeTextMessage} encodes the text to UTF-8 and builds a frame for every
 * call, and flushes (one system call) for every call made outside a read. A fan-out to N clients would pay
 * N encodings and N syscalls per message. Here a {@link SharedFrame} that already holds the framed bytes
 * is written without a flush, and {@link FlushBatcher} flushes each socket once per event-loop turn, so
 * all frames pending for a socket leave in one writev.
 *
 * <p>The frames of one turn are not copied: the socket keeps a chain of them in its verticle's
 * {@link TurnFrames}, which holds each frame once for all its sockets (why: see there).
 *
 * <p>At the flush, a socket's chain is sent straight to its file descriptor when nothing else is queued in
 * its channel ({@link #sentDirectly}), as uWebSockets does: one {@code send} or {@code writev} of the
 * frames' own memory, and Netty's outbound queue (an entry, the pending-byte count, the pipeline's hops)
 * only for what the kernel does not take at once. With 10,000 clients each of those per-socket objects is
 * a cache miss, and every reference Netty stores into its long-lived queue makes G1 rescan a card of old
 * memory; skipping them took about a quarter off the server's CPU at 10,000 subscribers
 * (docs/performance.md). Only on the native epoll transport, and only when the pipeline holds nothing but
 * the WebSocket codec and Vert.x's handler: with TLS (or any handler we do not know) the bytes must pass
 * through the pipeline, and do, as one view of each frame.
 *
 * <p>Safe because: the bytes are complete unmasked frames, which the WebSocket encoder in the pipeline
 * passes through untouched (it only encodes frame objects); every call happens on the socket's own event
 * loop; we only write while the channel is writable, when Vert.x's own outbound queue is empty; a direct
 * send happens only when the channel's queue is empty too, so it never overtakes bytes queued earlier, and
 * what it leaves is queued in the channel, so nothing later overtakes it. Vert.x still writes two kinds
 * of frame itself, each whole, so they fall between ours and never inside one: the close frame, written
 * after the caller flushed what is held, and the pong it answers to a client's ping, which may come
 * before this turn's frames, as control frames may. Our pings are shared frames in the chain like any
 * other ({@link SharedFrame#emptyPing()}).
 */
final class SocketWriter {

  private final ChannelHandlerContext context;
  private final TurnFrames turnFrames;
  /** Whether held bytes may go straight to the socket's file descriptor (see the class comment). */
  private final boolean directSends;
  /** This turn's chain of frames for the socket in {@link #turnFrames}; -1 when none are held. */
  private int headEntry = -1;
  private int tailEntry = -1;
  private int heldBytes;

  SocketWriter(ServerWebSocket socket, TurnFrames turnFrames) {
    this.context = ((WebSocketImplBase<?>) socket).channelHandlerContext();
    this.turnFrames = turnFrames;
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
    return inChannel + heldBytes;
  }

  /** Holds the frame for this turn's flush. */
  void write(SharedFrame frame) {
    tailEntry = turnFrames.append(tailEntry, frame);
    if (headEntry < 0) {
      headEntry = tailEntry;
    }
    heldBytes += frame.size();
  }

  /** Sends what is held, straight to the socket when it can (see the class comment), else through Netty. */
  void flush() {
    if (headEntry >= 0) {
      int head = headEntry;
      long held = heldBytes;
      discard();
      long sent = sentDirectly(head);
      if (sent == held) {
        return;
      }
      turnFrames.write(context, head, sent);
    }
    context.flush();
  }

  /** Drops what is held and not yet written: the socket closed, or the held bytes were just taken. */
  void discard() {
    headEntry = -1;
    tailEntry = -1;
    heldBytes = 0;
  }

  /**
   * Sends what the kernel takes now of the chain starting at {@code head} straight to the socket, when
   * that cannot reorder anything; returns how many bytes went.
   */
  private long sentDirectly(int head) {
    // isActive: a closed channel's fd number may already belong to another connection.
    if (!directSends || !context.channel().isActive() || !nothingQueuedInChannel()) {
      return 0;
    }
    return turnFrames.send((Socket) ((AbstractEpollStreamChannel) context.channel()).fd(), head);
  }

  private boolean nothingQueuedInChannel() {
    ChannelOutboundBuffer buffer = context.channel().unsafe().outboundBuffer();
    return buffer != null && buffer.totalPendingWriteBytes() == 0;
  }
}
