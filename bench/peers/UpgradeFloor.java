import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The floor under a WebSocket server's accept rate on this JVM: three servers that do nothing but accept
 * the upgrade and send one welcome frame, for `bench connect` to measure (docs/performance.md, "Accepting").
 *
 * <pre>
 * java -cp target/broadcast-server.jar bench/peers/UpgradeFloor.java PORT MODE
 *   vertx        Vert.x 5's HttpServer and ServerWebSocket, as our server upgrades
 *   netty-codec  Netty's HTTP codec and WebSocketServerProtocolHandler
 *   netty-raw    the request bytes searched for the key by hand, 101 and welcome in one write
 * </pre>
 *
 * <p>Not part of the server: no checks, no limits, no protocol beyond the welcome. One event loop, as the
 * comparison pins every server to one core. Run with the JVM flags the README gives ours.
 */
public final class UpgradeFloor {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String mode = args[1];
    switch (mode) {
      case "vertx" -> vertx(port);
      case "netty-codec", "netty-raw" -> netty(port, mode.equals("netty-raw"));
      default -> throw new IllegalArgumentException("mode: vertx, netty-codec or netty-raw");
    }
    System.out.println("UpgradeFloor " + mode + " listening on " + port);
  }

  private static void vertx(int port) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
    // The options of ours that bear on the upgrade's cost (WebSocketVerticle.serverOptions).
    vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setHttp2ClearTextEnabled(false)
        .setStrictThreadMode(true)
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false))
      .webSocketHandler(socket -> socket.writeTextMessage(welcome(Integer.toHexString(socket.hashCode()))))
      .listen(port).await();
  }

  private static void netty(int port, boolean raw) throws InterruptedException {
    new ServerBootstrap().group(new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()))
      .channel(EpollServerSocketChannel.class)
      .option(ChannelOption.SO_BACKLOG, 4096)
      .childOption(ChannelOption.TCP_NODELAY, true)
      .childHandler(new ChannelInitializer<SocketChannel>() {
        @Override
        protected void initChannel(SocketChannel channel) {
          if (raw) {
            channel.pipeline().addLast(new RawUpgrade());
          } else {
            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
              new WebSocketServerProtocolHandler("/ws"), new WelcomeOnHandshake());
          }
        }
      })
      .bind(port).sync();
  }

  private static String welcome(String id) {
    return "{\"type\":\"welcome\",\"id\":\"" + id + "\"}";
  }

  /** After Netty's handshake: the welcome; every later frame is dropped. */
  private static final class WelcomeOnHandshake extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        ctx.writeAndFlush(new TextWebSocketFrame(welcome(ctx.channel().id().asShortText())));
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      ReferenceCountUtil.release(message);
    }
  }

  /**
   * The least a server can do: find Sec-WebSocket-Key in the first read (the generator's request fits in
   * one), answer 101 and the welcome frame in one write, drop everything after.
   */
  private static final class RawUpgrade extends ChannelInboundHandlerAdapter {
    private boolean upgraded;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
      ByteBuf in = (ByteBuf) message;
      try {
        if (upgraded) {
          return;
        }
        String request = in.toString(StandardCharsets.US_ASCII);
        int header = request.toLowerCase().indexOf("sec-websocket-key:");
        if (header < 0) {
          ctx.close();
          return;
        }
        String key = request.substring(header + 18, request.indexOf('\r', header)).trim();
        byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(digest) + "\r\n\r\n";
        byte[] welcome = welcome(ctx.channel().id().asShortText()).getBytes(StandardCharsets.UTF_8);
        ByteBuf out = ctx.alloc().directBuffer(response.length() + 2 + welcome.length);
        out.writeCharSequence(response, StandardCharsets.US_ASCII);
        out.writeByte(0x81).writeByte(welcome.length).writeBytes(welcome);
        ctx.writeAndFlush(out);
        upgraded = true;
      } finally {
        in.release();
      }
    }
  }
}
