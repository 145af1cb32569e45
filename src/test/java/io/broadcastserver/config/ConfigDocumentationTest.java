package io.broadcastserver.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("conf/config.json and docs/configuration.md agree with the code")
class ConfigDocumentationTest {

  @Test
  @DisplayName("conf/config.json holds every key at its built-in default")
  void shippedConfigFileHoldsTheDefaults() {
    ServerConfig fromFile = new ConfigLoader(Map.of(), new Properties()).load(Path.of("conf/config.json"), Map.of());
    ServerConfig defaults = ServerConfig.defaults();
    for (Setting setting : Setting.values()) {
      assertThat(fromFile.value(setting)).as(setting.key()).isEqualTo(defaults.value(setting));
    }
  }

  @Test
  @DisplayName("conf/config.json mentions every key and its variable")
  void shippedConfigFileDocumentsEveryKey() throws IOException {
    String text = Files.readString(Path.of("conf/config.json"));
    for (Setting setting : Setting.values()) {
      String leaf = setting.key().substring(setting.key().lastIndexOf('.') + 1);
      assertThat(text).as(setting.key()).contains("\"" + leaf + "\"").contains(setting.envVars().get(0));
    }
  }

  @Test
  @DisplayName("docs/configuration.md has a row for every key with its variable and default")
  void configurationTableListsEveryKey() throws IOException {
    String doc = Files.readString(Path.of("docs/configuration.md"));
    for (Setting setting : Setting.values()) {
      String row = "| `" + setting.key() + "` | " + envColumn(setting) + " | `" + setting.defaultValue() + "` |";
      assertThat(doc).as("row for " + setting.key()).contains(row);
    }
  }

  /** The table's second column: every variable name in backticks, highest priority first. */
  static String envColumn(Setting setting) {
    return String.join(", ", setting.envVars().stream().map(name -> "`" + name + "`").toList());
  }
}
