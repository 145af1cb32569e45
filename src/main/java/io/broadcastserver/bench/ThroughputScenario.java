package io.broadcastserver.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Fan-out (1 publisher → N subscribers) or all-to-all (N clients each publishing): steps the publish rate
 * up and measures deliveries per second and the latency from each message's send time to its arrival.
 */
final class ThroughputScenario {

  /** The generator counts as the bottleneck when its threads are this busy. */
  private static final double BUSY_SHARE = 0.9;
  private static final long DRAIN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(3);

  private final BenchOptions options;
  private final boolean allToAll;
  private final LongAdder received = new LongAdder();
  private final AtomicLong lastReceiveNanos = new AtomicLong();
  private final Recorder latencyMicros = new Recorder(3);
  private final Frames.SendTimeReader sendTimes = new Frames.SendTimeReader();

  ThroughputScenario(BenchOptions options, boolean allToAll) {
    this.options = options;
    this.allToAll = allToAll;
  }

  List<StepResult> run(Report report) throws Exception {
    List<StepResult> results = new ArrayList<>();
    try (LoadClients clients = new LoadClients(options.urls(), options.threads())) {
      List<Channel> subscribers = ConnectionOpener.open(clients, options.clients(), this::onFrame);
      List<Channel> publishers = allToAll
        ? subscribers : ConnectionOpener.open(clients, 1, LoadClients.FrameListener.IGNORE);
      // Subscribers whose reader has stopped: the server must not let them slow down everyone else.
      List<Channel> stalled = ConnectionOpener.open(clients, options.stalled(), LoadClients.FrameListener.IGNORE);
      stalled.forEach(channel -> channel.config().setAutoRead(false));
      Thread.sleep(1000);
      for (int rate : options.rates()) {
        StepResult step = runStep(clients, publishers, rate);
        results.add(step);
        report.row(step);
        // The first step is the JIT's warm-up: its latency says little, so it never ends the run.
        boolean warmUp = results.size() == 1;
        if (!warmUp && (step.p99Ms() > options.maxP99Ms() || step.lossRatio() > 0.001)) {
          break;
        }
      }
      ConnectionOpener.closeAll(subscribers);
      ConnectionOpener.closeAll(stalled);
    }
    return results;
  }

  private void onFrame(ByteBuf content, long receivedMicros) {
    if (Frames.isBroadcast(content)) {
      long sent = sendTimes.read(content);
      if (sent > 0) {
        latencyMicros.recordValue(Math.max(0, receivedMicros - sent));
      }
      received.increment();
      lastReceiveNanos.lazySet(receivedMicros * 1000);
    }
  }

  private StepResult runStep(LoadClients clients, List<Channel> publishers, int rate) throws InterruptedException {
    received.reset();
    latencyMicros.reset();
    ProcessSampler server = new ProcessSampler(options.serverPid());
    ProcessSampler generator = ProcessSampler.self();
    Pacer pacer = new Pacer(publishers, rate, options.messageBytes());
    long start = System.nanoTime();
    ScheduledFuture<?> ticks = clients.group().next().scheduleAtFixedRate(pacer::tick, 0, 1, TimeUnit.MILLISECONDS);
    Thread.sleep(options.stepSeconds() * 1000L);
    ticks.cancel(false);
    double serverCores = server.coresSinceMark();
    double generatorCores = generator.coresSinceMark();
    long expected = pacer.sent() * (allToAll ? publishers.size() - 1 : options.clients());
    long drainStart = System.nanoTime();
    while (received.sum() < expected && System.nanoTime() - drainStart < DRAIN_LIMIT_NANOS) {
      Thread.sleep(10);
    }
    long got = received.sum();
    double seconds = Math.max(1e-3, (Math.max(lastReceiveNanos.get(), start) - start) / 1e9);
    Histogram histogram = latencyMicros.getIntervalHistogram();
    boolean bound = generatorCores > BUSY_SHARE * options.threads() || pacer.fellBehind();
    return new StepResult(options.label(), options.scenario(), options.clients(), rate, pacer.sent(), expected, got,
      got / seconds, ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
      ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()), serverCores, server.rssBytes(),
      generatorCores, bound);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  /** Sends the step's messages at an even pace, a millisecond's worth per tick, one flush per publisher. */
  private static final class Pacer {

    private final List<Channel> publishers;
    private final int rate;
    private final int size;
    private final long startNanos = System.nanoTime();
    private long sent;
    private int next;
    private boolean fellBehind;

    Pacer(List<Channel> publishers, int rate, int size) {
      this.publishers = publishers;
      this.rate = rate;
      this.size = size;
    }

    void tick() {
      long due = (long) ((System.nanoTime() - startNanos) / 1e9 * rate) - sent;
      if (due > rate) {
        // More than a second behind: the generator cannot keep this rate; send a second's worth and say so.
        fellBehind = true;
        due = rate;
      }
      int touched = (int) Math.min(due, publishers.size());
      for (long i = 0; i < due; i++) {
        Channel publisher = publishers.get(next);
        next = (next + 1) % publishers.size();
        publisher.write(RawWebSocketHandler.textFrame(publisher.alloc(), Frames.message(Frames.nowMicros(), size)),
          publisher.voidPromise());
        sent++;
      }
      for (int i = 0; i < touched; i++) {
        publishers.get(Math.floorMod(next - 1 - i, publishers.size())).flush();
      }
    }

    long sent() {
      return sent;
    }

    boolean fellBehind() {
      return fellBehind;
    }
  }
}
