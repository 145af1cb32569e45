package io.broadcastserver.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * A server message encoded once as a complete WebSocket text frame (header and UTF-8 payload). Server
 * frames are not masked, so the same bytes are right for every client: fan-out writes a retained view of
 * this buffer to each socket instead of encoding the text again for each one. Close it after the writes;
 * each socket releases its own view once the bytes are on the wire.
 */
public final class SharedFrame implements AutoCloseable {

  private static final int TEXT_FINAL = 0x81;

  private final ByteBuf bytes;

  private SharedFrame(ByteBuf bytes) {
    this.bytes = bytes;
  }

  /** Encodes {@code json} as one final text frame in a pooled direct buffer, ready for a writev. */
  public static SharedFrame text(String json) {
    int payloadLength = ByteBufUtil.utf8Bytes(json);
    ByteBuf bytes = ByteBufAllocator.DEFAULT.directBuffer(headerLength(payloadLength) + payloadLength);
    bytes.writeByte(TEXT_FINAL);
    if (payloadLength < 126) {
      bytes.writeByte(payloadLength);
    } else if (payloadLength < 65_536) {
      bytes.writeByte(126).writeShort(payloadLength);
    } else {
      bytes.writeByte(127).writeLong(payloadLength);
    }
    ByteBufUtil.reserveAndWriteUtf8(bytes, json, payloadLength);
    return new SharedFrame(bytes);
  }

  private static int headerLength(int payloadLength) {
    return payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
  }

  /** A view for one socket; the socket's pipeline releases it after writing. */
  ByteBuf viewForOneSocket() {
    return bytes.retainedDuplicate();
  }

  /** Appends the frame's bytes to a buffer of one socket's frames. */
  void copyTo(ByteBuf target) {
    target.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
  }

  /** Bytes on the wire, header included. */
  public int size() {
    return bytes.readableBytes();
  }

  @Override
  public void close() {
    bytes.release();
  }
}
