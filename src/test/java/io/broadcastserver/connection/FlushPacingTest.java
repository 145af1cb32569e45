package io.broadcastserver.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Flush pacing: flushes wanted back to back after a long one wait, others do not")
class FlushPacingTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final FlushPacing pacing = new FlushPacing();

  @Test
  @DisplayName("before any flush, and right after a short one, a flush runs at once")
  void shortFlushesAreNotPaced() {
    assertThat(pacing.delayNanos(5 * MS)).isLessThanOrEqualTo(0);
    pacing.flushed(10 * MS, 10 * MS + FlushPacing.PACE_FROM_NANOS - 1);
    assertThat(pacing.delayNanos(10 * MS + FlushPacing.PACE_FROM_NANOS)).isLessThanOrEqualTo(0);
  }

  @Test
  @DisplayName("wanted within half a 2 ms flush's length after it, the next waits until 6 ms after it ended")
  void flushWantedSoonAfterALongOneWaits() {
    pacing.flushed(10 * MS, 12 * MS);
    assertThat(pacing.delayNanos(12 * MS)).isEqualTo(6 * MS);
    assertThat(pacing.delayNanos(12 * MS + MS / 2)).isEqualTo(5 * MS + MS / 2);
  }

  @Test
  @DisplayName("wanted half a long flush's length after it or later, the next runs at once: the loop has room")
  void flushWantedLaterRunsAtOnce() {
    pacing.flushed(10 * MS, 12 * MS);
    assertThat(pacing.delayNanos(13 * MS)).isLessThanOrEqualTo(0);
    assertThat(pacing.delayNanos(30 * MS)).isLessThanOrEqualTo(0);
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
