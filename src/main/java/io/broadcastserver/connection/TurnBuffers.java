package io.broadcastserver.connection;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The bytes each socket of one verticle instance is to send at this turn's flush, kept in one array
 * instead of a field of each socket; a socket remembers only its index ({@link SocketWriter}).
 *
 * <p>Why: a reference stored into a long-lived object makes G1 dirty that object's card and rescan it
 * later. A field per socket meant one dirty card per delivery, scattered over the old generation: at
 * 10,000 subscribers that rescanning and its write barrier were about a tenth of the server's CPU. Stored
 * side by side here, 10,000 references dirty some 80 cards. Confined to the instance's event loop; emptied
 * after every flush of all its sockets ({@link FlushBatcher}).
 */
final class TurnBuffers {

  private ByteBuf[] buffers = new ByteBuf[64];
  private int size;

  /** Holds {@code buffer} until the flush and returns its index. */
  int add(ByteBuf buffer) {
    if (size == buffers.length) {
      buffers = Arrays.copyOf(buffers, size * 2);
    }
    buffers[size] = buffer;
    return size++;
  }

  ByteBuf get(int index) {
    return buffers[index];
  }

  void replace(int index, ByteBuf buffer) {
    buffers[index] = buffer;
  }

  /** Hands the buffer at {@code index} over to the caller, who releases it or passes it on. */
  ByteBuf take(int index) {
    ByteBuf buffer = buffers[index];
    buffers[index] = null;
    return buffer;
  }

  /** Forgets every index. By then each socket has taken its buffer: a flush or a discard took it. */
  void clear() {
    size = 0;
  }
}
