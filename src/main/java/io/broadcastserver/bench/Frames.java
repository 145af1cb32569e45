package io.broadcastserver.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;

/**
 * What the generator sends and reads: messages that carry their send time in microseconds, and a byte
 * scan that finds that time in a received frame without parsing the JSON.
 *
 * <p>Reading every frame is most of what the generator does at a million deliveries a second, so these
 * scans are written for it: the prefix is compared eight bytes at a time, and the time key found in one
 * pass over the bytes. The first version searched for each {@code "} with Netty's word-at-a-time
 * {@code indexOf}, whose setup on every call took about half of the generator's CPU (docs/performance.md).
 */
final class Frames {

  private static final byte[] BROADCAST_PREFIX = "{\"type\":\"broadcast\"".getBytes(StandardCharsets.US_ASCII);
  private static final ByteBuf PREFIX = Unpooled.wrappedBuffer(BROADCAST_PREFIX).asReadOnly();
  private static final long PREFIX_FIRST_LONG = PREFIX.getLong(0);
  private static final long PREFIX_SECOND_LONG = PREFIX.getLong(8);
  private static final int PREFIX_LAST_THREE = PREFIX.getMedium(16);
  /** {@code "t":} as the last four bytes read, big-endian. */
  private static final int TIME_KEY = '"' << 24 | 't' << 16 | '"' << 8 | ':';

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
    int start = content.readerIndex();
    return content.readableBytes() >= BROADCAST_PREFIX.length
      && content.getLong(start) == PREFIX_FIRST_LONG
      && content.getLong(start + 8) == PREFIX_SECOND_LONG
      && content.getMedium(start + 16) == PREFIX_LAST_THREE;
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
    int colon = content.forEachByte(new TimeKeyFinder());
    return colon < 0 ? -1 : digitsAfter(content, colon);
  }

  private static long digitsAfter(ByteBuf content, int index) {
    long value = 0;
    int end = content.writerIndex();
    for (int i = index + 1; i < end; i++) {
      byte b = content.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value * 10 + (b - '0');
    }
    return value;
  }

  /**
   * Reads send times, looking first where the last frame had its key: a server writes the same fields in
   * the same order, so from one sender the key is at the same offset every time and is found with one
   * comparison instead of a scan. JSON escapes every quote inside a string, so {@code "t":} is always the
   * key, wherever it is found. Shared by a generator's threads: the offset is only a hint.
   */
  static final class SendTimeReader {
    private int keyOffset = -1;

    long read(ByteBuf content) {
      int start = content.readerIndex();
      int guess = start + keyOffset;
      if (keyOffset >= 0 && guess + 4 <= content.writerIndex() && content.getInt(guess) == TIME_KEY) {
        return digitsAfter(content, guess + 3);
      }
      int colon = content.forEachByte(new TimeKeyFinder());
      if (colon < 0) {
        return -1;
      }
      keyOffset = colon - 3 - start;
      return digitsAfter(content, colon);
    }
  }

  /** Stops at the colon of the first {@code "t":}, keeping the last four bytes read in one int. */
  private static final class TimeKeyFinder implements ByteProcessor {
    private int lastFour;

    @Override
    public boolean process(byte value) {
      lastFour = lastFour << 8 | (value & 0xFF);
      return lastFour != TIME_KEY;
    }
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
