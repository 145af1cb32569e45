package io.broadcastserver.connection;

import java.util.concurrent.TimeUnit;

/**
 * When the next flush of a verticle's sockets may run, given how long the last one took.
 *
 * <p>A flush of many sockets costs a system call each: 2.5-5 ms for 1000 sockets on this machine. When a
 * flush is wanted sooner after the last one ended than half the time that one took, the loop is spending
 * most of its time flushing: then the next flush waits until three times the last one's length after it
 * ended (at most {@link #MAX_PAUSE_NANOS}), and the frames that arrive meanwhile leave together, several
 * per socket in one writev. Without this a 1 → 1000 fan-out at 400 messages/s wrote each message to each
 * socket on its own and took the whole core; with it, a little over half (docs/performance.md).
 *
 * <p>The price is latency while it lasts: a frame may wait up to the cap. Below that load nothing waits:
 * a flush wanted later, or after a short flush (a few sockets), runs at once.
 */
final class FlushPacing {

  static final long PACE_FROM_NANOS = TimeUnit.MICROSECONDS.toNanos(250);
  static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  static final int PAUSE_PER_FLUSH_TIME = 3;

  private long lastFlushEndNanos;
  private long lastFlushNanos;

  /** Records a flush that ran from {@code startNanos} to {@code endNanos}. */
  void flushed(long startNanos, long endNanos) {
    lastFlushEndNanos = endNanos;
    lastFlushNanos = endNanos - startNanos;
  }

  /** How long a flush wanted at {@code nowNanos} must wait; 0 or less means at once. */
  long delayNanos(long nowNanos) {
    long sinceLast = nowNanos - lastFlushEndNanos;
    if (lastFlushNanos < PACE_FROM_NANOS || sinceLast * 2 >= lastFlushNanos) {
      return 0;
    }
    return Math.min(lastFlushNanos * PAUSE_PER_FLUSH_TIME, MAX_PAUSE_NANOS) - sinceLast;
  }
}
