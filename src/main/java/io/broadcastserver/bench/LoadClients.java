package io.broadcastserver.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens many WebSocket connections on a few Netty event-loop threads (native epoll when available), each
 * with one {@link RawWebSocketHandler}: the lightest client we can write in Java, so that the generator is
 * not what limits the measurement.
 */
final class LoadClients implements AutoCloseable {

  /**
   * Receives every text frame's bytes; called on the connection's event loop, must not keep the buffer.
   * {@code receivedMicros} is read once per socket read, not per frame: frames that arrived in one read
   * arrived together, and a clock read per frame was a measurable share of the generator's CPU.
   */
  @FunctionalInterface
  interface FrameListener {
    /** For connections whose frames the scenario does not look at. */
    FrameListener IGNORE = (content, receivedMicros) -> { };

    void onText(ByteBuf content, long receivedMicros);
  }

  private final List<URI> urls;
  private final List<ByteBuf> upgradeRequests;
  private final AtomicInteger nextUrl = new AtomicInteger();
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;

  /** @param urls connections take these in turn: the first goes to the first URL, the second to the next… */
  LoadClients(List<URI> urls, int threads) {
    this.urls = List.copyOf(urls);
    this.upgradeRequests = this.urls.stream().map(RawWebSocketHandler::upgradeRequest).toList();
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(threads, io);
    this.bootstrap = new Bootstrap()
      .group(group)
      .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
      .option(ChannelOption.TCP_NODELAY, true)
      .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
  }

  EventLoopGroup group() {
    return group;
  }

  /** Connects and completes once the WebSocket handshake is done. */
  CompletableFuture<Channel> connect(FrameListener listener) {
    CompletableFuture<Channel> ready = new CompletableFuture<>();
    int index = Math.floorMod(nextUrl.getAndIncrement(), urls.size());
    URI url = urls.get(index);
    ByteBuf request = upgradeRequests.get(index);
    Bootstrap connection = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel channel) {
        channel.pipeline().addLast(new RawWebSocketHandler(request, listener, ready));
      }
    });
    int port = url.getPort() > 0 ? url.getPort() : 80;
    connection.connect(url.getHost(), port).addListener(future -> {
      if (!future.isSuccess()) {
        ready.completeExceptionally(future.cause());
      }
    });
    return ready;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
