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
    return envelope("welcome")
      .put("clientId", clientId)
      .put("connections", connections)
      .put("heartbeatIntervalMs", heartbeatIntervalMs)
      .put("timestamp", now())
      .encode();
  }

  public static String echo(String messageId, String rawData, String timestamp) {
    return "{\"type\":\"echo\",\"id\":\"" + messageId + "\",\"data\":" + rawData + ",\"timestamp\":\"" + timestamp + "\"}";
  }

  public static String broadcast(String messageId, String from, String rawData, String timestamp) {
    return "{\"type\":\"broadcast\",\"id\":\"" + messageId + "\",\"from\":\"" + escape(from) + "\",\"data\":" + rawData
      + ",\"timestamp\":\"" + timestamp + "\"}";
  }

  public static String clientConnected(String clientId, long connections) {
    return presence("client_connected", clientId, connections);
  }

  public static String clientDisconnected(String clientId, long connections) {
    return presence("client_disconnected", clientId, connections);
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

  private static String presence(String type, String clientId, long connections) {
    return envelope(type).put("clientId", clientId).put("connections", connections).put("timestamp", now()).encode();
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
