package io.broadcastserver.server;

import io.broadcastserver.protocol.Outbound;
import io.broadcastserver.security.ApiKey;
import io.broadcastserver.security.SecurityHeaders;
import io.broadcastserver.system.NodeState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.function.Supplier;

/** The plain HTTP side: security headers, the stats and publish APIs, and the bundled test page. */
public final class HttpRoutes {

  private static final String JSON = "application/json";
  private static final String WEBJARS = "META-INF/resources/webjars";

  private HttpRoutes() {
  }

  /**
   * @param publish the publish API, mounted when its key is configured (null: none)
   * @param maxBodyBytes the largest publish body
   */
  static Router router(Vertx vertx, NodeState state, Supplier<List<Integer>> instanceConnections,
                       SecurityHeaders headers, PublishEndpoint publish, ApiKey metricsToken, int maxBodyBytes) {
    Router router = Router.router(vertx);
    router.route().handler(headers);
    router.get("/api/stats").handler(ctx -> stats(ctx, state, instanceConnections.get()));
    HealthRoutes.mount(router, state);
    MetricsRoute.mount(router, state, metricsToken);
    // The dashboard's chart library, from its WebJar inside the jar: no CDN, works offline.
    router.get("/webjars/*").handler(StaticHandler.create(WEBJARS));
    if (publish != null) {
      publish.mount(router, maxBodyBytes);
    }
    // "webroot" is looked up in the working directory first (edit the page and reload while developing),
    // then inside the jar, where the build puts a copy.
    router.route().handler(StaticHandler.create("webroot"));
    return router;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /**
   * {@code connections} above is the cluster's total; this splits it by node, as the roster sees it, so an
   * operator can tell a node that lost its clients from one that never got any.
   */
  private static JsonObject clusterFigures(NodeState state) {
    JsonArray nodes = new JsonArray().add(new JsonObject().put("node", state.nodeId()).put("self", true)
      .put("connections", state.connections()));
    state.peerConnections().forEach((node, connections) ->
      nodes.add(new JsonObject().put("node", node).put("self", false).put("connections", connections)));
    return new JsonObject().put("node", state.nodeId()).put("nodes", nodes);
  }

  private static void stats(RoutingContext ctx, NodeState state, List<Integer> instanceConnections) {
    double[] latency = state.metrics().clientLatencyPercentilesMs();
    JsonObject json = state.snapshot().toApiJson()
      .put("instances", instanceConnections.size())
      .put("instanceConnections", new JsonArray(List.copyOf(instanceConnections)))
      .put("bytesReceived", state.bytesReceived())
      .put("bytesSent", state.bytesSent())
      .put("clientLatencyMs", new JsonObject().put("p50", finiteOrNull(latency[0])).put("p99", finiteOrNull(latency[1])))
      .put("slowConsumersDisconnected", state.slowConsumersDisconnected());
    if (state.nodeId() != null) {
      json.put("cluster", clusterFigures(state));
    }
    String body = json.put("timestamp", Outbound.now()).encode();
    ctx.response().putHeader("content-type", JSON).putHeader("cache-control", "no-store").end(body);
  }
}
