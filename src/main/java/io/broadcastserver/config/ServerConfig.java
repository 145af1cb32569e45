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
    if (((String) typed.get(Setting.TLS_CERT)).isEmpty() != ((String) typed.get(Setting.TLS_KEY)).isEmpty()) {
      throw new ConfigException("invalid configuration: " + Setting.TLS_CERT.label() + " and " + Setting.TLS_KEY.label()
        + " must be set together");
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

  public boolean presenceNotices() {
    return (Boolean) values.get(Setting.PRESENCE_NOTICES);
  }

  public int presenceMaxNoticesPerSecond() {
    return integer(Setting.PRESENCE_MAX_NOTICES_PER_SEC);
  }

  public int presenceMaxNoticeFramesPerSecond() {
    return integer(Setting.PRESENCE_MAX_NOTICE_FRAMES_PER_SEC);
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

  public boolean logAsJson() {
    return "json".equals(string(Setting.LOG_FORMAT));
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

  public int rateLimitPerSec() {
    return integer(Setting.RATE_LIMIT_PER_SEC);
  }

  public int rateLimitBurst() {
    return integer(Setting.RATE_LIMIT_BURST);
  }

  public int rateLimitMaxRefusedPerMin() {
    return integer(Setting.RATE_LIMIT_MAX_REFUSED_PER_MIN);
  }

  public int maxInvalidMessagesPerMin() {
    return integer(Setting.MAX_INVALID_MESSAGES_PER_MIN);
  }

  /** 0 means no limit. */
  public int maxConnections() {
    return integer(Setting.MAX_CONNECTIONS);
  }

  /** 0 means no limit. */
  public int maxConnectionsPerIp() {
    return integer(Setting.MAX_CONNECTIONS_PER_IP);
  }

  public int handshakeTimeoutMs() {
    return integer(Setting.HANDSHAKE_TIMEOUT_MS);
  }

  public int maxHeaderBytes() {
    return integer(Setting.MAX_HEADER_BYTES);
  }

  public String jwtSecret() {
    return string(Setting.JWT_SECRET);
  }

  public String jwtPublicKeyFile() {
    return string(Setting.JWT_PUBLIC_KEY);
  }

  public String jwtIssuer() {
    return string(Setting.JWT_ISSUER);
  }

  public String jwtAudience() {
    return string(Setting.JWT_AUDIENCE);
  }

  /** True when clients must present a token. */
  public boolean authRequired() {
    return !jwtSecret().isEmpty() || !jwtPublicKeyFile().isEmpty();
  }

  public String metricsToken() {
    return string(Setting.METRICS_TOKEN);
  }

  public String apiKey() {
    return string(Setting.API_KEY);
  }

  public String allowedOrigins() {
    return string(Setting.ALLOWED_ORIGINS);
  }

  public String tlsCertFile() {
    return string(Setting.TLS_CERT);
  }

  public String tlsKeyFile() {
    return string(Setting.TLS_KEY);
  }

  public boolean clusterEnabled() {
    return (Boolean) values.get(Setting.CLUSTER_ENABLED);
  }

  public String clusterMembers() {
    return string(Setting.CLUSTER_MEMBERS);
  }

  public int clusterMemberPort() {
    return integer(Setting.CLUSTER_MEMBER_PORT);
  }

  public String clusterHost() {
    return string(Setting.CLUSTER_HOST);
  }

  public int clusterPort() {
    return integer(Setting.CLUSTER_PORT);
  }

  public String clusterConfigFile() {
    return string(Setting.CLUSTER_CONFIG_FILE);
  }

  public boolean tlsEnabled() {
    return !tlsCertFile().isEmpty();
  }

  private int integer(Setting setting) {
    return (Integer) values.get(setting);
  }

  private String string(Setting setting) {
    return (String) values.get(setting);
  }
}
