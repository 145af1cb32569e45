package io.broadcastserver.support;

import io.broadcastserver.MainVerticle;
import io.broadcastserver.config.ServerConfig;
import io.broadcastserver.config.Setting;
import io.broadcastserver.system.NodeState;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.Map;

/** Starts the real server (MainVerticle with all its instances) on a free port inside a test's Vert.x. */
public final class TestServer {

  private final MainVerticle verticle;
  private final NodeState state;
  private final ServerConfig config;

  private TestServer(MainVerticle verticle, NodeState state, ServerConfig config) {
    this.verticle = verticle;
    this.state = state;
    this.config = config;
  }

  /** Defaults, except a free port, two instances and a short shutdown grace; then the given settings. */
  public static TestServer start(Vertx vertx, Map<Setting, Object> settings) {
    Map<Setting, Object> all = new EnumMap<>(Setting.class);
    all.put(Setting.HTTP_PORT, 0);
    all.put(Setting.HTTP_HOST, "127.0.0.1");
    all.put(Setting.HTTP_INSTANCES, 2);
    all.put(Setting.SHUTDOWN_GRACE_MS, 2000);
    all.putAll(settings);
    ServerConfig config = ServerConfig.defaults().with(all);
    NodeState state = new NodeState();
    MainVerticle verticle = new MainVerticle(config, state);
    vertx.deployVerticle(verticle).await();
    return new TestServer(verticle, state, config);
  }

  public static TestServer start(Vertx vertx) {
    return start(vertx, Map.of());
  }

  public int port() {
    return verticle.actualPort();
  }

  public NodeState state() {
    return state;
  }

  public ServerConfig config() {
    return config;
  }
}
