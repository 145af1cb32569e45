package io.broadcastserver.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open WebSocket connections for the whole process and per client IP, so the handshake can refuse
 * one over either limit before any socket exists. Shared by every verticle instance, hence thread-safe.
 */
public final class ConnectionLimiter {

  /** The answer to an upgrade request. */
  public enum Verdict {
    ADMITTED,
    /** The server holds {@code limits.maxConnections}: HTTP 503. */
    SERVER_FULL,
    /** This IP holds {@code limits.maxConnectionsPerIp}: HTTP 429. */
    IP_FULL
  }

  private final int maxTotal;
  private final int maxPerIp;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, Integer> perIp = new ConcurrentHashMap<>();

  /** @param maxTotal 0 for no limit; @param maxPerIp 0 for no limit */
  public ConnectionLimiter(int maxTotal, int maxPerIp) {
    this.maxTotal = maxTotal <= 0 ? Integer.MAX_VALUE : maxTotal;
    this.maxPerIp = maxPerIp <= 0 ? Integer.MAX_VALUE : maxPerIp;
  }

  /** Reserves a slot for {@code ip}; every {@link Verdict#ADMITTED} must be followed by one {@link #release}. */
  public Verdict tryAcquire(String ip) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return Verdict.SERVER_FULL;
    }
    boolean[] admitted = {false};
    perIp.compute(ip, (key, count) -> {
      int current = count == null ? 0 : count;
      if (current >= maxPerIp) {
        return count;
      }
      admitted[0] = true;
      return current + 1;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
      return Verdict.IP_FULL;
    }
    return Verdict.ADMITTED;
  }

  public void release(String ip) {
    // Removing the entry at zero keeps the map as small as the set of IPs currently connected.
    perIp.computeIfPresent(ip, (key, count) -> count <= 1 ? null : count - 1);
    total.decrementAndGet();
  }

  /** Slots currently held, for tests and stats. */
  public int open() {
    return total.get();
  }
}
