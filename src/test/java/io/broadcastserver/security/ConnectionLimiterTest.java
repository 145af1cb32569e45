package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.security.ConnectionLimiter.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The connection limiter counts per server and per IP, and frees slots on release")
class ConnectionLimiterTest {

  @Test
  @DisplayName("one IP is held to its limit while others still get in, up to the server's limit")
  void perIpThenTotal() {
    ConnectionLimiter limiter = new ConnectionLimiter(3, 2);
    assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(Verdict.ADMITTED);
    assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(Verdict.ADMITTED);
    assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(Verdict.IP_FULL);
    assertThat(limiter.tryAcquire("10.0.0.2")).isEqualTo(Verdict.ADMITTED);
    assertThat(limiter.tryAcquire("10.0.0.3")).isEqualTo(Verdict.SERVER_FULL);
    assertThat(limiter.open()).isEqualTo(3);

    limiter.release("10.0.0.1");
    assertThat(limiter.tryAcquire("10.0.0.3")).isEqualTo(Verdict.ADMITTED);
  }

  @Test
  @DisplayName("0 means no limit")
  void zeroIsUnlimited() {
    ConnectionLimiter limiter = new ConnectionLimiter(0, 0);
    for (int i = 0; i < 10_000; i++) {
      assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(Verdict.ADMITTED);
    }
  }
}
