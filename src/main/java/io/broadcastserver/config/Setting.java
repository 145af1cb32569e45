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
  PRESENCE_NOTICES("presence.notices", "BROADCAST_PRESENCE_NOTICES", ValueType.BOOLEAN, true,
    "Tell clients who joins and leaves (notices and presence summaries); false for a pure broadcast feed."),
  PRESENCE_MAX_NOTICES_PER_SEC("presence.maxNoticesPerSecond", "BROADCAST_PRESENCE_MAX_NOTICES_PER_SEC",
    ValueType.integer(0, 1_000_000), 50,
    "Join/leave notices sent one by one per second; above this they are coalesced into presence summaries."),
  PRESENCE_MAX_NOTICE_FRAMES_PER_SEC("presence.maxNoticeFramesPerSecond", "BROADCAST_PRESENCE_MAX_NOTICE_FRAMES_PER_SEC",
    ValueType.integer(0, 100_000_000), 20_000,
    "Frames per second one-by-one notices may cost (one per recipient); with many clients fewer are sent one by one."),
  PRESENCE_SUMMARY_INTERVAL_MS("presence.summaryIntervalMs", "BROADCAST_PRESENCE_SUMMARY_INTERVAL_MS",
    ValueType.integer(50, 60_000), 500,
    "How often a coalesced presence summary is sent while joins and leaves exceed the rate."),
  PRESENCE_SUMMARY_MAX_IDS("presence.summaryMaxIds", "BROADCAST_PRESENCE_SUMMARY_MAX_IDS", ValueType.integer(0, 100_000),
    100, "Client ids listed per summary (the counts are always exact)."),
  LOG_LEVEL("log.level", "BROADCAST_LOG_LEVEL", ValueType.oneOf("trace", "debug", "info", "warn", "error"), "info",
    "Level of the server's own log lines."),
  LOG_FORMAT("log.format", "BROADCAST_LOG_FORMAT", ValueType.oneOf("text", "json"), "text",
    "text: the emoji lines; json: one JSON object per line for log shippers (console and file)."),
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
    "How often the 📡 traffic summary is logged (only when something happened)."),
  // Security (issue 3). Secrets are read from the environment only; see ConfigLoader.
  RATE_LIMIT_PER_SEC("limits.rateLimitPerSec", "BROADCAST_RATE_LIMIT_PER_SEC", ValueType.integer(0, 1_000_000), 20,
    "Messages per second one connection may send on average (token bucket); 0 turns the limit off."),
  RATE_LIMIT_BURST("limits.rateLimitBurst", "BROADCAST_RATE_LIMIT_BURST", ValueType.integer(1, 1_000_000), 40,
    "Messages one connection may send at once before the per-second rate applies."),
  RATE_LIMIT_MAX_REFUSED_PER_MIN("limits.rateLimitMaxRefusedPerMin", "BROADCAST_RATE_LIMIT_MAX_REFUSED_PER_MIN",
    ValueType.integer(1, 1_000_000), 100,
    "A connection with more messages refused as rate_limited than this within a minute is closed with 1008."),
  MAX_INVALID_MESSAGES_PER_MIN("limits.maxInvalidMessagesPerMin", "BROADCAST_MAX_INVALID_MESSAGES_PER_MIN",
    ValueType.integer(1, 1_000_000), 10,
    "A connection that sends more refused (invalid) messages than this within a minute is closed with 1008."),
  MAX_CONNECTIONS("limits.maxConnections", "BROADCAST_MAX_CONNECTIONS", ValueType.integer(0, 10_000_000), 10_000,
    "Open WebSocket connections the whole server accepts; more are refused with HTTP 503 (0: no limit)."),
  MAX_CONNECTIONS_PER_IP("limits.maxConnectionsPerIp", "BROADCAST_MAX_CONNECTIONS_PER_IP",
    ValueType.integer(0, 10_000_000), 1000,
    "Open WebSocket connections from one IP address; more are refused with HTTP 429 (0: no limit)."),
  HANDSHAKE_TIMEOUT_MS("limits.handshakeTimeoutMs", "BROADCAST_HANDSHAKE_TIMEOUT_MS", ValueType.integer(100, 600_000),
    10_000,
    "A TCP connection that has not sent a complete HTTP request (or upgrade) within this time is closed."),
  MAX_HEADER_BYTES("limits.maxHeaderBytes", "BROADCAST_MAX_HEADER_BYTES", ValueType.integer(1024, 1_048_576), 8192,
    "Largest HTTP request head (request line plus headers); larger requests get 431 or 414."),
  JWT_SECRET("auth.jwtSecret", "BROADCAST_JWT_SECRET", ValueType.STRING, "",
    "Secret for HS256 client tokens (environment only). Set this or auth.jwtPublicKey to require a token."),
  JWT_PUBLIC_KEY("auth.jwtPublicKey", "BROADCAST_JWT_PUBLIC_KEY", ValueType.STRING, "",
    "Path to a PEM public key (RSA for RS256, EC P-256 for ES256) that client tokens are verified with."),
  JWT_ISSUER("auth.jwtIssuer", "BROADCAST_JWT_ISSUER", ValueType.STRING, "",
    "When set, a token's iss claim must equal it."),
  JWT_AUDIENCE("auth.jwtAudience", "BROADCAST_JWT_AUDIENCE", ValueType.STRING, "",
    "When set, a token's aud claim must contain it."),
  API_KEY("auth.apiKey", "BROADCAST_API_KEY", ValueType.STRING, "",
    "Key for POST /api/publish (environment only); empty turns the endpoint off."),
  METRICS_TOKEN("metrics.token", "BROADCAST_METRICS_TOKEN", ValueType.STRING, "",
    "When set, GET /metrics needs Authorization: Bearer with this token (environment only)."),
  ALLOWED_ORIGINS("security.allowedOrigins", "BROADCAST_ALLOWED_ORIGINS", ValueType.STRING, "",
    "Comma list of browser origins allowed to connect besides the server's own, e.g. "
      + "https://app.example.com,https://*.example.com; * allows any."),
  TLS_CERT("tls.certFile", "BROADCAST_TLS_CERT", ValueType.STRING, "",
    "PEM certificate (chain) file; with tls.keyFile the port serves https:// and wss://."),
  TLS_KEY("tls.keyFile", "BROADCAST_TLS_KEY", ValueType.STRING, "",
    "PEM private key file of the certificate."),
  // Clustering (issue 6): Vert.x's clustered event bus on Hazelcast.
  CLUSTER_ENABLED("cluster.enabled", "BROADCAST_CLUSTER", ValueType.BOOLEAN, false,
    "Join a Hazelcast cluster so that broadcasts, notices and counts span every node (also the -cluster option)."),
  CLUSTER_MEMBERS("cluster.members", "BROADCAST_CLUSTER_MEMBERS", ValueType.STRING, "",
    "Comma list of Hazelcast member addresses (host:port) to join over TCP; empty: the join settings of the "
      + "cluster file. Multicast stays off."),
  CLUSTER_MEMBER_PORT("cluster.memberPort", "BROADCAST_CLUSTER_MEMBER_PORT", ValueType.integer(1, 65535), 5701,
    "Hazelcast port of this node; when taken, the next free one (up to 100 higher), so nodes can share a machine."),
  CLUSTER_HOST("cluster.host", "BROADCAST_CLUSTER_HOST", ValueType.STRING, "",
    "Address this node binds and advertises to the others, for Hazelcast and the event bus; empty: Hazelcast picks one."),
  CLUSTER_PORT("cluster.port", "BROADCAST_CLUSTER_PORT", ValueType.integer(0, 65535), 0,
    "Event-bus port for messages between nodes (0: any free one)."),
  CLUSTER_CONFIG_FILE("cluster.configFile", "BROADCAST_CLUSTER_CONFIG", ValueType.STRING, "conf/cluster.xml",
    "Hazelcast settings file; when it does not exist, the copy inside the jar is used.");

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

  /** Secrets are taken from the environment only, so they never sit in a config file or a process listing. */
  public boolean isSecret() {
    return this == JWT_SECRET || this == API_KEY || this == METRICS_TOKEN;
  }

  /** The key and its main variable, as used in every error message: {@code http.port (BROADCAST_PORT)}. */
  public String label() {
    return key + " (" + envVars.get(0) + ")";
  }
}
