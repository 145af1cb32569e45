package io.broadcastserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
@DisplayName("The test page in real headless Chromium, served from the jar")
class PageBrowserIT {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private ServerProcess server;

  @BeforeEach
  void startServer() {
    assumeThat(Browser.available()).as("Debian's chromium and chromium-driver (installed by .ci/run)").isTrue();
    server = ServerProcess.start();
    resources.add(server);
  }

  @AfterEach
  void closeAll() throws Exception {
    // Browsers first, then servers: the reverse of the order they were opened in.
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  @DisplayName("pressing Test in one browser shows the message in both: echo in one, broadcast in the other")
  void testButtonReachesTheOtherBrowser() {
    Browser english = open("en-US");
    Browser russian = open("ru");
    String englishId = english.awaitText("#client-id", text -> !text.equals("—"), "client id shown");
    russian.awaitText("#client-id", text -> !text.equals("—"), "client id shown");

    english.find("#test-button").click();

    String echo = english.awaitText("#log [data-type=echo]", text -> text.contains("Test from " + englishId),
      "the echo of the Test message");
    String broadcast = russian.awaitText("#log [data-type=broadcast]", text -> text.contains(englishId),
      "the broadcast of the Test message");
    assertThat(echo).contains("You: Test from");
    assertThat(broadcast).contains("Test from " + englishId);

    russian.find("#message-input").sendKeys("Привет из второго браузера\n");
    english.awaitText("#log [data-type=broadcast]", text -> text.contains("Привет из второго браузера"),
      "the typed message in the first browser");

    english.screenshot(SCREENSHOTS.resolve("test-page-en.png"));
    russian.screenshot(SCREENSHOTS.resolve("test-page-ru.png"));
  }

  @Test
  @DisplayName("the page speaks Russian to a Russian browser and English to others")
  void labelsFollowTheBrowserLanguage() {
    Browser russian = open("ru");
    Browser english = open("en-US");

    assertThat(russian.awaitText("#status", "Подключено"::equals, "status Подключено")).isEqualTo("Подключено");
    assertThat(russian.find("#test-button").getText()).isEqualTo("Тест");
    assertThat(english.awaitText("#status", "Connected"::equals, "status Connected")).isEqualTo("Connected");
    assertThat(english.find("#test-button").getText()).isEqualTo("Test");
  }

  @Test
  @DisplayName("the stats panel shows connections, memory and uptime, and the page reconnects after a restart")
  void statsPanelAndReconnect() throws Exception {
    Browser browser = open("en-US");
    browser.awaitText("#stat-connections", "1"::equals, "one connection");
    browser.awaitText("#stat-memory", text -> text.contains("MiB"), "memory in MiB");
    browser.awaitText("#stat-uptime", text -> text.matches(".*\\d.*"), "an uptime");

    // The server goes away and comes back on the same port: the page must reconnect by itself.
    int port = server.port();
    server.signal("TERM");
    server.awaitExit(Duration.ofSeconds(20));
    browser.awaitText("#log [data-type=shutdown]", text -> !text.isBlank(), "the shutdown notice");
    browser.awaitText("#status", text -> text.startsWith("Disconnected"), "disconnected status");
    ServerProcess restarted = ServerProcess.launch(port, Map.of());
    resources.add(restarted);

    browser.awaitText("#status", "Connected"::equals, "connected again");
    assertThat(browser.find("#status").getAttribute("data-state")).isEqualTo("open");
  }

  private Browser open(String language) {
    Browser browser = Browser.open(language);
    resources.add(browser);
    browser.get(server.baseUrl() + "/");
    return browser;
  }
}
