package io.broadcastserver.it;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * For tests that run the packaged jar: a Vert.x for their WebSocket clients, and everything they open
 * (server processes, clients) closed after each test, even when it fails, in the order opened.
 */
abstract class JarTestBase {

  protected final Vertx vertx = Vertx.vertx();
  protected final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    vertx.close().await();
  }
}
