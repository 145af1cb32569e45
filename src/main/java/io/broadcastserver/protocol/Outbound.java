package io.broadcastserver.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.broadcastserver.system.ServerStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Encodes every message the server sends, each to its final JSON text. Callers encode a message once and
 * write the same String to every recipient. {@code echo} and {@code broadcast} are assembled around the
 * client's own {@code data} text instead of re-encoding it, because they sit on the hot path.
 */
public final class Outbound {

  private Outbound() {
  }

  public static String welcome(String clientId, long connections, int heartbeatIntervalMs) {
    return welcome(clientId, clientId, null, connections, heartbeatIntervalMs);
  }

  /**
   * @param userId the token's {@code sub}, or the client id when the server runs open
   * @param name the token's {@code name} claim, or null (then left out)
   */
  public static String welcome(String clientId, String userId, String name, long connections, int heartbeatIntervalMs) {
    return identified("welcome", clientId, userId, name)
      .append(",\"connections\":").append(connections)
      .append(",\"heartbeatIntervalMs\":").append(heartbeatIntervalMs)
      .append(",\"timestamp\":\"").append(now()).append("\"}").toString();
  }

  /**
   * The sender's fields of a {@code broadcast} ({@code "from":…} and maybe {@code "name":…}), encoded once
   * per connection so that relaying a message does not escape them again.
   */
  public static String senderFields(String userId, String name) {
    String from = "\"from\":\"" + escape(userId) + "\"";
    return name == null ? from : from + ",\"name\":\"" + escape(name) + "\"";
  }

  public static String echo(String messageId, String rawData, String timestamp) {
    return "{\"type\":\"echo\",\"id\":\"" + messageId + "\",\"data\":" + rawData + ",\"timestamp\":\"" + timestamp + "\"}";
  }

  public static String broadcast(String messageId, String from, String rawData, String timestamp) {
    return broadcastFrom(messageId, senderFields(from, null), rawData, timestamp);
  }

  /** @param senderFields from {@link #senderFields(String, String)} */
  public static String broadcastFrom(String messageId, String senderFields, String rawData, String timestamp) {
    return "{\"type\":\"broadcast\",\"id\":\"" + messageId + "\"," + senderFields + ",\"data\":" + rawData
      + ",\"timestamp\":\"" + timestamp + "\"}";
  }

  public static String clientConnected(String clientId, long connections) {
    return clientConnected(clientId, clientId, null, connections);
  }

  public static String clientConnected(String clientId, String userId, String name, long connections) {
    return presence("client_connected", clientId, userId, name, connections);
  }

  public static String clientDisconnected(String clientId, long connections) {
    return clientDisconnected(clientId, clientId, null, connections);
  }

  public static String clientDisconnected(String clientId, String userId, String name, long connections) {
    return presence("client_disconnected", clientId, userId, name, connections);
  }

  /** Sent just before the connection is closed with {@link CloseCode#TOKEN_EXPIRED}. */
  public static String tokenExpired() {
    return system("token_expired").put("message", "your token expired; reconnect with a new one")
      .put("timestamp", now()).encode();
  }

  /** The {@code rate_limited} error, which also says when the client may send again. */
  public static String rateLimited(long retryAfterMs) {
    return envelope("error").put("code", ErrorCode.RATE_LIMITED.wireName())
      .put("message", "too many messages; this one was not broadcast, retry after retryAfterMs")
      .put("retryAfterMs", retryAfterMs).put("timestamp", now()).encode();
  }

  /**
   * Coalesced joins and leaves: exact counts, and the ids of the first ones only (the lists say
   * {@code truncated} when there were more), so a summary stays small however large the storm.
   */
  public static String presenceSummary(List<String> joined, long joinedCount, List<String> left, long leftCount,
                                       long connections) {
    return system("presence")
      .put("joined", new JsonArray(joined))
      .put("joinedCount", joinedCount)
      .put("left", new JsonArray(left))
      .put("leftCount", leftCount)
      .put("truncated", joined.size() < joinedCount || left.size() < leftCount)
      .put("connections", connections)
      .put("timestamp", now())
      .encode();
  }

  public static String heartbeat(ServerStats stats) {
    return system("heartbeat").put("stats", stats.toJson()).put("timestamp", now()).encode();
  }

  public static String shutdown(String message) {
    return system("shutdown").put("message", message).put("timestamp", now()).encode();
  }

  /** A clustered node's drain notice: wait {@code retryAfterMs} after the close, then reconnect (to another node). */
  public static String shutdown(String message, long retryAfterMs) {
    return system("shutdown").put("message", message).put("retryAfterMs", retryAfterMs).put("timestamp", now())
      .encode();
  }

  public static String pong() {
    return "{\"type\":\"pong\",\"timestamp\":\"" + now() + "\"}";
  }

  public static String error(ErrorCode code, String message) {
    return envelope("error").put("code", code.wireName()).put("message", message).put("timestamp", now()).encode();
  }

  /** The current time as ISO-8601 UTC with milliseconds, the format of every {@code timestamp}. */
  public static String now() {
    return Instant.ofEpochMilli(System.currentTimeMillis()).toString();
  }

  private static String presence(String type, String clientId, String userId, String name, long connections) {
    return identified(type, clientId, userId, name)
      .append(",\"connections\":").append(connections)
      .append(",\"timestamp\":\"").append(now()).append("\"}").toString();
  }

  /**
   * The opening of a message about one client, left open for more fields. Welcome and join notices are
   * sent once per connection, so a connect storm encodes thousands a second: assembled as text, like
   * {@code broadcast}, they cost a fraction of a JsonObject's encoding.
   */
  private static StringBuilder identified(String type, String clientId, String userId, String name) {
    StringBuilder json = new StringBuilder(192).append("{\"type\":\"").append(type)
      .append("\",\"clientId\":\"").append(escape(clientId))
      .append("\",\"userId\":\"").append(escape(userId)).append('"');
    if (name != null) {
      json.append(",\"name\":\"").append(escape(name)).append('"');
    }
    return json;
  }

  private static JsonObject system(String event) {
    return envelope("system").put("event", event);
  }

  private static JsonObject envelope(String type) {
    return new JsonObject().put("type", type);
  }

  private static String escape(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(text));
  }
}
