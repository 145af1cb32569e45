package io.broadcastserver.server;

import io.broadcastserver.protocol.Outbound;
import io.broadcastserver.system.NodeState;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health}: the process is alive and serving HTTP (for restarts). {@code GET /ready}: it takes
 * WebSocket connections now (for load balancers): 503 while starting and once shutdown has begun.
 */
final class HealthRoutes {

  private HealthRoutes() {
  }

  static void mount(Router router, NodeState state) {
    router.get("/health").handler(ctx -> answer(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/ready").handler(ctx -> ready(ctx, state));
  }

  private static void ready(RoutingContext ctx, NodeState state) {
    if (state.isReady()) {
      answer(ctx, 200, new JsonObject().put("status", "READY"));
    } else {
      String reason = state.isShuttingDown() ? "shutting down" : "starting";
      answer(ctx, 503, new JsonObject().put("status", "NOT_READY").put("reason", reason));
    }
  }

  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
      .putHeader("cache-control", "no-store").end(body.put("timestamp", Outbound.now()).encode());
  }
}
