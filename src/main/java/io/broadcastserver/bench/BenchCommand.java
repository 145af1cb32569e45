package io.broadcastserver.bench;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code java -jar broadcast-server.jar bench …}: a load generator for any server that speaks our protocol
 * (ours, the seed-style Node server and the uWebSockets.js peer in bench/peers). It prints figures and
 * saves them; it is a benchmark, not a test, and asserts nothing.
 */
public final class BenchCommand {

  private BenchCommand() {
  }

  /** @return the process exit status */
  public static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-help")) {
      System.out.print(BenchOptions.USAGE);
      return args.length == 0 ? 2 : 0;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage() + "\n\n" + BenchOptions.USAGE);
      return 2;
    }
    Report report = new Report(System.out, options.out());
    try {
      List<StepResult> steps = List.of();
      JsonObject figures = new JsonObject();
      switch (options.scenario()) {
        case "fanout", "all-to-all" -> {
          report.header();
          steps = new ThroughputScenario(options, options.scenario().equals("all-to-all")).run(report);
          figures = best(steps, options.maxP99Ms());
          report.line(String.format("%s %s best within p99 ≤ %.0f ms: %.0f deliveries/s", options.label(),
            options.scenario(), options.maxP99Ms(), figures.getDouble("bestDeliveriesPerSecond")));
        }
        case "connect" -> figures = ConnectionScenarios.connect(options, report);
        case "idle" -> figures = ConnectionScenarios.idle(options, report);
        case "storm" -> figures = ConnectionScenarios.storm(options, report);
        default -> throw new IllegalStateException(options.scenario());
      }
      report.save(options.scenario(), options.label(), steps, figures);
      return 0;
    } catch (Exception e) {
      System.err.println("bench: " + e);
      return 1;
    }
  }

  /** The highest delivery rate of a step whose p99 stayed within the bound and that lost nothing. */
  private static JsonObject best(List<StepResult> steps, double maxP99Ms) {
    double best = 0;
    for (StepResult step : steps) {
      if (step.p99Ms() <= maxP99Ms && step.lossRatio() <= 0.001) {
        best = Math.max(best, step.deliveriesPerSecond());
      }
    }
    return new JsonObject().put("bestDeliveriesPerSecond", best);
  }
}
