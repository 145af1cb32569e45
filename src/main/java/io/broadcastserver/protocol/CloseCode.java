package io.broadcastserver.protocol;

/**
 * The close codes this server sends, with their reasons (each well under the 123-byte limit of a close
 * frame). RFC 6455 codes where one fits, 4000–4999 for our own; the catalogue is in docs/protocol.md.
 */
public enum CloseCode {
  /** The server is shutting down; reconnect with backoff. */
  GOING_AWAY(1001, "server shutting down"),
  /** A frame that breaks RFC 6455 (unmasked, bad opcode, oversized control frame); the client must be fixed. */
  PROTOCOL_ERROR(1002, "protocol error"),
  /** A binary frame; the client must be fixed. */
  UNSUPPORTED_DATA(1003, "binary frames are not supported"),
  /** A text message that is not valid UTF-8. */
  INVALID_PAYLOAD(1007, "invalid UTF-8"),
  /** The client kept sending faster than its rate limit after being told to slow down. */
  RATE_LIMIT_EXCEEDED(1008, "rate limit exceeded"),
  /** The client sent more invalid messages than {@code limits.maxInvalidMessagesPerMin} allows. */
  TOO_MANY_INVALID_MESSAGES(1008, "too many invalid messages"),
  /** A message over {@code limits.maxMessageBytes}. */
  MESSAGE_TOO_BIG(1009, "message too big"),
  /** An unexpected fault while serving this connection; only this connection is affected. */
  INTERNAL_ERROR(1011, "internal server error"),
  /** Nothing heard from the client for two heartbeat intervals. */
  HEARTBEAT_TIMEOUT(4001, "heartbeat timeout"),
  /** The client read too slowly and its outbound queue filled up; reconnect and catch up. */
  SLOW_CONSUMER(4008, "slow consumer"),
  /** The client's token expired while it was connected; reconnect with a fresh token. */
  TOKEN_EXPIRED(4005, "token expired");

  private final short code;
  private final String reason;

  CloseCode(int code, String reason) {
    this.code = (short) code;
    this.reason = reason;
  }

  /**
   * The entry for a code the WebSocket codec chose (1002, 1007, 1009), so the reason text stays ours; unknown
   * ones are protocol errors.
   */
  public static CloseCode of(int code) {
    for (CloseCode closeCode : values()) {
      if (closeCode.code == code) {
        return closeCode;
      }
    }
    return PROTOCOL_ERROR;
  }

  public short code() {
    return code;
  }

  public String reason() {
    return reason;
  }
}
