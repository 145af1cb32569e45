package io.broadcastserver.observability;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps per-message log lines at a number per second across all event loops, so that logging can never
 * become the bottleneck; lines over the cap are only counted and reported by {@link TrafficReporter}.
 */
public final class LogThrottle {

  private final int linesPerSecond;
  private final AtomicLong window = new AtomicLong();
  private final AtomicLong usedInWindow = new AtomicLong();
  private final LongAdder suppressed = new LongAdder();

  public LogThrottle(int linesPerSecond) {
    this.linesPerSecond = linesPerSecond;
  }

  /** @return true when the caller may log this line now */
  public boolean tryAcquire() {
    long second = System.nanoTime() / 1_000_000_000L;
    long current = window.get();
    if (second != current && window.compareAndSet(current, second)) {
      usedInWindow.set(0);
    }
    if (usedInWindow.incrementAndGet() <= linesPerSecond) {
      return true;
    }
    suppressed.increment();
    return false;
  }

  /** Lines skipped since the last call. */
  public long takeSuppressed() {
    return suppressed.sumThenReset();
  }
}
