package io.broadcastserver.protocol;

/**
 * Machine-readable codes of {@code error} messages. The wire name is a stable contract for clients;
 * see docs/protocol.md.
 */
public enum ErrorCode {
  /** The text frame is not JSON. */
  INVALID_JSON("invalid_json"),
  /** JSON, but not an object with a string {@code type}, or beyond the nesting and size limits. */
  INVALID_MESSAGE("invalid_message"),
  /** {@code type} is not one a client may send. */
  UNKNOWN_TYPE("unknown_type"),
  /** A {@code message} without {@code data}. */
  MISSING_DATA("missing_data"),
  /** A binary frame: only JSON text frames are understood. */
  UNSUPPORTED_BINARY("unsupported_binary"),
  /** Over the per-connection message rate; the message was not broadcast. Carries {@code retryAfterMs}. */
  RATE_LIMITED("rate_limited");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
