package io.broadcastserver.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens many connections with a bounded number of handshakes in flight, as fast as the server takes them.
 * The opening runs on one of the generator's event loops, each finished handshake starting the next: when
 * the main thread started them, every connection was a hand-over between two threads sharing the
 * generator's one core, and the generator, not the server, set the connect rate.
 */
final class ConnectionOpener {

  /** Handshakes under way at once; against a warm server 1024 opened 20-30% more per second than 256. */
  private static final int IN_FLIGHT = 1024;

  private ConnectionOpener() {
  }

  /** @return the open channels, in the order their handshakes finished */
  static List<Channel> open(LoadClients clients, int count, LoadClients.FrameListener listener) throws Exception {
    if (count == 0) {
      return List.of();
    }
    Batch batch = new Batch(clients, count, listener, clients.group().next());
    batch.loop.execute(batch::start);
    // Generous: a server whose join notices cost O(N²) takes minutes for a few thousand clients.
    long limitSeconds = 60 + count / 50L;
    try {
      return batch.done.get(limitSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException stalled) {
      throw new IllegalStateException("handshakes stalled: " + batch.openedSoFar() + " of " + count
        + " connections open after " + limitSeconds + " s");
    } catch (ExecutionException failed) {
      throw new IllegalStateException("a connection failed after " + batch.openedSoFar() + " of " + count
        + " were open: " + failed.getCause().getMessage(), failed.getCause());
    }
  }

  static void closeAll(List<Channel> channels) {
    channels.forEach(Channel::close);
    channels.forEach(channel -> channel.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS));
  }

  /** One call of {@link #open}; its fields are touched only on {@link #loop}. */
  private static final class Batch {

    private final LoadClients clients;
    private final int count;
    private final LoadClients.FrameListener listener;
    private final EventLoop loop;
    private final List<Channel> opened;
    private final CompletableFuture<List<Channel>> done = new CompletableFuture<>();
    private volatile int openedCount;
    private int started;

    Batch(LoadClients clients, int count, LoadClients.FrameListener listener, EventLoop loop) {
      this.clients = clients;
      this.count = count;
      this.listener = listener;
      this.loop = loop;
      this.opened = new ArrayList<>(count);
    }

    void start() {
      for (int i = 0; i < Math.min(IN_FLIGHT, count); i++) {
        startOne();
      }
    }

    private void startOne() {
      started++;
      clients.connect(listener).whenComplete((channel, failure) -> {
        if (loop.inEventLoop()) {
          finished(channel, failure);
        } else {
          loop.execute(() -> finished(channel, failure));
        }
      });
    }

    private void finished(Channel channel, Throwable failure) {
      if (done.isDone()) {
        if (channel != null) {
          channel.close();
        }
        return;
      }
      if (failure != null) {
        opened.forEach(Channel::close);
        done.completeExceptionally(failure);
        return;
      }
      opened.add(channel);
      openedCount = opened.size();
      if (opened.size() == count) {
        done.complete(opened);
      } else if (started < count) {
        startOne();
      }
    }

    int openedSoFar() {
      return openedCount;
    }
  }
}
