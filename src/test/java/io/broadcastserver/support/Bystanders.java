package io.broadcastserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The check every hostile-client test ends with: well-behaved clients still connect, get their echo and see each other. */
public final class Bystanders {

  private Bystanders() {
  }

  public static void assertServed(Vertx vertx, int port) {
    try (WsTestClient sender = WsTestClient.connect(vertx, port);
         WsTestClient receiver = WsTestClient.connect(vertx, port)) {
      String text = "still served " + System.nanoTime();
      sender.sendMessage(text);
      JsonObject echo = sender.awaitType("echo");
      assertThat(echo.getString("data")).isEqualTo(text);
      JsonObject broadcast = receiver.await(m -> "broadcast".equals(m.getString("type"))
        && text.equals(m.getString("data")), "the other client's broadcast");
      assertThat(broadcast.getString("id")).isEqualTo(echo.getString("id"));
    }
  }
}
