package io.broadcastserver;

import io.broadcastserver.cluster.HazelcastMembership;
import io.broadcastserver.cluster.HazelcastSetup;
import io.broadcastserver.config.ConfigException;
import io.broadcastserver.config.ConfigLoader;
import io.broadcastserver.config.ServerConfig;
import io.broadcastserver.observability.LogEvent;
import io.broadcastserver.observability.LogSetup;
import io.broadcastserver.observability.ServerMetrics;
import io.broadcastserver.server.ShutdownBudget;
import io.broadcastserver.system.NodeState;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.BindException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The {@code java -jar} entry point: reads the configuration, starts Vert.x, deploys {@link MainVerticle}
 * and turns SIGTERM/SIGINT into a graceful shutdown that ends with exit status 0.
 *
 * <p>A hand-written launcher rather than Vert.x's {@code VertxApplication} (a tech preview in 5.0), so
 * that start-up failures such as a busy port end in one clear line and a chosen exit status.
 */
public final class Main {

  /** Exit status for a configuration error. */
  static final int EXIT_BAD_CONFIG = 2;
  /** Exit status when the server cannot start, e.g. the port is taken. */
  static final int EXIT_START_FAILED = 1;

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("bench")) {
      System.exit(io.broadcastserver.bench.BenchCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    ServerConfig config;
    try {
      CommandLine commandLine = CommandLine.parse(args);
      if (commandLine.help()) {
        System.out.print(CommandLine.USAGE);
        return;
      }
      config = new ConfigLoader(System.getenv(), System.getProperties())
        .load(commandLine.configFile(), commandLine.overrides());
    } catch (ConfigException e) {
      System.err.println(LogEvent.ERROR + " " + e.getMessage());
      System.exit(EXIT_BAD_CONFIG);
      return;
    }
    LogSetup.apply(config);
    try {
      start(config);
    } catch (ConfigException e) {
      // e.g. a cluster file that Hazelcast cannot read
      System.err.println(LogEvent.ERROR + " " + e.getMessage());
      System.exit(EXIT_BAD_CONFIG);
    }
  }

  private static void start(ServerConfig config) {
    // One registry for Vert.x's own meters (HTTP, event bus, pools) and ours, scraped at GET /metrics.
    PrometheusMeterRegistry registry = ServerMetrics.newRegistry();
    VertxBuilder builder = Vertx.builder()
      .with(new VertxOptions().setPreferNativeTransport(true).setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)).setEventBusOptions(HazelcastSetup.eventBusOptions(config)))
      .withMetrics(new MicrometerMetricsFactory(registry));
    Vertx vertx;
    HazelcastMembership membership = null;
    if (config.clusterEnabled()) {
      HazelcastClusterManager clusterManager = HazelcastSetup.clusterManager(config);
      vertx = joinCluster(builder.withClusterManager(clusterManager), config);
      membership = new HazelcastMembership(clusterManager);
    } else {
      vertx = builder.build();
    }
    MainVerticle mainVerticle = new MainVerticle(config, new NodeState(registry), membership);
    try {
      vertx.deployVerticle(mainVerticle).await();
    } catch (Throwable failure) {
      vertx.close();
      if (failure instanceof ConfigException badFile) {
        // A key or certificate file that cannot be used: one line, like any other configuration error.
        System.err.println(LogEvent.ERROR + " " + badFile.getMessage());
        System.exit(EXIT_BAD_CONFIG);
      }
      reportStartFailure(config, failure);
      System.exit(EXIT_START_FAILED);
    }
    Runnable shutdown = () -> shutDown(vertx, mainVerticle, config);
    Signal.handle(new Signal("TERM"), signal -> new Thread(shutdown, "shutdown").start());
    Signal.handle(new Signal("INT"), signal -> new Thread(shutdown, "shutdown").start());
  }

  /** Blocks until this node is a member; a cluster that cannot be joined ends start-up with one line. */
  private static Vertx joinCluster(VertxBuilder builder, ServerConfig config) {
    LOG.info("{} joining the cluster [members: {}, member port: {}, host: {}]", LogEvent.SYSTEM,
      config.clusterMembers().isEmpty() ? "from " + config.clusterConfigFile() : config.clusterMembers(),
      config.clusterMemberPort(), config.clusterHost().isEmpty() ? "auto" : config.clusterHost());
    try {
      return builder.buildClustered().await();
    } catch (Throwable failure) {
      LOG.error("{} could not join the cluster: {}", LogEvent.ERROR, failure.toString(), failure);
      System.exit(EXIT_START_FAILED);
      return null;
    }
  }

  private static void reportStartFailure(ServerConfig config, Throwable failure) {
    if (isAddressInUse(failure)) {
      LOG.error("{} port {} is already in use [host: {}] — set BROADCAST_PORT or stop the process that holds it",
        LogEvent.ERROR, config.port(), config.host());
    } else {
      LOG.error("{} server failed to start: {}", LogEvent.ERROR, failure.toString(), failure);
    }
  }

  /** NIO reports a BindException; the native epoll transport an IOException carrying the errno text. */
  private static boolean isAddressInUse(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  /** Runs once per signal; a second signal while draining simply waits for the same deadline. */
  private static synchronized void shutDown(Vertx vertx, MainVerticle mainVerticle, ServerConfig config) {
    LOG.info("{} shutting down [grace: {} ms]", LogEvent.SYSTEM, config.shutdownGraceMs());
    mainVerticle.shutdownStarted();
    CompletableFuture<Void> closed = vertx.close().toCompletionStage().toCompletableFuture();
    try {
      closed.get(ShutdownBudget.hardDeadlineMs(config.shutdownGraceMs()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("{} grace period over, exiting with clients still open", LogEvent.WARNING);
    } catch (Exception e) {
      LOG.warn("{} shutdown did not finish cleanly: {}", LogEvent.WARNING, e.toString());
    }
    System.exit(0);
  }
}
