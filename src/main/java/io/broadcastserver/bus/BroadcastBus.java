package io.broadcastserver.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * The only class that touches the event bus. Frames travel as already-encoded Strings, which the event
 * bus hands to local consumers without copying, so a broadcast is encoded once however many verticle
 * instances (and later cluster nodes) deliver it.
 */
public final class BroadcastBus {

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
    DeliveryOptions options = new DeliveryOptions().addHeader(Addresses.PUBLISHED_NANOS_HEADER,
      Long.toString(System.nanoTime()));
    if (exceptClientId != null) {
      options.addHeader(Addresses.EXCEPT_HEADER, exceptClientId);
    }
    eventBus.publish(Addresses.FRAMES, frame, options);
  }

  /** Sends {@code frame} to every client of every instance (e.g. a message from the publish API). */
  public void publishToAll(String frame) {
    publishExcept(frame, null);
  }

  public MessageConsumer<String> subscribe(FrameHandler handler) {
    return eventBus.<String>consumer(Addresses.FRAMES,
      message -> handler.onFrame(message.body(), message.headers().get(Addresses.EXCEPT_HEADER),
        Long.parseLong(message.headers().get(Addresses.PUBLISHED_NANOS_HEADER))));
  }
}
