package io.broadcastserver.security;

/**
 * A token bucket: holds up to {@code capacity} tokens and refills at {@code perSecond}; each event takes
 * one. Pure arithmetic on the caller's clock, no allocation and no locks: one instance belongs to one
 * connection and is used on that connection's event loop only.
 */
public final class RateLimiter {

  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final double tokensPerNano;
  private final double capacity;
  private double tokens;
  private long lastRefillNanos;

  /**
   * @param perSecond refill rate; 0 or less means no limit at all
   * @param capacity the most tokens the bucket holds (the burst)
   * @param nowNanos the caller's clock, e.g. {@link System#nanoTime()}
   */
  public RateLimiter(double perSecond, double capacity, long nowNanos) {
    this.tokensPerNano = perSecond / NANOS_PER_SECOND;
    this.capacity = perSecond > 0 ? Math.max(1, capacity) : Double.POSITIVE_INFINITY;
    this.tokens = this.capacity;
    this.lastRefillNanos = nowNanos;
  }

  /** A bucket of {@code count} tokens that refills completely over one minute. */
  public static RateLimiter perMinute(int count, long nowNanos) {
    return new RateLimiter(count / 60d, count, nowNanos);
  }

  /** Takes one token; @return false when the bucket is empty (the event is over the limit) */
  public boolean tryAcquire(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Milliseconds until a token is available again; 0 when one is available now. */
  public long retryAfterMs(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / tokensPerNano / 1_000_000d);
  }

  private void refill(long nowNanos) {
    if (capacity == Double.POSITIVE_INFINITY) {
      return;
    }
    long elapsed = nowNanos - lastRefillNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
      lastRefillNanos = nowNanos;
    }
  }
}
