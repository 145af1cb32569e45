package io.broadcastserver.connection;

import java.util.concurrent.TimeUnit;

/**
 * When the next flush of a verticle's sockets may run, given how long the last one took.
 *
 * <p>A flush of many sockets costs a system call each (a microsecond or more here). When the last flush
 * took t, the next one waits until 3t after it ended: flushing then takes at most a quarter of the loop
 * and the rest reads and gathers, so each flush carries several frames per socket in one writev, where an
 * unpaced loop writes each message to each socket on its own until the core saturates. With a pause only
 * as long as the flush, flushing would keep half the loop, and gathering a 1 → 1000 fan-out (about 0.3 ms
 * a message) would fill the other half near 1600 messages/s.
 *
 * <p>A short flush (a few sockets, or a quiet server) is never followed by a pause: waking up for a timer
 * would cost more than it saves. No frame waits longer than {@link #MAX_PAUSE_NANOS} for pacing.
 */
final class FlushPacing {

  static final long PACE_FROM_NANOS = TimeUnit.MICROSECONDS.toNanos(250);
  static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  static final int PAUSE_PER_FLUSH_TIME = 3;

  private long lastFlushEndNanos;
  private long pauseNanos;

  /** Records a flush that ran from {@code startNanos} to {@code endNanos}. */
  void flushed(long startNanos, long endNanos) {
    long took = endNanos - startNanos;
    lastFlushEndNanos = endNanos;
    pauseNanos = took < PACE_FROM_NANOS ? 0 : Math.min(took * PAUSE_PER_FLUSH_TIME, MAX_PAUSE_NANOS);
  }

  /** How long a flush wanted at {@code nowNanos} must wait; 0 or less means at once. */
  long delayNanos(long nowNanos) {
    return pauseNanos == 0 ? 0 : lastFlushEndNanos + pauseNanos - nowNanos;
  }
}
