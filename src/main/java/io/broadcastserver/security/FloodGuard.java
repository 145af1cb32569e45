package io.broadcastserver.security;

/**
 * One connection's message limits: the rate of messages it may send, and how many refusals (rate-limited
 * or invalid messages) it may collect before it is closed. Confined to the connection's event loop.
 *
 * <p>Each bucket is made when it is first needed: a bucket made then is full, exactly as one made at
 * connect and left untouched would be, and most connections never send a message or are never refused,
 * so an idle client does not carry three buckets (144 bytes) it never uses.
 */
public final class FloodGuard {

  /** What the limits are; shared by every connection of the server. */
  public record Limits(int messagesPerSecond, int burst, int maxRateRefusalsPerMinute, int maxInvalidPerMinute) {
  }

  private final Limits limits;
  private RateLimiter messages;
  private RateLimiter rateRefusals;
  private RateLimiter invalidMessages;

  public FloodGuard(Limits limits) {
    this.limits = limits;
  }

  /** @return true when a message arriving now is within the rate */
  public boolean admitMessage(long nowNanos) {
    return messages(nowNanos).tryAcquire(nowNanos);
  }

  /** How long the client should wait before its next message is admitted. */
  public long retryAfterMs(long nowNanos) {
    return Math.max(1, messages(nowNanos).retryAfterMs(nowNanos));
  }

  /** Counts a rate-limited message; @return false when the client keeps flooding and must be closed */
  public boolean toleratesRateRefusal(long nowNanos) {
    if (rateRefusals == null) {
      rateRefusals = RateLimiter.perMinute(limits.maxRateRefusalsPerMinute(), nowNanos);
    }
    return rateRefusals.tryAcquire(nowNanos);
  }

  /** Counts an invalid message; @return false when there were too many and the client must be closed */
  public boolean toleratesInvalidMessage(long nowNanos) {
    if (invalidMessages == null) {
      invalidMessages = RateLimiter.perMinute(limits.maxInvalidPerMinute(), nowNanos);
    }
    return invalidMessages.tryAcquire(nowNanos);
  }

  private RateLimiter messages(long nowNanos) {
    if (messages == null) {
      messages = new RateLimiter(limits.messagesPerSecond(), limits.burst(), nowNanos);
    }
    return messages;
  }
}
