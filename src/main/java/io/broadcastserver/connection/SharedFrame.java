package io.broadcastserver.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * A server message encoded once as a complete WebSocket text frame (header and UTF-8 payload). Server
 * frames are not masked, so the same bytes are right for every client: fan-out sends these bytes to
 * each socket instead of encoding the text again for each one. Close it after the writes:
 * a verticle's {@link TurnFrames} holds a reference of its own until the turn's flush is over, and a socket
 * whose bytes the kernel did not take at once holds a view until they are on the wire.
 */
public final class SharedFrame implements AutoCloseable {

  private static final int TEXT_FINAL = 0x81;
  private static final int PING_FINAL = 0x89;

  private final ByteBuf bytes;
  /** The turn holding this frame for its sockets, and where; set and read on that turn's event loop only. */
  private TurnFrames heldBy;
  private int heldIndex;

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

  /** A ping with no payload, for the heartbeat: two bytes that join the socket's next batched write. */
  public static SharedFrame emptyPing() {
    return new SharedFrame(ByteBufAllocator.DEFAULT.directBuffer(2).writeByte(PING_FINAL).writeByte(0));
  }

  private static int headerLength(int payloadLength) {
    return payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
  }

  /** The frame's bytes, header included; the caller must not change them or their indexes. */
  ByteBuf bytes() {
    return bytes;
  }

  /** Records that {@code turn} holds this frame at {@code index}, and takes a reference for it. */
  void holdIn(TurnFrames turn, int index) {
    bytes.retain();
    heldBy = turn;
    heldIndex = index;
  }

  TurnFrames heldBy() {
    return heldBy;
  }

  int heldIndex() {
    return heldIndex;
  }

  /** The turn that held the frame is over: its reference goes. */
  void releaseFromTurn() {
    heldBy = null;
    bytes.release();
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
