package io.broadcastserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of the server's Prometheus scrape ({@code GET /metrics}). */
public final class MetricsScrape {

  private MetricsScrape() {
  }

  /** The whole scrape of a server that guards it with no token. */
  public static String scrape(int port) throws IOException {
    RawHttp.Response response = RawHttp.get(port, "/metrics");
    assertThat(response.status()).as("GET /metrics").isEqualTo(200);
    return response.body();
  }

  /** The value of one sample line, e.g. {@code broadcast_connections 2.0}. */
  public static double value(String metrics, String sample) {
    Matcher matcher = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
    assertThat(matcher.find()).as("sample %s in the scrape", sample).isTrue();
    return Double.parseDouble(matcher.group(1));
  }
}
