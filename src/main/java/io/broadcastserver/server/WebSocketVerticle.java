package io.broadcastserver.server;

import io.broadcastserver.bus.BroadcastBus;
import io.broadcastserver.config.ServerConfig;
import io.broadcastserver.connection.FlushBatcher;
import io.broadcastserver.connection.PresenceNotices;
import io.broadcastserver.connection.ConnectionHandler;
import io.broadcastserver.connection.ConnectionRegistry;
import io.broadcastserver.observability.LogEvent;
import io.broadcastserver.observability.LogThrottle;
import io.broadcastserver.protocol.InboundParser;
import io.broadcastserver.protocol.Outbound;
import io.broadcastserver.security.ApiKey;
import io.broadcastserver.security.ConnectionLimiter;
import io.broadcastserver.security.OriginPolicy;
import io.broadcastserver.security.SecurityHeaders;
import io.broadcastserver.security.TokenAuthenticator;
import io.broadcastserver.security.TokenSource;
import io.broadcastserver.system.Heartbeat;
import io.broadcastserver.system.NodeState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts WebSocket clients on the shared port and fans broadcasts out to the ones it owns.
 *
 * <p>Threading: each instance owns the sockets it accepted, its registry, its bus consumer and its
 * heartbeat timer, all on one event loop, so none of them needs synchronisation. Only {@link NodeState}
 * is shared between instances, and it is atomic. Deploy one instance per core; the HTTP servers of all
 * instances share the port and Vert.x spreads new connections over them.
 */
public final class WebSocketVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketVerticle.class);
  /** How often the write-queue depth is summed for the metric; it walks every connection, so not per message. */
  private static final long WRITE_QUEUE_SAMPLE_MS = 1000;

  private final ServerConfig config;
  private final NodeState state;
  private final LogThrottle logThrottle;
  private final PresenceNotices presence;
  private final Supplier<List<Integer>> instanceConnections;
  private final ConnectionLimiter limiter;
  private final ConnectionRegistry registry;
  private HttpServer server;

  /** @param limiter shared by every instance: the connection limits are per server, not per instance */
  public WebSocketVerticle(ServerConfig config, NodeState state, LogThrottle logThrottle, PresenceNotices presence,
                           ConnectionLimiter limiter, Supplier<List<Integer>> instanceConnections) {
    this.config = config;
    this.state = state;
    this.registry = new ConnectionRegistry(state);
    this.logThrottle = logThrottle;
    this.presence = presence;
    this.instanceConnections = instanceConnections;
    this.limiter = limiter;
  }

  @Override
  public Future<?> start() {
    BroadcastBus bus = new BroadcastBus(vertx.eventBus());
    Heartbeat heartbeat = new Heartbeat(registry, state);
    InboundParser parser = new InboundParser(config.maxMessageBytes());
    ConnectionHandler connections = new ConnectionHandler(vertx, registry, bus, presence, state, limiter, parser,
      logThrottle, config, heartbeat::currentTick, new FlushBatcher(context));
    RequestDeadline deadline = new RequestDeadline(vertx, config.handshakeTimeoutMs());
    HandshakeGate gate = new HandshakeGate(state, OriginPolicy.parse(config.allowedOrigins()),
      TokenAuthenticator.create(vertx, config), limiter, logThrottle, (socket, admission) -> {
        deadline.release(socket.remoteAddress());
        connections.attach(socket, admission);
      });
    PublishEndpoint publish = new PublishEndpoint(new ApiKey(config.apiKey()), bus, state, parser, logThrottle);
    Router router = HttpRoutes.router(vertx, state, instanceConnections, new SecurityHeaders(config.tlsEnabled()),
      publish, new ApiKey(config.metricsToken()), config.maxMessageBytes());

    server = vertx.createHttpServer(serverOptions())
      .connectionHandler(deadline::connected)
      .webSocketHandshakeHandler(gate::check)
      .requestHandler(request -> {
        deadline.requestStarted(request);
        router.handle(request);
      });
    // The timer and the consumer are released by Vert.x when this instance is undeployed.
    vertx.setPeriodic(config.heartbeatIntervalMs(), id -> heartbeat.tick());
    vertx.setPeriodic(WRITE_QUEUE_SAMPLE_MS, id -> state.pendingBytes(this, registry.pendingBytes()));
    MessageConsumer<String> consumer = bus.subscribe(this::deliver);
    return Future.join(consumer.completion(), server.listen(listenPort(), config.host()));
  }

  /**
   * Graceful stop: refuse new clients, tell our clients why, then close them with 1001 (each socket's
   * shutdown handler does that; on a cluster node, {@link PacedDrain}) and wait for their answer no longer
   * than the grace period allows.
   */
  @Override
  public Future<?> stop() {
    state.beginShutdown();
    state.closedOnShutdown(registry.size());
    long socketDrainMs = ShutdownBudget.socketDrainMs(config.shutdownGraceMs());
    if (config.clusterEnabled()) {
      // The other nodes stay up: close our clients gradually and keep announcing them as they go. The port
      // stays open meanwhile, so load balancers read 503 from /ready and new upgrades get 503 too.
      long spreadMs = PacedDrain.spreadMs(config.shutdownGraceMs());
      new PacedDrain(vertx, spreadMs, ThreadLocalRandom.current()).start(registry.snapshot());
      Promise<Void> spreadOver = Promise.promise();
      vertx.setTimer(spreadMs + 1, id -> spreadOver.complete());
      return spreadOver.future()
        .compose(v -> server.shutdown(socketDrainMs - spreadMs, TimeUnit.MILLISECONDS));
    }
    presence.silence();
    registry.fanOut(Outbound.shutdown("server is shutting down; reconnect later"), null);
    // Stops listening at once, then waits for the sockets to close, and cuts the ones still open at the end.
    return server.shutdown(socketDrainMs, TimeUnit.MILLISECONDS);
  }

  /** Fans a frame from the bus out to this instance's clients; a few of these are logged as 📤. */
  private void deliver(String frame, String exceptClientId, long publishedNanos) {
    int recipients = registry.fanOut(frame, exceptClientId);
    state.metrics().fanoutTook(System.nanoTime() - publishedNanos);
    if (recipients > 0 && logThrottle.tryAcquire()) {
      LOG.info("{} frame sent [except: {}, recipients: {}, bytes: {}]", LogEvent.SEND, exceptClientId, recipients,
        frame.length());
    }
  }

  /** This instance's open connections; read from other threads for stats, where a stale value is fine. */
  public int connectionCount() {
    return registry.size();
  }

  /** The port this instance listens on, once started. */
  public int actualPort() {
    return server.actualPort();
  }

  /** Port 0 would give each instance its own port; a negative port makes Vert.x share one random port. */
  private int listenPort() {
    return config.port() == 0 ? -1 : config.port();
  }

  private HttpServerOptions serverOptions() {
    HttpServerOptions options = new HttpServerOptions()
      // Bounded request heads: a longer request line gets 414, larger headers 431, before any handler runs.
      .setMaxInitialLineLength(Math.min(config.maxHeaderBytes(), 8192))
      .setMaxHeaderSize(config.maxHeaderBytes())
      // No HTTP/2 over cleartext: its sniffing of the first bytes would delay the connection handler,
      // and with it the deadline that cuts silent connections.
      .setHttp2ClearTextEnabled(false)
      // Every write to a connection already happens on its own event loop (broadcasts arrive through the
      // bus on the verticle's context). Saying so lets Vert.x write straight to the channel instead of
      // through a multi-producer queue per connection, and that queue preallocates 1,025 slots: two of
      // them (HTTP and WebSocket connection) were 8 KiB of every idle connection's heap.
      .setStrictThreadMode(true)
      .setSslHandshakeTimeout(config.handshakeTimeoutMs())
      .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
      .setWebSocketSubProtocols(List.of(TokenSource.SUBPROTOCOL))
      .setMaxWebSocketFrameSize(config.maxMessageBytes())
      .setMaxWebSocketMessageSize(config.maxMessageBytes())
      // Compression would deflate every broadcast once per client: far too costly on a fan-out server.
      .setPerMessageWebSocketCompressionSupported(false)
      .setPerFrameWebSocketCompressionSupported(false)
      .setWebSocketClosingTimeout(ShutdownBudget.closingTimeoutSeconds(config.shutdownGraceMs()));
    if (config.tlsEnabled()) {
      // The same port then speaks https:// and wss:// only.
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCertFile())
        .setKeyPath(config.tlsKeyFile()));
    }
    return options;
  }
}
