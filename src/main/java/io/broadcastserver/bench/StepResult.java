package io.broadcastserver.bench;

import io.vertx.core.json.JsonObject;

/** The figures of one rate step of a throughput scenario. Latencies in milliseconds, CPU in cores. */
record StepResult(String label, String scenario, int clients, int rate, long sent, long expected, long received,
                  double deliveriesPerSecond, double p50Ms, double p90Ms, double p99Ms, double maxMs,
                  double serverCores, long serverRssBytes, double generatorCores, boolean generatorBound) {

  double lossRatio() {
    return expected == 0 ? 0 : Math.max(0, expected - received) / (double) expected;
  }

  JsonObject toJson() {
    return new JsonObject().put("label", label).put("scenario", scenario).put("clients", clients).put("rate", rate)
      .put("sent", sent).put("expected", expected).put("received", received)
      .put("deliveriesPerSecond", deliveriesPerSecond).put("p50Ms", p50Ms).put("p90Ms", p90Ms).put("p99Ms", p99Ms)
      .put("maxMs", maxMs).put("lossRatio", lossRatio()).put("serverCores", finiteOrNull(serverCores))
      .put("serverRssBytes", serverRssBytes).put("generatorCores", finiteOrNull(generatorCores))
      .put("generatorBound", generatorBound);
  }

  static StepResult fromJson(JsonObject json) {
    return new StepResult(json.getString("label"), json.getString("scenario"), json.getInteger("clients"),
      json.getInteger("rate"), json.getLong("sent"), json.getLong("expected"), json.getLong("received"),
      json.getDouble("deliveriesPerSecond"), json.getDouble("p50Ms"), json.getDouble("p90Ms"), json.getDouble("p99Ms"),
      json.getDouble("maxMs"), doubleOrNaN(json, "serverCores"), json.getLong("serverRssBytes", -1L),
      doubleOrNaN(json, "generatorCores"), json.getBoolean("generatorBound", false));
  }

  /** JSON has no NaN: "not measured" is written as null (Jackson would write the string "NaN"). */
  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static double doubleOrNaN(JsonObject json, String key) {
    return json.getValue(key) instanceof Number number ? number.doubleValue() : Double.NaN;
  }
}
