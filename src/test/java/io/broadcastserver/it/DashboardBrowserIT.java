package io.broadcastserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
@DisplayName("The dashboard in real headless Chromium, served from the jar with no network")
class DashboardBrowserIT {

  private final Vertx vertx = Vertx.vertx();
  private ServerProcess server;
  private Browser browser;

  @AfterEach
  void closeAll() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    vertx.close().await();
  }

  @Test
  @DisplayName("after traffic the tiles show figures and every chart is drawn, from the jar's own files")
  void chartsFillWithTraffic() throws Exception {
    assumeThat(Browser.available()).as("Debian's chromium and chromium-driver (installed by .ci/run)").isTrue();
    server = ServerProcess.start();
    browser = Browser.open("en-US");
    browser.get(server.baseUrl() + "/dashboard.html");

    try (WsTestClient sender = WsTestClient.connect(vertx, server.port());
         WsTestClient receiver = WsTestClient.connect(vertx, server.port())) {
      for (int second = 0; second < 4; second++) {
        for (int i = 0; i < 20; i++) {
          sender.sendMessage("dashboard traffic " + i);
        }
        sender.send("{\"type\":\"latency\",\"data\":" + (3 + second) + "}");
        Thread.sleep(1000);
      }
      browser.awaitText("#tile-connections", "2"::equals, "two connections on the tile");
      browser.awaitText("#tile-latency", text -> text.matches("\\d.*ms"), "latency from the reports");
      Object charts = browser.script("return document.querySelectorAll('.chart canvas').length");
      assertThat(((Number) charts).intValue()).as("uPlot canvases, loaded from the jar's WebJar").isEqualTo(5);
      Object drawnPoints = browser.script("return document.querySelectorAll('.chart .u-legend').length");
      assertThat(((Number) drawnPoints).intValue()).isEqualTo(5);
      browser.screenshot(Path.of("target", "screenshots", "dashboard.png"));
    }
  }
}
