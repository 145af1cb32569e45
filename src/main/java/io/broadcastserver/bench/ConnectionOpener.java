package io.broadcastserver.bench;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Opens many connections with a bounded number of handshakes in flight, as fast as the server takes them. */
final class ConnectionOpener {

  private static final int IN_FLIGHT = 256;

  private ConnectionOpener() {
  }

  /** @return the open channels, in the order their handshakes finished */
  static List<Channel> open(LoadClients clients, int count, LoadClients.FrameListener listener) throws Exception {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<Channel>> pending = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("handshakes stalled after " + i + " connections");
      }
      pending.add(clients.connect(listener).whenComplete((channel, failure) -> inFlight.release()));
    }
    List<Channel> channels = new ArrayList<>(count);
    for (CompletableFuture<Channel> future : pending) {
      channels.add(future.get(60, TimeUnit.SECONDS));
    }
    return channels;
  }

  static void closeAll(List<Channel> channels) {
    channels.forEach(Channel::close);
    channels.forEach(channel -> channel.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS));
  }
}
