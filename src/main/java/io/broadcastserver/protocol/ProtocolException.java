package io.broadcastserver.protocol;

/** A client message the server refuses; the connection goes on and the client gets an {@code error}. */
public final class ProtocolException extends Exception {

  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String message) {
    // Refusals are routine and frequent under abuse, so skip the costly stack trace.
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
