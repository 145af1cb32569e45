package io.broadcastserver.connection;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes the sockets of one verticle instance once per event-loop turn instead of once per frame: frames
 * written to a socket while other events are still queued on the loop leave together in one system call.
 * Confined to the instance's event loop.
 */
public final class FlushBatcher {

  /** A socket with this many unflushed bytes is flushed at once, so one burst never looks like a slow reader. */
  static final int FLUSH_NOW_BYTES = 64 * 1024;

  private final Context context;
  private List<Connection> pending = new ArrayList<>();
  private List<Connection> flushing = new ArrayList<>();
  private boolean scheduled;

  public FlushBatcher(Context context) {
    this.context = context;
  }

  /** Remembers a connection with unflushed bytes; the flush runs after the events already queued. */
  void pending(Connection connection) {
    pending.add(connection);
    if (!scheduled) {
      scheduled = true;
      context.runOnContext(v -> flushAll());
    }
  }

  private void flushAll() {
    scheduled = false;
    // Swap the lists: a connection that gets bytes while we flush lands in the next run's list.
    List<Connection> batch = pending;
    pending = flushing;
    flushing = batch;
    for (Connection connection : batch) {
      connection.flush();
    }
    batch.clear();
  }
}
