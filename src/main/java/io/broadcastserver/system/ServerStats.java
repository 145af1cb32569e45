package io.broadcastserver.system;

import io.vertx.core.json.JsonObject;

/**
 * A snapshot of what the seed promised to monitor (connections, memory, uptime) plus traffic totals.
 *
 * @param heapUsed bytes of Java heap in use
 * @param heapMax bytes the heap may grow to
 * @param rss the process's resident set in bytes, or -1 where the OS does not tell
 */
public record ServerStats(long connections, long heapUsed, long heapMax, long rss, long uptimeSeconds,
                          long messagesReceived, long messagesDelivered) {

  /** The {@code stats} object of a heartbeat. */
  public JsonObject toJson() {
    return new JsonObject()
      .put("connections", connections)
      .put("memory", new JsonObject().put("heapUsed", heapUsed).put("heapMax", heapMax).put("rss", rss))
      .put("uptimeSeconds", uptimeSeconds);
  }

  /** The body of {@code GET /api/stats}: the heartbeat's stats plus traffic totals. */
  public JsonObject toApiJson() {
    return toJson().put("messagesReceived", messagesReceived).put("messagesDelivered", messagesDelivered);
  }
}
