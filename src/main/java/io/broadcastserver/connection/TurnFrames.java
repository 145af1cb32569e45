package io.broadcastserver.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.unix.IovArray;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.util.Arrays;

/**
 * The frames the sockets of one verticle instance are to send at this turn's flush. Each frame is held
 * once, for the whole turn, and each socket keeps only a chain of entries pointing at it: the bytes are
 * neither copied nor reference-counted per socket. At the flush a socket's chain goes to the kernel in
 * one {@code writev} of the frames' own memory ({@link #send}), or, where that cannot be done, to Netty as
 * views ({@link #write}).
 *
 * <p>Why: copying each frame into a buffer of every socket cost a native call per delivery ({@code
 * Unsafe.copyMemory}, which the C1 compiler does not inline) and a pooled buffer per socket, which Netty's
 * allocator kept replacing by fresh, zeroed memory as the buffers grew; together about a third of the
 * server's CPU at 800 messages/s to 1000 clients (docs/performance.md). An entry is two ints in arrays
 * kept from turn to turn: storing it allocates nothing and, unlike a reference in a long-lived object,
 * dirties no card for G1 to rescan.
 *
 * <p>Confined to the instance's event loop; emptied after every flush of all its sockets
 * ({@link FlushBatcher}), which is always scheduled while anything is held: holding a frame is always
 * followed by the socket's flush being made pending.
 */
final class TurnFrames {

  /** One per event-loop thread, like the one Netty's epoll loop keeps for its own writes. */
  private static final FastThreadLocal<IovArray> IOVECS = new FastThreadLocal<>() {
    @Override
    protected IovArray initialValue() {
      return new IovArray();
    }

    @Override
    protected void onRemoval(IovArray iovecs) {
      iovecs.release();
    }
  };

  private SharedFrame[] frames = new SharedFrame[16];
  private int frameCount;
  /** Per entry: which of {@link #frames} it sends, and the socket's next entry (-1 at the chain's end). */
  private int[] entryFrame = new int[256];
  private int[] entryNext = new int[256];
  private int entryCount;

  /**
   * Adds {@code frame} to the end of a socket's chain, after entry {@code tail} (-1 starts a chain).
   *
   * @return the new entry: the chain's tail, and its head if it started the chain
   */
  int append(int tail, SharedFrame frame) {
    if (entryCount == entryFrame.length) {
      entryFrame = Arrays.copyOf(entryFrame, entryCount * 2);
      entryNext = Arrays.copyOf(entryNext, entryCount * 2);
    }
    int entry = entryCount++;
    entryFrame[entry] = indexOf(frame);
    entryNext[entry] = -1;
    if (tail >= 0) {
      entryNext[tail] = entry;
    }
    return entry;
  }

  /** The frame's place in this turn's frames; the first time, it is held (retained) until {@link #clear}. */
  private int indexOf(SharedFrame frame) {
    if (frame.heldBy() != this) {
      if (frameCount == frames.length) {
        frames = Arrays.copyOf(frames, frameCount * 2);
      }
      frame.holdIn(this, frameCount);
      frames[frameCount] = frame;
      frameCount++;
    }
    return frame.heldIndex();
  }

  /**
   * Sends the chain starting at {@code head} to {@code socket}, in as few {@code writev} calls as the
   * kernel's limit on buffers per call allows, stopping when the kernel takes less than offered or the
   * socket fails (what was not sent then goes to Netty, whose own write meets the same error and closes
   * the channel in its usual way).
   *
   * @return the bytes the kernel took
   */
  long send(Socket socket, int head) {
    long sent = 0;
    try {
      ByteBuf first = bytes(head);
      if (entryNext[head] < 0 && first.hasMemoryAddress()) {
        return socket.sendAddress(first.memoryAddress(), first.readerIndex(), first.writerIndex());
      }
      IovArray iovecs = IOVECS.get();
      int entry = head;
      while (entry >= 0) {
        iovecs.clear();
        while (entry >= 0 && iovecs.add(bytes(entry))) {
          entry = entryNext[entry];
        }
        long offered = iovecs.size();
        long taken = socket.writevAddresses(iovecs.memoryAddress(0), iovecs.count());
        sent += taken;
        if (taken < offered) {
          break;
        }
      }
    } catch (IOException e) {
      // Counted as not sent: see above.
    }
    return sent;
  }

  /** Writes (without flushing) the chain starting at {@code head} to Netty, less its first {@code skip} bytes. */
  void write(ChannelHandlerContext context, int head, long skip) {
    for (int entry = head; entry >= 0; entry = entryNext[entry]) {
      ByteBuf bytes = bytes(entry);
      int length = bytes.readableBytes();
      if (skip >= length) {
        skip -= length;
      } else {
        context.write(bytes.retainedSlice(bytes.readerIndex() + (int) skip, length - (int) skip),
          context.voidPromise());
        skip = 0;
      }
    }
  }

  private ByteBuf bytes(int entry) {
    return frames[entryFrame[entry]].bytes();
  }

  /** Lets go of this turn's frames and forgets every entry. By then each socket has flushed or dropped its chain. */
  void clear() {
    for (int i = 0; i < frameCount; i++) {
      frames[i].releaseFromTurn();
      frames[i] = null;
    }
    frameCount = 0;
    entryCount = 0;
  }
}
