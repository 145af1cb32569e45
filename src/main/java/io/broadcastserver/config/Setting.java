package io.broadcastserver.config;

import java.util.List;

/**
 * Every configuration key the server understands, with its environment variable, default and meaning.
 * This table is the one source of truth: {@link ConfigLoader} reads it, {@link ServerConfig} exposes it
 * typed, and tests check that {@code conf/config.json} and {@code docs/configuration.md} agree with it.
 */
public enum Setting {
  HTTP_HOST("http.host", "BROADCAST_HOST", ValueType.STRING, "0.0.0.0",
    "Interface to listen on."),
  // PORT is the name platforms such as Heroku or Cloud Run set; BROADCAST_PORT wins when both are set.
  HTTP_PORT("http.port", List.of("BROADCAST_PORT", "PORT"), ValueType.integer(0, 65535), 8080,
    "TCP port for HTTP and WebSocket (0 picks a free one)."),
  HTTP_INSTANCES("http.instances", "BROADCAST_INSTANCES", ValueType.integer(0, 1024), 0,
    "WebSocket verticle instances sharing the port; 0 means one per CPU core."),
  HEARTBEAT_INTERVAL_MS("heartbeat.intervalMs", "BROADCAST_HEARTBEAT_INTERVAL_MS", ValueType.integer(50, 3_600_000), 30_000,
    "Every client gets a system heartbeat and a WebSocket ping this often; silent for two intervals, it is closed."),
  SHUTDOWN_GRACE_MS("shutdown.graceMs", "BROADCAST_SHUTDOWN_GRACE_MS", ValueType.integer(100, 600_000), 10_000,
    "On SIGTERM/SIGINT the process exits within this time even if clients never answer the close."),
  MAX_MESSAGE_BYTES("limits.maxMessageBytes", "BROADCAST_MAX_MESSAGE_BYTES", ValueType.integer(64, 16 * 1024 * 1024), 65_536,
    "Largest client message, also when fragmented; larger ones close the connection with 1009."),
  WRITE_QUEUE_MAX_BYTES("limits.writeQueueMaxBytes", "BROADCAST_WRITE_QUEUE_MAX_BYTES",
    ValueType.integer(4096, 256 * 1024 * 1024), 1_048_576,
    "Bytes queued for one client before it counts as a slow consumer and is closed with 4008."),
  PRESENCE_MAX_NOTICES_PER_SEC("presence.maxNoticesPerSecond", "BROADCAST_PRESENCE_MAX_NOTICES_PER_SEC",
    ValueType.integer(0, 1_000_000), 50,
    "Join/leave notices sent one by one per second; above this they are coalesced into presence summaries."),
  PRESENCE_SUMMARY_INTERVAL_MS("presence.summaryIntervalMs", "BROADCAST_PRESENCE_SUMMARY_INTERVAL_MS",
    ValueType.integer(50, 60_000), 1000,
    "How often a coalesced presence summary is sent while joins and leaves exceed the rate."),
  PRESENCE_SUMMARY_MAX_IDS("presence.summaryMaxIds", "BROADCAST_PRESENCE_SUMMARY_MAX_IDS", ValueType.integer(0, 100_000),
    100, "Client ids listed per summary (the counts are always exact)."),
  LOG_LEVEL("log.level", "BROADCAST_LOG_LEVEL", ValueType.oneOf("trace", "debug", "info", "warn", "error"), "info",
    "Level of the server's own log lines."),
  LOG_FILE("log.file", "BROADCAST_LOG_FILE", ValueType.STRING, "",
    "Also write logs to this file, rolled daily and by size (empty: console only)."),
  LOG_FILE_MAX_SIZE_MB("log.fileMaxSizeMb", "BROADCAST_LOG_FILE_MAX_SIZE_MB", ValueType.integer(1, 10_240), 10,
    "Roll the log file when it reaches this size."),
  LOG_FILE_MAX_DAYS("log.fileMaxDays", "BROADCAST_LOG_FILE_MAX_DAYS", ValueType.integer(1, 3650), 14,
    "Delete rolled log files older than this."),
  LOG_FILE_TOTAL_CAP_MB("log.fileTotalCapMb", "BROADCAST_LOG_FILE_TOTAL_CAP_MB", ValueType.integer(1, 1_048_576), 1024,
    "Delete the oldest rolled log files when all of them together exceed this."),
  LOG_MESSAGE_LINES_PER_SEC("log.messageLinesPerSecond", "BROADCAST_LOG_MESSAGE_LINES_PER_SEC",
    ValueType.integer(0, 100_000), 5,
    "Per-message log lines (📨 📤) allowed per second; the rest are counted in the periodic 📡 line."),
  LOG_STATS_INTERVAL_MS("log.statsIntervalMs", "BROADCAST_LOG_STATS_INTERVAL_MS", ValueType.integer(100, 3_600_000), 10_000,
    "How often the 📡 traffic summary is logged (only when something happened).");

  private final String key;
  private final List<String> envVars;
  private final ValueType type;
  private final Object defaultValue;
  private final String description;

  Setting(String key, String envVar, ValueType type, Object defaultValue, String description) {
    this(key, List.of(envVar), type, defaultValue, description);
  }

  Setting(String key, List<String> envVars, ValueType type, Object defaultValue, String description) {
    this.key = key;
    this.envVars = envVars;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** Dotted path in the JSON configuration, e.g. {@code http.port}. */
  public String key() {
    return key;
  }

  /** Environment variables that set this key, highest priority first. */
  public List<String> envVars() {
    return envVars;
  }

  public ValueType type() {
    return type;
  }

  public Object defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The key and its main variable, as used in every error message: {@code http.port (BROADCAST_PORT)}. */
  public String label() {
    return key + " (" + envVars.get(0) + ")";
  }
}
