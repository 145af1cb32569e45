package io.broadcastserver.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints results as a table while the run goes on, and keeps every run in {@code results.json} (plus a
 * CSV of the steps and {@code chart.html}) in the output folder, so runs of different servers add up.
 */
final class Report {

  private static final String ROW = "%-14s %-10s %6d %8d %12.0f %8.2f %8.2f %8.2f %8.2f %7.4f %7s %8s %7s %s%n";

  private final PrintStream out;
  private final Path folder;

  Report(PrintStream out, Path folder) {
    this.out = out;
    this.folder = folder;
  }

  void header() {
    out.printf("%-14s %-10s %6s %8s %12s %8s %8s %8s %8s %7s %7s %8s %7s %s%n", "label", "scenario", "clients",
      "rate/s", "deliveries/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "loss", "srv cpu", "srv rss", "gen cpu",
      "note");
  }

  void row(StepResult step) {
    out.printf(ROW, step.label(), step.scenario(), step.clients(), step.rate(), step.deliveriesPerSecond(),
      step.p50Ms(), step.p90Ms(), step.p99Ms(), step.maxMs(), step.lossRatio(), cores(step.serverCores()),
      mib(step.serverRssBytes()), cores(step.generatorCores()), step.generatorBound() ? "GENERATOR-BOUND" : "");
    out.flush();
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  /** Appends this run to results.json and rewrites results.csv and chart.html from all runs. */
  void save(String scenario, String label, List<StepResult> steps, JsonObject extra) throws IOException {
    Files.createDirectories(folder);
    Path json = folder.resolve("results.json");
    JsonArray runs = Files.exists(json) ? new JsonArray(Files.readString(json)) : new JsonArray();
    JsonArray stepArray = new JsonArray();
    steps.forEach(step -> stepArray.add(step.toJson()));
    runs.add(new JsonObject().put("time", Instant.now().toString()).put("scenario", scenario).put("label", label)
      .put("steps", stepArray).put("figures", extra));
    Files.writeString(json, runs.encodePrettily());

    List<StepResult> all = new ArrayList<>();
    for (Object run : runs) {
      for (Object step : ((JsonObject) run).getJsonArray("steps")) {
        all.add(StepResult.fromJson((JsonObject) step));
      }
    }
    Files.writeString(folder.resolve("results.csv"), csv(all));
    Files.writeString(folder.resolve("chart.html"), ChartWriter.html(all));
    out.println("results: " + json.toAbsolutePath() + " (and results.csv, chart.html)");
  }

  private static String csv(List<StepResult> steps) {
    StringBuilder text = new StringBuilder("label,scenario,clients,rate,sent,expected,received,deliveries_per_s,"
      + "p50_ms,p90_ms,p99_ms,max_ms,loss,server_cores,server_rss_bytes,generator_cores,generator_bound\n");
    for (StepResult s : steps) {
      text.append(String.join(",", s.label(), s.scenario(), str(s.clients()), str(s.rate()), str(s.sent()),
        str(s.expected()), str(s.received()), str(s.deliveriesPerSecond()), str(s.p50Ms()), str(s.p90Ms()),
        str(s.p99Ms()), str(s.maxMs()), str(s.lossRatio()), str(s.serverCores()), str(s.serverRssBytes()),
        str(s.generatorCores()), str(s.generatorBound()))).append('\n');
    }
    return text.toString();
  }

  private static String str(Object value) {
    return String.valueOf(value);
  }

  private static String cores(double value) {
    return Double.isNaN(value) ? "-" : String.format("%.2f", value);
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "-" : (bytes / (1024 * 1024)) + "M";
  }
}
