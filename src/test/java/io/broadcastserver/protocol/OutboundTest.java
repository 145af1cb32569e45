package io.broadcastserver.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Messages assembled as text are valid JSON whatever the token's claims hold")
class OutboundTest {

  private static final String HOSTILE = "Zoë \"the\" \\ admin\n\u0001</script>";

  @Test
  @DisplayName("welcome carries every field, with user id and name escaped")
  void welcomeEscapesClaims() {
    JsonObject welcome = new JsonObject(Outbound.welcome("k3f9-1a", HOSTILE, HOSTILE, 42, 30_000));
    assertThat(welcome.getString("type")).isEqualTo("welcome");
    assertThat(welcome.getString("clientId")).isEqualTo("k3f9-1a");
    assertThat(welcome.getString("userId")).isEqualTo(HOSTILE);
    assertThat(welcome.getString("name")).isEqualTo(HOSTILE);
    assertThat(welcome.getLong("connections")).isEqualTo(42);
    assertThat(welcome.getInteger("heartbeatIntervalMs")).isEqualTo(30_000);
    assertThat(welcome.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  @DisplayName("join and leave notices leave the name out when there is none")
  void noticesWithoutName() {
    JsonObject joined = new JsonObject(Outbound.clientConnected("k3f9-1b", "alice", null, 7));
    assertThat(joined.fieldNames()).containsExactlyInAnyOrder("type", "clientId", "userId", "connections", "timestamp");
    assertThat(joined.getString("type")).isEqualTo("client_connected");
    JsonObject left = new JsonObject(Outbound.clientDisconnected("k3f9-1b", "alice", HOSTILE, 6));
    assertThat(left.getString("type")).isEqualTo("client_disconnected");
    assertThat(left.getString("name")).isEqualTo(HOSTILE);
    assertThat(left.getLong("connections")).isEqualTo(6);
  }
}
