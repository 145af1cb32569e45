package io.broadcastserver.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written on a plain socket, for tests that need a peer no library would be: one that
 * never answers pings, sends malformed or unmasked frames, or stops reading. It does nothing on its own.
 */
public final class RawWebSocket implements AutoCloseable {

  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  /** A received frame. */
  public record Frame(int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame, or 1005 when it carries none. */
    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Opens a socket and completes the upgrade; fails unless the server answers 101. */
  public static RawWebSocket connect(int port, String path) throws IOException {
    return connect(port, path, Map.of());
  }

  public static RawWebSocket connect(int port, String path, Map<String, String> headers) throws IOException {
    return connect(new Socket("127.0.0.1", port), path, headers);
  }

  /**
   * Connects with a tiny TCP receive buffer, so that a client that stops reading makes the server's queue
   * fill after kilobytes rather than after the megabytes the kernel would otherwise absorb.
   */
  public static RawWebSocket connectWithSmallReceiveBuffer(int port, String path) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
    return connect(socket, path, Map.of());
  }

  private static RawWebSocket connect(Socket socket, String path, Map<String, String> headers) throws IOException {
    RawWebSocket ws = new RawWebSocket(socket);
    int status = ws.handshake(path, headers);
    if (status != 101) {
      ws.close();
      throw new IOException("upgrade refused with HTTP " + status);
    }
    return ws;
  }

  /** Sends an upgrade request and returns the HTTP status of the answer (101 when accepted). */
  public static int upgradeStatus(int port, String path, Map<String, String> headers) throws IOException {
    try (RawWebSocket ws = new RawWebSocket(new Socket("127.0.0.1", port))) {
      return ws.handshake(path, headers);
    }
  }

  /** Opens a socket without sending anything, for tests of what the server does with a silent or slow peer. */
  public static Socket openSocket(int port) throws IOException {
    return new Socket("127.0.0.1", port);
  }

  private int handshake(String path, Map<String, String> headers) throws IOException {
    socket.setSoTimeout(10_000);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    StringBuilder request = new StringBuilder()
      .append("GET ").append(path).append(" HTTP/1.1\r\n")
      .append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n")
      .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
      .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    String statusLine = readLine();
    while (!readLine().isEmpty()) {
      // Skip the response headers.
    }
    return Integer.parseInt(statusLine.split(" ")[1]);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("connection closed during the handshake");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  public void sendText(String text) throws IOException {
    sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8), true, true);
  }

  /** Sends one frame; {@code masked=false} breaks RFC 6455 on purpose (clients must mask). */
  public void sendFrame(int opcode, byte[] payload, boolean fin, boolean masked) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      frame.write(maskBit | payload.length);
    } else if (payload.length < 65536) {
      frame.write(maskBit | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    } else {
      frame.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift));
      }
    }
    byte[] body = payload.clone();
    if (masked) {
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      frame.write(mask);
      for (int i = 0; i < body.length; i++) {
        body[i] ^= mask[i % 4];
      }
    }
    frame.write(body);
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Reads the next frame, whatever it is; fails after the timeout. */
  public Frame readFrame(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0F, payload);
  }

  /** The next text frame, passing over pings without answering them (this peer plays dead). */
  public String readText(Duration timeout) throws IOException {
    while (true) {
      Frame frame = readFrame(timeout);
      if (frame.opcode() == TEXT) {
        return frame.text();
      }
      if (frame.opcode() == CLOSE) {
        throw new EOFException("closed by the server with " + frame.closeCode());
      }
    }
  }

  /** Reads until the server's close frame and returns its code; frames before it are passed over. */
  public int awaitCloseCode(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      Frame frame;
      try {
        frame = readFrame(Duration.ofMillis(left));
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no close frame within " + timeout, e);
      }
      if (frame.opcode() == CLOSE) {
        return frame.closeCode();
      }
    }
  }

  /** True once the server has closed the TCP connection. */
  public boolean isClosedByServer(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    try {
      while (in.read() >= 0) {
        // Drain whatever is still in flight.
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
