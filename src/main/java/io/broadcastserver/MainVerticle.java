package io.broadcastserver;

import io.broadcastserver.bus.BroadcastBus;
import io.broadcastserver.cluster.HazelcastMembership;
import io.broadcastserver.cluster.LocalRoster;
import io.broadcastserver.cluster.RosterSync;
import io.broadcastserver.config.ConfigException;
import io.broadcastserver.config.ServerConfig;
import io.broadcastserver.config.Setting;
import io.broadcastserver.connection.ClientDirectory;
import io.broadcastserver.connection.PresenceNotices;
import io.broadcastserver.observability.LogEvent;
import io.broadcastserver.observability.LogThrottle;
import io.broadcastserver.observability.TrafficReporter;
import io.broadcastserver.security.ConnectionLimiter;
import io.broadcastserver.security.SecurityReport;
import io.broadcastserver.server.WebSocketVerticle;
import io.broadcastserver.system.NodeState;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the configured number of {@link WebSocketVerticle} instances (on a cluster node, after joining
 * the cluster's roster), runs the 📡 traffic summary and reports the end of a shutdown. Its children are undeployed (and so drained) before its own stop.
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  private final ServerConfig config;
  private final NodeState state;
  private final HazelcastMembership membership;
  private final List<WebSocketVerticle> instances = new CopyOnWriteArrayList<>();
  private RosterSync rosterSync;
  private long shutdownStartNanos;

  /** A server on its own. */
  public MainVerticle(ServerConfig config, NodeState state) {
    this(config, state, null);
  }

  /** @param membership the cluster this node joined, or null when it runs on its own */
  public MainVerticle(ServerConfig config, NodeState state, HazelcastMembership membership) {
    this.config = config;
    this.state = state;
    this.membership = membership;
  }

  @Override
  public Future<?> start() {
    requireReadable(config.tlsCertFile(), Setting.TLS_CERT);
    requireReadable(config.tlsKeyFile(), Setting.TLS_KEY);
    LogThrottle logThrottle = new LogThrottle(config.logMessageLinesPerSecond());
    TrafficReporter reporter = new TrafficReporter(state, logThrottle);
    LocalRoster roster = new LocalRoster();
    PresenceNotices presence = new PresenceNotices(new BroadcastBus(vertx.eventBus()),
      membership == null ? ClientDirectory.NONE : roster, config.presenceNotices(),
      config.presenceMaxNoticesPerSecond(), config.presenceMaxNoticeFramesPerSecond(), config.presenceSummaryMaxIds());
    ConnectionLimiter limiter = new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerIp());
    int count = config.instances();
    // A cluster node first learns the other nodes' clients, so that its first welcome counts them too.
    return joinRoster(roster)
      .compose(joined -> vertx.deployVerticle(() -> newInstance(logThrottle, presence, limiter),
        new DeploymentOptions().setInstances(count)))
      .onSuccess(id -> {
        state.markReady();
        vertx.setPeriodic(config.logStatsIntervalMs(), timer -> reporter.report());
        vertx.setPeriodic(config.presenceSummaryIntervalMs(), timer -> presence.flushSummary(state.clusterConnections()));
        String secure = config.tlsEnabled() ? "s" : "";
        LOG.info("{} broadcast server started [websocket: ws{}://{}:{}/, page: http{}://{}:{}/, instances: {}, "
            + "heartbeat: {} ms, transport: {}]", LogEvent.SYSTEM, secure, displayHost(), actualPort(), secure,
          displayHost(), actualPort(), count, config.heartbeatIntervalMs(),
          vertx.isNativeTransportEnabled() ? "epoll" : "nio");
        SecurityReport.log(config);
      });
  }

  private Future<Void> joinRoster(LocalRoster roster) {
    if (membership == null) {
      return Future.succeededFuture();
    }
    rosterSync = new RosterSync(vertx, membership, roster, state, config.presenceNotices(),
      config.presenceMaxNoticesPerSecond(), config.presenceSummaryMaxIds());
    return rosterSync.start();
  }

  private WebSocketVerticle newInstance(LogThrottle logThrottle, PresenceNotices presence, ConnectionLimiter limiter) {
    WebSocketVerticle instance = new WebSocketVerticle(config, state, logThrottle, presence, limiter,
      this::instanceConnections);
    instances.add(instance);
    return instance;
  }

  /** A missing certificate or key is a configuration error with one clear line, not a stack trace at listen. */
  private static void requireReadable(String file, Setting setting) {
    if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
      throw new ConfigException("invalid configuration: " + setting.label() + " = '" + file + "': no readable file there");
    }
  }

  /** Marks when shutdown began, so the closing line can say how long it took. */
  public void shutdownStarted() {
    shutdownStartNanos = System.nanoTime();
  }

  @Override
  public Future<?> stop() {
    // The instances have drained by now: the other nodes get the last leaves before this node goes.
    if (rosterSync != null) {
      rosterSync.stop();
    }
    long tookMs = shutdownStartNanos == 0 ? 0 : (System.nanoTime() - shutdownStartNanos) / 1_000_000;
    LOG.info("{} shutdown complete [connections closed: {}, took: {} ms]", LogEvent.SYSTEM, state.closedOnShutdown(),
      tookMs);
    return Future.succeededFuture();
  }

  /** Open connections of each verticle instance, for the dashboard. */
  public List<Integer> instanceConnections() {
    return instances.stream().map(WebSocketVerticle::connectionCount).toList();
  }

  /** The port the server really listens on (differs from the configuration when that asked for port 0). */
  public int actualPort() {
    return instances.get(0).actualPort();
  }

  private String displayHost() {
    return config.host().equals("0.0.0.0") ? "localhost" : config.host();
  }
}
