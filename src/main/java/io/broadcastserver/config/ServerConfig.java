package io.broadcastserver.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The validated configuration, with a typed accessor per {@link Setting}. Immutable, so one instance is
 * shared by every verticle.
 */
public final class ServerConfig {

  private final Map<Setting, Object> values;

  private ServerConfig(Map<Setting, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** The built-in defaults, as documented in {@code conf/config.json}. */
  public static ServerConfig defaults() {
    Map<Setting, Object> raw = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      raw.put(setting, setting.defaultValue());
    }
    return of(raw);
  }

  /**
   * Converts and checks raw values.
   *
   * @throws ConfigException naming the key, its variable and what is allowed
   */
  static ServerConfig of(Map<Setting, Object> raw) {
    Map<Setting, Object> typed = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      Object rawValue = raw.get(setting);
      Object value = setting.type().convert(rawValue);
      if (value == null) {
        throw new ConfigException("invalid configuration: " + setting.label() + " = '" + rawValue + "': must be "
          + setting.type().allowed());
      }
      typed.put(setting, value);
    }
    return new ServerConfig(typed);
  }

  /** A copy with some settings replaced and checked again; used by tests and the command line. */
  public ServerConfig with(Map<Setting, Object> changes) {
    Map<Setting, Object> raw = new EnumMap<>(values);
    raw.putAll(changes);
    return of(raw);
  }

  public Object value(Setting setting) {
    return values.get(setting);
  }

  public String host() {
    return string(Setting.HTTP_HOST);
  }

  public int port() {
    return integer(Setting.HTTP_PORT);
  }

  /** The configured instance count, with 0 resolved to one per available core. */
  public int instances() {
    int configured = integer(Setting.HTTP_INSTANCES);
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  public int heartbeatIntervalMs() {
    return integer(Setting.HEARTBEAT_INTERVAL_MS);
  }

  public int shutdownGraceMs() {
    return integer(Setting.SHUTDOWN_GRACE_MS);
  }

  public int maxMessageBytes() {
    return integer(Setting.MAX_MESSAGE_BYTES);
  }

  public int writeQueueMaxBytes() {
    return integer(Setting.WRITE_QUEUE_MAX_BYTES);
  }

  public int presenceMaxNoticesPerSecond() {
    return integer(Setting.PRESENCE_MAX_NOTICES_PER_SEC);
  }

  public int presenceSummaryIntervalMs() {
    return integer(Setting.PRESENCE_SUMMARY_INTERVAL_MS);
  }

  public int presenceSummaryMaxIds() {
    return integer(Setting.PRESENCE_SUMMARY_MAX_IDS);
  }

  public String logLevel() {
    return string(Setting.LOG_LEVEL);
  }

  public String logFile() {
    return string(Setting.LOG_FILE);
  }

  public int logFileMaxSizeMb() {
    return integer(Setting.LOG_FILE_MAX_SIZE_MB);
  }

  public int logFileMaxDays() {
    return integer(Setting.LOG_FILE_MAX_DAYS);
  }

  public int logFileTotalCapMb() {
    return integer(Setting.LOG_FILE_TOTAL_CAP_MB);
  }

  public int logMessageLinesPerSecond() {
    return integer(Setting.LOG_MESSAGE_LINES_PER_SEC);
  }

  public int logStatsIntervalMs() {
    return integer(Setting.LOG_STATS_INTERVAL_MS);
  }

  private int integer(Setting setting) {
    return (Integer) values.get(setting);
  }

  private String string(Setting setting) {
    return (String) values.get(setting);
  }
}
