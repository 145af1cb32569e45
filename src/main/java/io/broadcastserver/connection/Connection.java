package io.broadcastserver.connection;

import io.broadcastserver.observability.LogEvent;
import io.broadcastserver.protocol.CloseCode;
import io.broadcastserver.protocol.Outbound;
import io.broadcastserver.security.FloodGuard;
import io.broadcastserver.system.NodeState;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebSocket and what the server knows of it. Used only on its verticle's event loop.
 *
 * <p>Slow-consumer policy: when the bytes queued for the client reach {@code limits.writeQueueMaxBytes},
 * the client is closed with {@link CloseCode#SLOW_CONSUMER} rather than queued for without bound or
 * silently skipped; it learns why and can reconnect, memory stays bounded, and nobody else waits for it.
 */
public final class Connection {

  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  private final String id;
  private final ServerWebSocket socket;
  private final SocketWriter writer;
  private final FlushBatcher flushBatcher;
  private final NodeState state;
  private final Admission admission;
  private final FloodGuard floodGuard;
  /** Made at this client's first broadcast: most clients of a broadcast server only listen. */
  private String senderFields;
  private long lastSeenTick;
  private long expiryTimer = -1;
  private int unflushedBytes;
  private boolean closing;

  public Connection(String id, ServerWebSocket socket, FlushBatcher flushBatcher, NodeState state, long currentTick,
                    Admission admission, FloodGuard floodGuard) {
    this.id = id;
    this.socket = socket;
    this.writer = new SocketWriter(socket, flushBatcher.turnFrames());
    this.flushBatcher = flushBatcher;
    this.state = state;
    this.admission = admission;
    this.floodGuard = floodGuard;
    this.lastSeenTick = currentTick;
  }

  public String id() {
    return id;
  }

  /** The token's {@code sub}; this connection's id when the server runs open. */
  public String userId() {
    return admission.identity() == null ? id : admission.identity().userId();
  }

  /** The token's {@code name} claim, or null. */
  public String name() {
    return admission.identity() == null ? null : admission.identity().name();
  }

  public Admission admission() {
    return admission;
  }

  /** {@code "from":…} (and {@code "name":…}) of this client's broadcasts, encoded once. */
  public String senderFields() {
    if (senderFields == null) {
      senderFields = Outbound.senderFields(userId(), name());
    }
    return senderFields;
  }

  public FloodGuard floodGuard() {
    return floodGuard;
  }

  /** Remembers the timer that ends the connection when its token expires, to cancel it on close. */
  void expiryTimer(long timerId) {
    expiryTimer = timerId;
  }

  long expiryTimer() {
    return expiryTimer;
  }

  /** The client's address, for log lines: formatted only when a line is written, not kept as text by every client. */
  public SocketAddress remote() {
    return socket.remoteAddress();
  }

  /** Encodes and sends a message meant for this client alone. */
  public boolean send(String json) {
    try (SharedFrame frame = SharedFrame.text(json)) {
      return send(frame);
    }
  }

  /** Sends a frame encoded for this client or a few; see {@link #queue(SharedFrame)}. */
  public boolean send(SharedFrame frame) {
    if (queue(frame)) {
      state.framesDelivered(1, frame.size());
      return true;
    }
    return false;
  }

  /**
   * Queues a frame, encoded once for many clients, unless the connection is closing or its queue is full.
   * The bytes leave with the next batched flush. Not counted in the delivery statistics: a fan-out counts
   * its recipients once, because two counter updates per delivery were a visible share of a fan-out.
   *
   * @return true when the frame was queued for the client
   */
  boolean queue(SharedFrame frame) {
    if (closing || !writer.isOpen()) {
      return false;
    }
    if (!writer.isWritable()) {
      LOG.warn("{} slow consumer disconnected [id: {}, remote: {}]", LogEvent.ERROR, id, remote());
      state.slowConsumerDisconnected();
      close(CloseCode.SLOW_CONSUMER);
      return false;
    }
    writer.write(frame);
    if (unflushedBytes == 0) {
      flushBatcher.pending(this);
    }
    unflushedBytes += frame.size();
    if (unflushedBytes >= FlushBatcher.FLUSH_NOW_BYTES) {
      flush();
    }
    return true;
  }

  /** Bytes queued for this client and not yet sent. */
  long pendingBytes() {
    return writer.pendingBytes();
  }

  void flush() {
    if (unflushedBytes > 0) {
      unflushedBytes = 0;
      // A close frame already went either way (the client's, or ours after a flush): nothing may follow it.
      if (writer.isOpen() && !socket.isClosed()) {
        writer.flush();
      } else {
        writer.discard();
      }
    }
  }

  /**
   * Queues a WebSocket ping ({@link SharedFrame#emptyPing()}); browsers answer it without any code of the
   * page. It leaves in the socket's next batched write, not through Vert.x's {@code writePing}: that wrote
   * and flushed each socket on its own, out of turn, and the first time cost about 120 µs per socket in
   * Vert.x and Netty, so a heartbeat stalled 1000 clients for 120 ms (docs/performance.md).
   */
  public void ping(SharedFrame ping) {
    queue(ping);
  }

  /** Starts the close handshake once; later calls do nothing. Pending frames leave before the close frame. */
  public void close(CloseCode code) {
    if (!closing) {
      flush();
      closing = true;
      socket.close(code.code(), code.reason());
    }
  }

  /** True once the close handshake started (ours or the client's): nothing more is sent or handled. */
  boolean isClosing() {
    return closing;
  }

  /** The socket went away on its own (close frame received, or the TCP connection dropped). */
  void markClosed() {
    closing = true;
    unflushedBytes = 0;
    writer.discard();
  }

  /** Its flush failed unexpectedly: drop what is held and close with 1011, rather than leave it half-sent. */
  void abandon() {
    markClosed();
    socket.close(CloseCode.INTERNAL_ERROR.code(), CloseCode.INTERNAL_ERROR.reason());
  }

  public void seenAt(long tick) {
    lastSeenTick = tick;
  }

  public long lastSeenTick() {
    return lastSeenTick;
  }

  @Override
  public String toString() {
    return "connection [id: " + id + ", remote: " + remote() + "]";
  }
}
