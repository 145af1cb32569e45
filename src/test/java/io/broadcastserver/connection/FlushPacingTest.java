package io.broadcastserver.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Flush pacing: a long flush is followed by a pause, a short one is not")
class FlushPacingTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final FlushPacing pacing = new FlushPacing();

  @Test
  @DisplayName("before any flush, and after a short one, a flush runs at once")
  void shortFlushesAreNotPaced() {
    assertThat(pacing.delayNanos(5 * MS)).isLessThanOrEqualTo(0);
    pacing.flushed(10 * MS, 10 * MS + FlushPacing.PACE_FROM_NANOS - 1);
    assertThat(pacing.delayNanos(10 * MS + FlushPacing.PACE_FROM_NANOS)).isLessThanOrEqualTo(0);
  }

  @Test
  @DisplayName("after a 2 ms flush the next waits until 6 ms after it ended, less the time already gone")
  void longFlushIsFollowedByThreeTimesItsLength() {
    pacing.flushed(10 * MS, 12 * MS);
    assertThat(pacing.delayNanos(12 * MS)).isEqualTo(6 * MS);
    assertThat(pacing.delayNanos(16 * MS)).isEqualTo(2 * MS);
    assertThat(pacing.delayNanos(18 * MS)).isLessThanOrEqualTo(0);
  }

  @Test
  @DisplayName("no frame is held back longer than the cap, however long the flush")
  void pauseIsCapped() {
    pacing.flushed(0, 50 * MS);
    assertThat(pacing.delayNanos(50 * MS)).isEqualTo(FlushPacing.MAX_PAUSE_NANOS);
  }

  @Test
  @DisplayName("a short flush after a long one ends the pausing")
  void shortFlushEndsPausing() {
    pacing.flushed(0, 5 * MS);
    pacing.flushed(30 * MS, 30 * MS + 1000);
    assertThat(pacing.delayNanos(30 * MS + 1000)).isLessThanOrEqualTo(0);
  }
}
