package io.broadcastserver.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The generator's whole client pipeline: sends a fixed upgrade request, checks for {@code 101}, then reads
 * RFC 6455 frames straight out of the socket's bytes and hands each text payload to the listener as a
 * slice: no HTTP codec, no frame objects, no copies. A load generator built from Netty's WebSocket codec
 * spent more CPU per delivered frame than some of the servers it measured, and so measured itself.
 *
 * <p>Only what a broadcast server sends is handled: unmasked, unfragmented text frames (a continuation
 * frame is delivered on its own), pings (answered), pongs (ignored) and close (closes the connection).
 */
final class RawWebSocketHandler extends ByteToMessageDecoder {

  private static final byte[] SWITCHING_PROTOCOLS = "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_HANDSHAKE_RESPONSE = 16 * 1024;
  private static final int OPCODE_CONTINUATION = 0x0;
  private static final int OPCODE_TEXT = 0x1;
  private static final int OPCODE_CLOSE = 0x8;
  private static final int OPCODE_PING = 0x9;

  private final ByteBuf upgradeRequest;
  private final LoadClients.FrameListener listener;
  private final CompletableFuture<Channel> ready;
  private boolean upgraded;

  /** @param upgradeRequest from {@link #upgradeRequest(URI)}; shared, only duplicated here */
  RawWebSocketHandler(ByteBuf upgradeRequest, LoadClients.FrameListener listener, CompletableFuture<Channel> ready) {
    this.upgradeRequest = upgradeRequest;
    this.listener = listener;
    this.ready = ready;
  }

  /**
   * The request every connection sends. The key is fixed and the server's accept value is not checked:
   * this client only measures servers, it does not need protection from a caching proxy.
   */
  static ByteBuf upgradeRequest(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    String request = "GET " + path + query + " HTTP/1.1\r\n"
      + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
      + "Upgrade: websocket\r\n"
      + "Connection: Upgrade\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      + "Sec-WebSocket-Version: 13\r\n\r\n";
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(request.getBytes(StandardCharsets.US_ASCII)))
      .asReadOnly();
  }

  /**
   * A masked text frame as a client must send it. The masking key is zero, which leaves the payload as
   * it is: every server still runs its unmasking code, so the comparison stays fair.
   */
  static ByteBuf textFrame(ByteBufAllocator allocator, CharSequence ascii) {
    int length = ascii.length();
    ByteBuf frame = allocator.buffer(length + 14);
    frame.writeByte(0x80 | OPCODE_TEXT);
    writeMaskedLength(frame, length);
    frame.writeInt(0);
    ByteBufUtil.writeAscii(frame, ascii);
    return frame;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    ctx.writeAndFlush(upgradeRequest.duplicate());
    super.channelActive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!upgraded && !readHandshakeResponse(ctx, in)) {
      return;
    }
    long receivedMicros = Frames.nowMicros();
    while (readFrame(ctx, in, receivedMicros)) {
      // each call consumed one whole frame
    }
  }

  private boolean readHandshakeResponse(ChannelHandlerContext ctx, ByteBuf in) {
    int end = headersEnd(in);
    if (end < 0) {
      if (in.readableBytes() > MAX_HANDSHAKE_RESPONSE) {
        fail(ctx, "no end of the handshake response in " + MAX_HANDSHAKE_RESPONSE + " bytes");
      }
      return false;
    }
    if (!Frames.startsWith(in, SWITCHING_PROTOCOLS)) {
      int lineEnd = Math.min(end, in.readerIndex() + 200);
      fail(ctx, "upgrade refused: " + in.toString(in.readerIndex(), lineEnd - in.readerIndex(),
        StandardCharsets.US_ASCII).lines().findFirst().orElse(""));
      return false;
    }
    in.readerIndex(end + 4);
    upgraded = true;
    ready.complete(ctx.channel());
    return true;
  }

  /**
   * Where the blank line that ends the response head starts, or -1. A plain scan for LF: Netty's general
   * {@code ByteBufUtil.indexOf} prepares a two-way search on every call, a measurable share of a connect run.
   */
  private static int headersEnd(ByteBuf in) {
    int from = in.readerIndex() + 3;
    int end = in.writerIndex();
    while (from < end) {
      int lf = in.indexOf(from, end, (byte) '\n');
      if (lf < 0) {
        return -1;
      }
      if (in.getByte(lf - 1) == '\r' && in.getByte(lf - 2) == '\n' && in.getByte(lf - 3) == '\r') {
        return lf - 3;
      }
      from = lf + 1;
    }
    return -1;
  }

  /** @return whether a whole frame was there (and was consumed) */
  private boolean readFrame(ChannelHandlerContext ctx, ByteBuf in, long receivedMicros) {
    int start = in.readerIndex();
    int available = in.readableBytes();
    if (available < 2) {
      return false;
    }
    int opcode = in.getByte(start) & 0x0F;
    int second = in.getByte(start + 1) & 0xFF;
    int headerLength = 2 + ((second & 0x80) != 0 ? 4 : 0);
    long payloadLength = second & 0x7F;
    if (payloadLength == 126) {
      headerLength += 2;
      if (available < headerLength) {
        return false;
      }
      payloadLength = in.getUnsignedShort(start + 2);
    } else if (payloadLength == 127) {
      headerLength += 8;
      if (available < headerLength) {
        return false;
      }
      payloadLength = in.getLong(start + 2);
    }
    if (payloadLength > Integer.MAX_VALUE - headerLength) {
      fail(ctx, "frame of " + payloadLength + " bytes");
      return false;
    }
    if (available < headerLength + payloadLength) {
      return false;
    }
    ByteBuf payload = in.slice(start + headerLength, (int) payloadLength);
    in.readerIndex(start + headerLength + (int) payloadLength);
    switch (opcode) {
      case OPCODE_TEXT, OPCODE_CONTINUATION -> listener.onText(payload, receivedMicros);
      case OPCODE_PING -> ctx.writeAndFlush(controlFrame(ctx.alloc(), 0x80 | 0xA, payload));
      case OPCODE_CLOSE -> {
        ctx.writeAndFlush(controlFrame(ctx.alloc(), 0x80 | OPCODE_CLOSE, payload.slice(0, Math.min(2, payload.readableBytes()))));
        ctx.close();
        return false;
      }
      default -> { } // pong, binary: nothing the generator measures
    }
    return true;
  }

  private static ByteBuf controlFrame(ByteBufAllocator allocator, int firstByte, ByteBuf payload) {
    ByteBuf frame = allocator.buffer(6 + payload.readableBytes());
    frame.writeByte(firstByte);
    writeMaskedLength(frame, payload.readableBytes());
    frame.writeInt(0);
    frame.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
    return frame;
  }

  private static void writeMaskedLength(ByteBuf frame, int length) {
    if (length < 126) {
      frame.writeByte(0x80 | length);
    } else if (length <= 0xFFFF) {
      frame.writeByte(0x80 | 126);
      frame.writeShort(length);
    } else {
      frame.writeByte(0x80 | 127);
      frame.writeLong(length);
    }
  }

  private void fail(ChannelHandlerContext ctx, String why) {
    ready.completeExceptionally(new IllegalStateException(why));
    ctx.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ready.completeExceptionally(cause);
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    ready.completeExceptionally(new IllegalStateException("closed before the handshake finished"));
    super.channelInactive(ctx);
  }
}
