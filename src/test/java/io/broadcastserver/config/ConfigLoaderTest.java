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

@DisplayName("Configuration: precedence, validation and error messages")
class ConfigLoaderTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("defaults are the seed's: port 8080 and a 30 s heartbeat")
  void defaultsMatchTheSeed() {
    ServerConfig config = ServerConfig.defaults();
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.heartbeatIntervalMs()).isEqualTo(30_000);
    assertThat(config.shutdownGraceMs()).isEqualTo(10_000);
    assertThat(config.instances()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  @DisplayName("file beats defaults, env beats file, -D beats env, the command line beats all")
  void laterSourcesWin() throws IOException {
    Path file = write("{ // comments are allowed\n \"http\": {\"port\": 9001, \"host\": \"127.0.0.1\"},"
      + " \"heartbeat\": {\"intervalMs\": 1000}, \"log\": {\"level\": \"debug\"} }");
    Properties properties = new Properties();
    properties.setProperty("broadcast.heartbeat.intervalMs", "3000");

    ServerConfig config = new ConfigLoader(Map.of("BROADCAST_PORT", "9002", "BROADCAST_HEARTBEAT_INTERVAL_MS", "2000",
      "BROADCAST_INSTANCES", "3"), properties).load(file, Map.of(Setting.HTTP_INSTANCES, "5"));

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.logLevel()).isEqualTo("debug");
    assertThat(config.port()).isEqualTo(9002);
    assertThat(config.heartbeatIntervalMs()).isEqualTo(3000);
    assertThat(config.instances()).isEqualTo(5);
  }

  @Test
  @DisplayName("PORT is honoured, and BROADCAST_PORT wins over it")
  void platformPortVariable() {
    assertThat(load(Map.of("PORT", "7000")).port()).isEqualTo(7000);
    assertThat(load(Map.of("PORT", "7000", "BROADCAST_PORT", "7001")).port()).isEqualTo(7001);
  }

  @Test
  @DisplayName("BROADCAST_CONFIG names the file when -conf is not given")
  void configFileFromEnvironment() throws IOException {
    Path file = write("{\"shutdown\": {\"graceMs\": 1234}}");
    assertThat(load(Map.of("BROADCAST_CONFIG", file.toString())).shutdownGraceMs()).isEqualTo(1234);
  }

  @Test
  @DisplayName("a bad value names the key, the variable and what is allowed")
  void badValueIsExplained() {
    assertThatThrownBy(() -> load(Map.of("BROADCAST_PORT", "70000")))
      .isInstanceOf(ConfigException.class)
      .hasMessage("invalid configuration: http.port (BROADCAST_PORT) = '70000': must be an integer from 0 to 65535");
    assertThatThrownBy(() -> load(Map.of("BROADCAST_LOG_LEVEL", "loud")))
      .hasMessageContaining("log.level (BROADCAST_LOG_LEVEL)").hasMessageContaining("one of trace, debug, info, warn, error");
  }

  @Test
  @DisplayName("a typo in the file is caught rather than ignored")
  void unknownKeyInFileIsRefused() throws IOException {
    Path file = write("{\"http\": {\"prot\": 1}}");
    assertThatThrownBy(() -> new ConfigLoader(Map.of(), new Properties()).load(file, Map.of()))
      .isInstanceOf(ConfigException.class).hasMessageContaining("unknown configuration key 'http.prot'");
  }

  @Test
  @DisplayName("a missing or broken -conf file is reported, not skipped")
  void missingOrBrokenFileIsReported() throws IOException {
    ConfigLoader loader = new ConfigLoader(Map.of(), new Properties());
    assertThatThrownBy(() -> loader.load(dir.resolve("absent.json"), Map.of()))
      .hasMessageContaining("cannot read config file");
    Path broken = write("{\"http\": ");
    assertThatThrownBy(() -> loader.load(broken, Map.of())).hasMessageContaining("is not valid JSON");
  }

  private ServerConfig load(Map<String, String> env) {
    // An explicit empty file keeps the repository's conf/config.json out of these tests.
    try {
      return new ConfigLoader(env, new Properties()).load(env.containsKey("BROADCAST_CONFIG") ? null : write("{}"), Map.of());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Path write(String json) throws IOException {
    Path file = Files.createTempFile(dir, "config", ".json");
    return Files.writeString(file, json);
  }
}
