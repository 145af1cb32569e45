package io.broadcastserver.security;

/**
 * One connection's message limits: the rate of messages it may send, and how many refusals (rate-limited
 * or invalid messages) it may collect before it is closed. Confined to the connection's event loop.
 */
public final class FloodGuard {

  /** What the limits are; shared by every connection of the server. */
  public record Limits(int messagesPerSecond, int burst, int maxRateRefusalsPerMinute, int maxInvalidPerMinute) {
  }

  private final RateLimiter messages;
  private final RateLimiter rateRefusals;
  private final RateLimiter invalidMessages;

  public FloodGuard(Limits limits, long nowNanos) {
    this.messages = new RateLimiter(limits.messagesPerSecond(), limits.burst(), nowNanos);
    this.rateRefusals = RateLimiter.perMinute(limits.maxRateRefusalsPerMinute(), nowNanos);
    this.invalidMessages = RateLimiter.perMinute(limits.maxInvalidPerMinute(), nowNanos);
  }

  /** @return true when a message arriving now is within the rate */
  public boolean admitMessage(long nowNanos) {
    return messages.tryAcquire(nowNanos);
  }

  /** How long the client should wait before its next message is admitted. */
  public long retryAfterMs(long nowNanos) {
    return Math.max(1, messages.retryAfterMs(nowNanos));
  }

  /** Counts a rate-limited message; @return false when the client keeps flooding and must be closed */
  public boolean toleratesRateRefusal(long nowNanos) {
    return rateRefusals.tryAcquire(nowNanos);
  }

  /** Counts an invalid message; @return false when there were too many and the client must be closed */
  public boolean toleratesInvalidMessage(long nowNanos) {
    return invalidMessages.tryAcquire(nowNanos);
  }
}
