package io.broadcastserver.protocol;

/**
 * The close codes this server sends, with their reasons (each well under the 123-byte limit of a close
 * frame). RFC 6455 codes where one fits, 4000–4999 for our own; the catalogue is in docs/protocol.md.
 */
public enum CloseCode {
  /** The server is shutting down; reconnect with backoff. */
  GOING_AWAY(1001, "server shutting down"),
  /** A binary frame; the client must be fixed. */
  UNSUPPORTED_DATA(1003, "binary frames are not supported"),
  /** A message over {@code limits.maxMessageBytes}. */
  MESSAGE_TOO_BIG(1009, "message too big"),
  /** An unexpected fault while serving this connection; only this connection is affected. */
  INTERNAL_ERROR(1011, "internal server error"),
  /** Nothing heard from the client for two heartbeat intervals. */
  HEARTBEAT_TIMEOUT(4001, "heartbeat timeout"),
  /** The client read too slowly and its outbound queue filled up; reconnect and catch up. */
  SLOW_CONSUMER(4008, "slow consumer");

  private final short code;
  private final String reason;

  CloseCode(int code, String reason) {
    this.code = (short) code;
    this.reason = reason;
  }

  public short code() {
    return code;
  }

  public String reason() {
    return reason;
  }
}
