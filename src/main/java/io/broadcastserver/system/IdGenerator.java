package io.broadcastserver.system;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids for clients and messages, unique across every verticle instance and every process: a random
 * per-process prefix plus a counter, e.g. {@code k3f9a2x1-1c}. Cheaper than a UUID on the message path.
 */
public final class IdGenerator {

  private final String prefix;
  private final AtomicLong counter = new AtomicLong();

  public IdGenerator() {
    // 40 random bits: two processes share a prefix with odds of about one in a trillion.
    long random = new SecureRandom().nextLong() & 0xFF_FFFF_FFFFL;
    this.prefix = Long.toString(random, 36) + "-";
  }

  public String next() {
    return prefix + Long.toString(counter.incrementAndGet(), 36);
  }
}
