package io.broadcastserver.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("The load generator's raw WebSocket client speaks the protocol to the real server")
class LoadClientsTest {

  @Test
  @DisplayName("frames of every length class arrive whole, with the send time the latency is measured from")
  void publishesAndReceivesThroughTheRealServer(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, Map.of(Setting.MAX_MESSAGE_BYTES, 200_000));
    URI url = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    try (LoadClients clients = new LoadClients(List.of(url), 1)) {
      Channel subscriber = clients.connect((content, micros) -> received.add(content.toString(StandardCharsets.UTF_8)))
        .get(10, TimeUnit.SECONDS);
      Channel publisher = clients.connect(LoadClients.FrameListener.IGNORE).get(10, TimeUnit.SECONDS);
      assertThat(next(received, "welcome").getString("type")).isEqualTo("welcome");

      // 7-bit, 16-bit and 64-bit payload lengths, both ways
      for (int size : new int[] {100, 1_000, 70_000}) {
        long sentMicros = Frames.nowMicros();
        publisher.writeAndFlush(RawWebSocketHandler.textFrame(publisher.alloc(), Frames.message(sentMicros, size)));
        JsonObject broadcast = next(received, "broadcast");
        assertThat(broadcast.getJsonObject("data").getString("p")).hasSizeGreaterThan(size - 60);
        ByteBuf frame = Unpooled.copiedBuffer(broadcast.encode(), StandardCharsets.UTF_8);
        assertThat(Frames.isBroadcast(frame)).isTrue();
        assertThat(Frames.sentMicros(frame)).isEqualTo(sentMicros);
      }
      subscriber.close().sync();
    }
  }

  @Test
  @DisplayName("a refused upgrade fails the connection with the server's status line")
  void refusedUpgradeFails(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    try (LoadClients clients = new LoadClients(List.of(URI.create("ws://127.0.0.1:" + server.port() + "/nowhere")), 1)) {
      assertThatThrownBy(() -> clients.connect(LoadClients.FrameListener.IGNORE).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("upgrade refused: HTTP/1.1 404");
    }
  }

  /** The next frame of the given type, skipping notices. */
  private static JsonObject next(BlockingQueue<String> received, String type) throws InterruptedException {
    while (true) {
      String frame = received.poll(10, TimeUnit.SECONDS);
      assertThat(frame).as("a %s frame", type).isNotNull();
      JsonObject message = new JsonObject(frame);
      if (type.equals(message.getString("type"))) {
        return message;
      }
    }
  }
}
