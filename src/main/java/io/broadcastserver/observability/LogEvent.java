package io.broadcastserver.observability;

/** The seed README's emoji markers, so every log line starts with the kind of event it reports. */
public final class LogEvent {

  /** A client connected. */
  public static final String CONNECT = "✅";
  /** A message was received from a client. */
  public static final String RECEIVE = "📨";
  /** A message was sent to clients. */
  public static final String SEND = "📤";
  /** Broadcast statistics. */
  public static final String BROADCAST = "📡";
  /** A disconnection or an error. */
  public static final String ERROR = "❌";
  /** A system event: start, heartbeat, shutdown. */
  public static final String SYSTEM = "🔔";
  /** Something a person should look at, such as an insecure setting. */
  public static final String WARNING = "⚠️";

  private LogEvent() {
  }
}
