package io.broadcastserver.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The trimming reaches into Vert.x internals and falls back quietly when they change; this makes a Vert.x
 * upgrade that removes them fail here instead of silently costing about 8 KiB per client. That WebSockets
 * still work once trimmed is the rest of the suite's business: every server test runs with it.
 */
@DisplayName("Accepted WebSockets are trimmed of what Vert.x keeps and never uses again")
class WebSocketFootprintTest {

  @Test
  @DisplayName("the Vert.x internals the trimming needs are present")
  void internalsArePresent() {
    assertThat(WebSocketFootprint.available()).isTrue();
  }
}
