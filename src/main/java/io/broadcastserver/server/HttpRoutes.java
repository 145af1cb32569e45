package io.broadcastserver.server;

import io.broadcastserver.protocol.Outbound;
import io.broadcastserver.security.SecurityHeaders;
import io.broadcastserver.system.NodeState;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/** The plain HTTP side: security headers, the stats and publish APIs, and the bundled test page. */
public final class HttpRoutes {

  private static final String JSON = "application/json";

  private HttpRoutes() {
  }

  /**
   * @param publish the publish API, mounted when its key is configured (null: none)
   * @param maxBodyBytes the largest publish body
   */
  static Router router(Vertx vertx, NodeState state, int instances, SecurityHeaders headers, PublishEndpoint publish,
                       int maxBodyBytes) {
    Router router = Router.router(vertx);
    router.route().handler(headers);
    router.get("/api/stats").handler(ctx -> stats(ctx, state, instances));
    if (publish != null) {
      publish.mount(router, maxBodyBytes);
    }
    // "webroot" is looked up in the working directory first (edit the page and reload while developing),
    // then inside the jar, where the build puts a copy.
    router.route().handler(StaticHandler.create("webroot"));
    return router;
  }

  private static void stats(RoutingContext ctx, NodeState state, int instances) {
    String body = state.snapshot().toApiJson()
      .put("instances", instances)
      .put("slowConsumersDisconnected", state.slowConsumersDisconnected())
      .put("timestamp", Outbound.now())
      .encode();
    ctx.response().putHeader("content-type", JSON).putHeader("cache-control", "no-store").end(body);
  }
}
