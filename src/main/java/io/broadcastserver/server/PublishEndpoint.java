package io.broadcastserver.server;

import io.broadcastserver.bus.BroadcastBus;
import io.broadcastserver.observability.LogEvent;
import io.broadcastserver.observability.LogThrottle;
import io.broadcastserver.protocol.InboundParser;
import io.broadcastserver.protocol.Outbound;
import io.broadcastserver.protocol.ProtocolException;
import io.broadcastserver.security.ApiKey;
import io.broadcastserver.security.TokenAuthenticator;
import io.broadcastserver.system.NodeState;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/publish} for back ends: {@code Authorization: Bearer <auth.apiKey>} and a body
 * {@code {"data": …}} broadcast to every client as {@code from: "server"}, through the same bus path (and
 * the same single encoding) as client messages. 202 with the message id; 401 for a missing or wrong key
 * (the body is never read and the connection closes),
 * 413 for a body over {@code limits.maxMessageBytes}, 400 for one that is not valid. Not mounted (404)
 * without a key.
 */
final class PublishEndpoint {

  static final String PATH = "/api/publish";

  private static final Logger LOG = LoggerFactory.getLogger(PublishEndpoint.class);
  private static final String SENDER_FIELDS = Outbound.senderFields(TokenAuthenticator.SERVER_IDENTITY, null);

  private final ApiKey apiKey;
  private final BroadcastBus bus;
  private final NodeState state;
  private final InboundParser parser;
  private final LogThrottle logThrottle;

  PublishEndpoint(ApiKey apiKey, BroadcastBus bus, NodeState state, InboundParser parser, LogThrottle logThrottle) {
    this.apiKey = apiKey;
    this.bus = bus;
    this.state = state;
    this.parser = parser;
    this.logThrottle = logThrottle;
  }

  /** Mounts the endpoint when a key is configured; the key is checked before any of the body is read. */
  void mount(Router router, int maxBodyBytes) {
    if (!apiKey.isConfigured()) {
      return;
    }
    // The key is checked first, on a route of its own (vertx-web wants a body handler first on its route), so
    // nobody without it makes the server read a body.
    router.post(PATH).handler(this::authorize);
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(this::publish);
  }

  private void authorize(RoutingContext ctx) {
    // Hold the body back until the body handler is in place (it resumes the request), as vertx-web's own
    // authentication handlers do.
    ctx.request().pause();
    if (apiKey.matches(ctx.request().getHeader("Authorization"))) {
      ctx.next();
    } else {
      if (logThrottle.tryAcquire()) {
        LOG.warn("{} publish refused: missing or wrong API key [remote: {}]", LogEvent.ERROR,
          ctx.request().remoteAddress());
      }
      // The body stays unread and the connection ends with the answer: draining it would let anyone without
      // the key make the server read as much as they send, and a connection with an unread body cannot
      // carry another request.
      ctx.response().putHeader("WWW-Authenticate", "Bearer").putHeader(HttpHeaders.CONNECTION, "close");
      answer(ctx, 401, new JsonObject().put("error", "unauthorized").put("message", "missing or wrong API key"))
        .onComplete(sent -> ctx.request().connection().close());
    }
  }

  private void publish(RoutingContext ctx) {
    String rawData;
    try {
      rawData = parser.parseData(ctx.body().asString());
    } catch (ProtocolException refused) {
      answer(ctx, 400, new JsonObject().put("error", refused.code().wireName()).put("message", refused.getMessage()));
      return;
    }
    state.messageReceived();
    String messageId = state.ids().next();
    String receivedAt = Outbound.now();
    bus.publishToAll(Outbound.broadcastFrom(messageId, SENDER_FIELDS, rawData, receivedAt));
    answer(ctx, 202, new JsonObject().put("id", messageId).put("timestamp", receivedAt));
    if (logThrottle.tryAcquire()) {
      LOG.info("{} message published [id: {}, from: {}, chars: {}]", LogEvent.RECEIVE, messageId,
        TokenAuthenticator.SERVER_IDENTITY, rawData.length());
    }
  }

  private static Future<Void> answer(RoutingContext ctx, int status, JsonObject body) {
    return ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
      .putHeader("cache-control", "no-store").end(body.encode());
  }
}
