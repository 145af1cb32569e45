package io.broadcastserver.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One client as the other nodes know it: enough to announce it as disconnected if its node dies.
 *
 * @param name the token's name claim, or null
 */
public record RosterClient(String clientId, String userId, String name) {

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", clientId).put("user", userId);
    return name == null ? json : json.put("name", name);
  }

  static RosterClient fromJson(JsonObject json) {
    return new RosterClient(json.getString("id"), json.getString("user"), json.getString("name"));
  }
}
