package io.broadcastserver.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens many WebSocket connections on a few Netty event-loop threads (native epoll when available), the
 * lightest client we can write in Java, so the generator is not what limits the measurement.
 */
final class LoadClients implements AutoCloseable {

  /** Receives every text frame's bytes; called on the connection's event loop, must not keep the buffer. */
  @FunctionalInterface
  interface FrameListener {
    void onText(ByteBuf content);
  }

  private final List<URI> urls;
  private final AtomicInteger nextUrl = new AtomicInteger();
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;

  /** @param urls connections take these in turn: the first goes to the first URL, the second to the next… */
  LoadClients(List<URI> urls, int threads) {
    this.urls = List.copyOf(urls);
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
    URI url = urls.get(Math.floorMod(nextUrl.getAndIncrement(), urls.size()));
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
      .webSocketUri(url)
      .maxFramePayloadLength(16 * 1024 * 1024)
      .handshakeTimeoutMillis(15_000)
      .build();
    Bootstrap connection = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel channel) {
        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
          new WebSocketClientProtocolHandler(config), new FrameHandler(listener, ready));
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

  /** Completes the handshake future and hands text frames to the listener. */
  private static final class FrameHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

    private final FrameListener listener;
    private final CompletableFuture<Channel> ready;

    FrameHandler(FrameListener listener, CompletableFuture<Channel> ready) {
      this.listener = listener;
      this.ready = ready;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        ready.complete(ctx.channel());
      } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        ready.completeExceptionally(new IllegalStateException("handshake timed out"));
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      listener.onText(frame.content());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ready.completeExceptionally(cause);
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      ready.completeExceptionally(new IllegalStateException("closed before the handshake finished"));
      super.channelInactive(ctx);
    }
  }
}
