package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The token bucket admits the burst, then the rate, on the caller's clock")
class RateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  @DisplayName("a full bucket admits exactly the burst at once, then refuses")
  void admitsTheBurstThenRefuses() {
    RateLimiter bucket = new RateLimiter(20, 40, 0);
    for (int i = 0; i < 40; i++) {
      assertThat(bucket.tryAcquire(0)).as("message %d", i).isTrue();
    }
    assertThat(bucket.tryAcquire(0)).isFalse();
  }

  @Test
  @DisplayName("an empty bucket refills at the rate and says how long to wait")
  void refillsAtTheRateAndTellsTheWait() {
    RateLimiter bucket = new RateLimiter(20, 2, 0);
    bucket.tryAcquire(0);
    bucket.tryAcquire(0);

    assertThat(bucket.retryAfterMs(0)).isEqualTo(50);
    assertThat(bucket.tryAcquire(SECOND / 40)).as("half a token after 25 ms").isFalse();
    assertThat(bucket.retryAfterMs(SECOND / 40)).isEqualTo(25);
    assertThat(bucket.tryAcquire(SECOND / 20)).as("a whole token after 50 ms").isTrue();
  }

  @Test
  @DisplayName("a long pause refills no more than the burst")
  void refillStopsAtTheBurst() {
    RateLimiter bucket = new RateLimiter(10, 3, 0);
    int admitted = 0;
    while (bucket.tryAcquire(3600 * SECOND)) {
      admitted++;
    }
    assertThat(admitted).isEqualTo(3);
  }

  @Test
  @DisplayName("sustained sending at twice the rate is admitted at the rate")
  void sustainedOverloadIsCutToTheRate() {
    RateLimiter bucket = new RateLimiter(20, 40, 0);
    int admitted = 0;
    // 40 messages per second for 10 seconds.
    for (int i = 0; i < 400; i++) {
      if (bucket.tryAcquire(i * SECOND / 40)) {
        admitted++;
      }
    }
    assertThat(admitted).isBetween(40 + 200 - 1, 40 + 200 + 1);
  }

  @Test
  @DisplayName("a rate of 0 means no limit")
  void zeroRateIsUnlimited() {
    RateLimiter bucket = new RateLimiter(0, 1, 0);
    for (int i = 0; i < 100_000; i++) {
      assertThat(bucket.tryAcquire(0)).isTrue();
    }
    assertThat(bucket.retryAfterMs(0)).isZero();
  }

  @Test
  @DisplayName("a per-minute bucket allows its count at once and one more every 60/count seconds")
  void perMinuteBucket() {
    RateLimiter bucket = RateLimiter.perMinute(10, 0);
    for (int i = 0; i < 10; i++) {
      assertThat(bucket.tryAcquire(0)).isTrue();
    }
    assertThat(bucket.tryAcquire(0)).isFalse();
    assertThat(bucket.tryAcquire(6 * SECOND)).isTrue();
  }
}
