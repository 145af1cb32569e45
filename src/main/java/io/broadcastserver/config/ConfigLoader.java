package io.broadcastserver.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the {@link ServerConfig} from, lowest priority first: built-in defaults, the JSON config file,
 * environment variables, {@code -Dbroadcast.<key>} system properties and command-line options.
 * Environment beats the file on purpose: containers configure through the environment.
 */
public final class ConfigLoader {

  /** Used when no file is named and it exists in the working directory. */
  public static final Path DEFAULT_FILE = Path.of("conf", "config.json");
  /** Names the config file when {@code -conf} is not given. */
  public static final String CONFIG_FILE_ENV = "BROADCAST_CONFIG";
  private static final String SYSTEM_PROPERTY_PREFIX = "broadcast.";

  private final Map<String, String> env;
  private final Properties systemProperties;

  public ConfigLoader(Map<String, String> env, Properties systemProperties) {
    this.env = env;
    this.systemProperties = systemProperties;
  }

  /**
   * @param explicitFile the {@code -conf} file, or {@code null}; a named file must exist
   * @param overrides command-line values that beat everything else
   * @throws ConfigException naming the first key, variable or file that is wrong
   */
  public ServerConfig load(Path explicitFile, Map<Setting, String> overrides) {
    Map<Setting, Object> raw = new EnumMap<>(Setting.class);
    readFile(explicitFile).forEach((key, value) -> raw.put(fileSetting(key, value), value));
    for (Setting setting : Setting.values()) {
      fromEnv(setting, raw);
      String property = systemProperties.getProperty(SYSTEM_PROPERTY_PREFIX + setting.key());
      // A -D option shows in every process listing, so secrets come from the environment only.
      if (property != null && !setting.isSecret()) {
        raw.put(setting, property);
      }
    }
    raw.putAll(overrides);
    return ServerConfig.defaults().with(raw);
  }

  private void fromEnv(Setting setting, Map<Setting, Object> raw) {
    // The list is ordered by priority, so walk it backwards and let earlier names overwrite later ones.
    for (int i = setting.envVars().size() - 1; i >= 0; i--) {
      String value = env.get(setting.envVars().get(i));
      if (value != null && !value.isEmpty()) {
        raw.put(setting, value);
      }
    }
  }

  private Map<String, Object> readFile(Path explicitFile) {
    Path file = explicitFile;
    if (file == null && env.get(CONFIG_FILE_ENV) != null && !env.get(CONFIG_FILE_ENV).isEmpty()) {
      file = Path.of(env.get(CONFIG_FILE_ENV));
    }
    if (file == null) {
      if (!Files.isRegularFile(DEFAULT_FILE)) {
        return Map.of();
      }
      file = DEFAULT_FILE;
    }
    try {
      return CommentedJson.readFlat(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("config file " + file + " is not valid JSON: " + e.getMessage());
    }
  }

  /** A secret written into a config file is refused outright: files get copied, committed and shared. */
  private static Setting fileSetting(String key, Object value) {
    Setting setting = settingFor(key);
    if (setting.isSecret() && !String.valueOf(value).isEmpty()) {
      throw new ConfigException(setting.key() + " is a secret: set it with " + setting.envVars().get(0)
        + " in the environment, not in the config file");
    }
    return setting;
  }

  private static Setting settingFor(String key) {
    for (Setting setting : Setting.values()) {
      if (setting.key().equals(key)) {
        return setting;
      }
    }
    throw new ConfigException("unknown configuration key '" + key + "'; see docs/configuration.md for the keys");
  }
}
