package io.broadcastserver.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * What the generator sends and reads: messages that carry their send time in microseconds, and a byte
 * scan that finds that time in a received frame without parsing the JSON.
 */
final class Frames {

  private static final byte[] BROADCAST_PREFIX = "{\"type\":\"broadcast\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TIME_KEY = "\"t\":".getBytes(StandardCharsets.US_ASCII);

  private Frames() {
  }

  /** Microseconds on this process's monotonic clock; publishers and subscribers share the process. */
  static long nowMicros() {
    return System.nanoTime() / 1000;
  }

  /** {@code {"type":"message","data":{"t":…,"p":"xxx"}}} padded to about {@code size} bytes. */
  static String message(long sentMicros, int size) {
    String head = "{\"type\":\"message\",\"data\":{\"t\":" + sentMicros + ",\"p\":\"";
    String tail = "\"}}";
    int padding = Math.max(0, size - head.length() - tail.length());
    return head + "x".repeat(padding) + tail;
  }

  static boolean isBroadcast(ByteBuf content) {
    return startsWith(content, BROADCAST_PREFIX);
  }

  static boolean startsWith(ByteBuf content, byte[] prefix) {
    if (content.readableBytes() < prefix.length) {
      return false;
    }
    int start = content.readerIndex();
    for (int i = 0; i < prefix.length; i++) {
      if (content.getByte(start + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The number after {@code "t":}, or -1 when the frame has none. */
  static long sentMicros(ByteBuf content) {
    int index = indexOf(content, TIME_KEY);
    if (index < 0) {
      return -1;
    }
    long value = 0;
    int end = content.writerIndex();
    for (int i = index + TIME_KEY.length; i < end; i++) {
      byte b = content.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value * 10 + (b - '0');
    }
    return value;
  }

  /** Whether the frame contains the ASCII text, e.g. an event name. */
  static boolean contains(ByteBuf content, String text) {
    return indexOf(content, text.getBytes(StandardCharsets.US_ASCII)) >= 0;
  }

  /** Finds the first byte with Netty's word-at-a-time search, then compares the rest. */
  private static int indexOf(ByteBuf content, byte[] needle) {
    int last = content.writerIndex() - needle.length;
    int from = content.readerIndex();
    while (from <= last) {
      int candidate = content.indexOf(from, last + 1, needle[0]);
      if (candidate < 0) {
        return -1;
      }
      if (matchesAt(content, candidate, needle)) {
        return candidate;
      }
      from = candidate + 1;
    }
    return -1;
  }

  private static boolean matchesAt(ByteBuf content, int index, byte[] needle) {
    for (int j = 1; j < needle.length; j++) {
      if (content.getByte(index + j) != needle[j]) {
        return false;
      }
    }
    return true;
  }
}
