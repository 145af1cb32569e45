package io.broadcastserver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Secrets come from the environment only, and TLS needs its certificate and key together")
class SecretSettingsTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("a JWT secret or API key written into the config file stops start-up, naming the variable to use")
  void secretInFileIsRefused() throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"auth\": {\"apiKey\": \"k3y\"}}");
    assertThatThrownBy(() -> new ConfigLoader(Map.of(), new Properties()).load(file, Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessage("auth.apiKey is a secret: set it with BROADCAST_API_KEY in the environment, not in the config file")
      .hasMessageNotContaining("k3y");
    Files.writeString(file, "{\"auth\": {\"jwtSecret\": \"s3cret\"}}");
    assertThatThrownBy(() -> new ConfigLoader(Map.of(), new Properties()).load(file, Map.of()))
      .hasMessageContaining("BROADCAST_JWT_SECRET");
  }

  @Test
  @DisplayName("secrets are taken from the environment, and ignored as -D system properties")
  void secretsFromEnvironmentOnly() {
    Properties properties = new Properties();
    properties.setProperty("broadcast.auth.apiKey", "from-a-property");
    properties.setProperty("broadcast.auth.jwtSecret", "from-a-property");
    ServerConfig fromProperties = new ConfigLoader(Map.of(), properties).load(null, Map.of());
    assertThat(fromProperties.apiKey()).isEmpty();
    assertThat(fromProperties.authRequired()).isFalse();

    ServerConfig fromEnv = new ConfigLoader(Map.of("BROADCAST_API_KEY", "k", "BROADCAST_JWT_SECRET", "s"), properties)
      .load(null, Map.of());
    assertThat(fromEnv.apiKey()).isEqualTo("k");
    assertThat(fromEnv.jwtSecret()).isEqualTo("s");
    assertThat(fromEnv.authRequired()).isTrue();
  }

  @Test
  @DisplayName("a certificate without a key (or the reverse) stops start-up")
  void tlsFilesComeInPairs() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("BROADCAST_TLS_CERT", "/etc/cert.pem"), new Properties())
      .load(null, Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("BROADCAST_TLS_CERT").hasMessageContaining("BROADCAST_TLS_KEY");
  }
}
