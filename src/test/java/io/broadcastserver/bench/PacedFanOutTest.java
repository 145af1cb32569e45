package io.broadcastserver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.TestServer;
import io.netty.channel.Channel;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fan-out the server paces: a flush of 600 sockets takes milliseconds, and bursts of messages 5 ms
 * apart want the next flush before the loop has room. Every subscriber must get every broadcast, in
 * order. Frames held for a paced flush that never ran fail it by timeout (checked: with the paced flush
 * made a no-op it fails); frames flushed out of order or twice fail the sequence check. Uses the load generator's raw clients: hundreds of Vert.x clients
 * would make the test JVM, not the server, the slow part.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
@DisplayName("A paced fan-out delivers every broadcast to every subscriber, in order")
class PacedFanOutTest {

  private static final int SUBSCRIBERS = 600;
  private static final int MESSAGES = 300;

  @Test
  @DisplayName("600 subscribers, 300 messages sent in bursts")
  void burstReachesEveryoneInOrder(Vertx vertx) throws Exception {
    // One instance: all subscribers on one event loop, so each flush covers all 600 sockets. No heartbeat
    // within the test: its pings flush every socket and would hide a paced flush that never ran.
    TestServer server = TestServer.start(vertx, Map.of(Setting.HTTP_INSTANCES, 1, Setting.RATE_LIMIT_PER_SEC, 0,
      Setting.MAX_CONNECTIONS_PER_IP, 0, Setting.HEARTBEAT_INTERVAL_MS, 3_600_000));
    URI url = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    AtomicLongArray lastSequence = new AtomicLongArray(SUBSCRIBERS);
    AtomicReferenceArray<String> outOfOrder = new AtomicReferenceArray<>(SUBSCRIBERS);
    AtomicInteger complete = new AtomicInteger();
    try (LoadClients clients = new LoadClients(List.of(url), 1)) {
      List<CompletableFuture<Channel>> subscribers = new ArrayList<>();
      for (int i = 0; i < SUBSCRIBERS; i++) {
        int index = i;
        subscribers.add(clients.connect((content, micros) -> {
          if (Frames.isBroadcast(content)) {
            long sequence = Frames.sentMicros(content);
            if (sequence != lastSequence.get(index) + 1) {
              outOfOrder.compareAndSet(index, null, "got " + sequence + " after " + lastSequence.get(index));
            }
            lastSequence.set(index, sequence);
            if (sequence == MESSAGES) {
              complete.incrementAndGet();
            }
          }
        }));
      }
      for (CompletableFuture<Channel> subscriber : subscribers) {
        subscriber.get(30, TimeUnit.SECONDS);
      }
      Channel publisher = clients.connect(LoadClients.FrameListener.IGNORE).get(30, TimeUnit.SECONDS);
      // The "send time" carries a sequence number here: 1, 2, 3, … in bursts of 30 per flush.
      for (int sequence = 1; sequence <= MESSAGES; sequence++) {
        publisher.write(RawWebSocketHandler.textFrame(publisher.alloc(), Frames.message(sequence, 100)));
        if (sequence % 30 == 0) {
          publisher.flush();
          Thread.sleep(5);
        }
      }
      publisher.flush();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (complete.get() < SUBSCRIBERS && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      for (int i = 0; i < SUBSCRIBERS; i++) {
        assertThat(outOfOrder.get(i)).as("subscriber %d's order", i).isNull();
        assertThat(lastSequence.get(i)).as("subscriber %d's last broadcast", i).isEqualTo(MESSAGES);
      }
    }
  }
}
