package io.broadcastserver.protocol;

/**
 * A validated client message.
 *
 * @param type what the client asked for
 * @param rawData for {@code message}: the {@code data} value exactly as the client wrote it (valid JSON),
 *                so it is forwarded without being decoded and encoded again; {@code null} otherwise
 */
public record InboundMessage(Type type, String rawData) {

  /** The message types a client may send. */
  public enum Type {
    MESSAGE("message"),
    PING("ping"),
    /** An opt-in report of the latency the client observed, in milliseconds (its {@code data}). */
    LATENCY("latency");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    static Type fromWireName(String name) {
      for (Type type : values()) {
        if (type.wireName.equals(name)) {
          return type;
        }
      }
      return null;
    }
  }
}
