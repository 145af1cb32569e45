package io.broadcastserver.bus;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.UUID;

/**
 * The only class that touches the event bus. Frames travel as already-encoded Strings, which the event
 * bus hands to local consumers without copying, so a broadcast is encoded once however many verticle
 * instances deliver it. On a clustered bus a publish crosses the network once per node that has
 * consumers, whatever the number of instances or clients there.
 */
public final class BroadcastBus {

  /** Tells this process's publishes from other nodes' (whose nanoTime means nothing here). */
  private static final String PROCESS = UUID.randomUUID().toString();

  /** Receives a frame, the id of the one client that must not get it, and when it was published. */
  @FunctionalInterface
  public interface FrameHandler {
    void onFrame(String frame, String exceptClientId, long publishedNanos);
  }

  private final EventBus eventBus;

  public BroadcastBus(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  /** Sends {@code frame} to every client of every instance except {@code exceptClientId} (null: everyone). */
  public void publishExcept(String frame, String exceptClientId) {
    // The publish time lets each instance measure receipt-to-last-write (broadcast_fanout_seconds).
    eventBus.publish(Addresses.FRAMES, frame, options(exceptClientId));
  }

  /**
   * Sends {@code frame} to the clients of this node only: e.g. a survivor announcing the clients of a
   * dead node, which every survivor does for its own clients.
   */
  public void publishOnThisNode(String frame, String exceptClientId) {
    eventBus.publish(Addresses.FRAMES, frame, options(exceptClientId).setLocalOnly(true));
  }

  private static DeliveryOptions options(String exceptClientId) {
    DeliveryOptions options = new DeliveryOptions()
      .addHeader(Addresses.PUBLISHED_NANOS_HEADER, Long.toString(System.nanoTime()))
      .addHeader(Addresses.ORIGIN_HEADER, PROCESS);
    if (exceptClientId != null) {
      options.addHeader(Addresses.EXCEPT_HEADER, exceptClientId);
    }
    return options;
  }

  /** Sends {@code frame} to every client of every instance (e.g. a message from the publish API). */
  public void publishToAll(String frame) {
    publishExcept(frame, null);
  }

  public MessageConsumer<String> subscribe(FrameHandler handler) {
    return eventBus.<String>consumer(Addresses.FRAMES,
      message -> handler.onFrame(message.body(), message.headers().get(Addresses.EXCEPT_HEADER),
        publishedNanos(message.headers())));
  }

  /** Another node's clock is not ours: for its frames, fan-out time counts from their arrival here. */
  private static long publishedNanos(MultiMap headers) {
    return PROCESS.equals(headers.get(Addresses.ORIGIN_HEADER))
      ? Long.parseLong(headers.get(Addresses.PUBLISHED_NANOS_HEADER)) : System.nanoTime();
  }
}
