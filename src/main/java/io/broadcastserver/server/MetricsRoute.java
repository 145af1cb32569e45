package io.broadcastserver.server;

import io.broadcastserver.security.ApiKey;
import io.broadcastserver.system.NodeState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics} in the Prometheus text format: Vert.x's own meters and ours. When
 * {@code metrics.token} is set, a scrape must carry it as a bearer token (compared in constant time).
 */
final class MetricsRoute {

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private MetricsRoute() {
  }

  static void mount(Router router, NodeState state, ApiKey token) {
    router.get("/metrics").handler(ctx -> scrape(ctx, state, token));
  }

  private static void scrape(RoutingContext ctx, NodeState state, ApiKey token) {
    if (token.isConfigured() && !token.matches(ctx.request().getHeader("Authorization"))) {
      ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
      return;
    }
    ctx.response().putHeader("content-type", PROMETHEUS_TEXT).putHeader("cache-control", "no-store")
      .end(state.metrics().scrape());
  }
}
