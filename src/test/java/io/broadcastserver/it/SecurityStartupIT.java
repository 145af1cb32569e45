package io.broadcastserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
@DisplayName("The packaged jar says at start how it is protected, and refuses unusable key files in one line")
class SecurityStartupIT {

  private ServerProcess server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @DisplayName("with no JWT key the server starts open and says so in a ⚠️ line")
  void openServerWarns() {
    server = ServerProcess.start();
    assertThat(server.awaitOutput(line -> line.contains("⚠️"), Duration.ofSeconds(10)))
      .contains("no JWT key configured: the server runs open");
  }

  @Test
  @DisplayName("a missing public key file stops start-up with one line naming the setting, and status 2")
  void missingPublicKeyFile() throws Exception {
    server = ServerProcess.launch(ServerProcess.freePort(), Map.of("BROADCAST_JWT_PUBLIC_KEY", "/no/such/key.pem"));
    assertThat(server.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
    assertThat(server.output().strip()).startsWith("❌ cannot read auth.jwtPublicKey (BROADCAST_JWT_PUBLIC_KEY) file")
      .doesNotContain("\tat ");
  }

  @Test
  @DisplayName("a missing certificate file stops start-up with one line naming the setting, and status 2")
  void missingCertificate() throws Exception {
    server = ServerProcess.launch(ServerProcess.freePort(), Map.of("BROADCAST_TLS_CERT", "/no/cert.pem",
      "BROADCAST_TLS_KEY", "/no/key.pem"));
    assertThat(server.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
    assertThat(server.output().strip())
      .isEqualTo("❌ invalid configuration: tls.certFile (BROADCAST_TLS_CERT) = '/no/cert.pem': no readable file there");
  }
}
