package io.broadcastserver.connection;

import io.broadcastserver.observability.LogEvent;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes the sockets of one verticle instance once per event-loop turn instead of once per frame: frames
 * written to a socket while other events are still queued on the loop leave together in one system call.
 * Under load the flushes are paced ({@link FlushPacing}), so each carries more frames per socket.
 * Confined to the instance's event loop.
 */
public final class FlushBatcher {

  /** A socket with this many unflushed bytes is flushed at once, so one burst never looks like a slow reader. */
  static final int FLUSH_NOW_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(FlushBatcher.class);

  private final ContextInternal context;
  private final EventLoop eventLoop;
  /** Runs a paced flush as the verticle's own event (its context current), as a Vert.x timer would. */
  private final Runnable pacedFlush;
  private final FlushPacing pacing = new FlushPacing();
  private final TurnFrames turnFrames = new TurnFrames();
  private final List<Connection> pending = new ArrayList<>();
  private boolean scheduled;

  public FlushBatcher(Context context) {
    this.context = (ContextInternal) context;
    this.eventLoop = this.context.nettyEventLoop();
    this.pacedFlush = () -> this.context.dispatch(this::flushAll);
  }

  /** Where the sockets of this instance hold their frames until the flush. */
  TurnFrames turnFrames() {
    return turnFrames;
  }

  /** Remembers a connection with unflushed bytes; the flush runs after the events already queued. */
  void pending(Connection connection) {
    pending.add(connection);
    if (!scheduled) {
      scheduled = true;
      long delay = pacing.delayNanos(System.nanoTime());
      if (delay <= 0) {
        context.runOnContext(v -> flushAll());
      } else {
        // Straight on the Netty loop, this verticle's thread: Vert.x timers count whole milliseconds.
        eventLoop.schedule(pacedFlush, delay, TimeUnit.NANOSECONDS);
      }
    }
  }

  private void flushAll() {
    long start = System.nanoTime();
    // By index: a connection that gets bytes while we flush (a close here sends notices to others) is
    // appended, and flushed in this same run, before the turn's frames are let go.
    for (int i = 0; i < pending.size(); i++) {
      flush(pending.get(i));
    }
    pending.clear();
    turnFrames.clear();
    scheduled = false;
    pacing.flushed(start, System.nanoTime());
  }

  /**
   * One socket's unexpected failure must neither stop the others' flush nor leave its bytes held past
   * this turn (the turn's frames are released next), so it is caught here and that client is let go.
   */
  private static void flush(Connection connection) {
    try {
      connection.flush();
    } catch (RuntimeException e) {
      LOG.warn("{} flush failed, closing {}", LogEvent.ERROR, connection, e);
      connection.abandon();
    }
  }
}
