package io.broadcastserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.support.RawWebSocket;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
@DisplayName("The packaged jar: start-up failures and graceful shutdown on signals")
class LauncherIT extends JarTestBase {

  @Test
  @DisplayName("a busy port ends start-up with one clear line, no stack trace and a non-zero status")
  void busyPortFailsWithOneClearLine() throws Exception {
    try (ServerSocket occupant = new ServerSocket(0)) {
      ServerProcess server = ServerProcess.launch(occupant.getLocalPort(), Map.of("BROADCAST_HOST", "0.0.0.0"));
      resources.add(server);

      int status = server.awaitExit(Duration.ofSeconds(30));

      assertThat(status).isNotZero();
      assertThat(server.output())
        .contains("❌ port " + occupant.getLocalPort() + " is already in use")
        .contains("set BROADCAST_PORT or stop the process that holds it")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    }
  }

  @Test
  @DisplayName("a bad setting stops start-up naming the key, the variable and what is allowed")
  void badSettingNamesKeyVariableAndAllowedValues() throws Exception {
    ServerProcess server = ServerProcess.launch(ServerProcess.freePort(),
      Map.of("BROADCAST_HEARTBEAT_INTERVAL_MS", "soon"));
    resources.add(server);

    int status = server.awaitExit(Duration.ofSeconds(30));

    assertThat(status).isEqualTo(2);
    assertThat(server.output().strip()).isEqualTo("❌ invalid configuration: heartbeat.intervalMs "
      + "(BROADCAST_HEARTBEAT_INTERVAL_MS) = 'soon': must be an integer from 50 to 3600000");
  }

  @Test
  @DisplayName("SIGTERM: every client gets the shutdown notice and a 1001 close, and the process exits 0 in time")
  void sigtermDrainsClientsAndExitsZero() throws Exception {
    assertGracefulShutdownOn("TERM");
  }

  @Test
  @DisplayName("SIGINT (Ctrl+C) shuts down as gracefully as SIGTERM")
  void sigintDrainsClientsAndExitsZero() throws Exception {
    assertGracefulShutdownOn("INT");
  }

  private void assertGracefulShutdownOn(String signal) throws Exception {
    int graceMs = 4000;
    ServerProcess server = ServerProcess.start(Map.of("BROADCAST_SHUTDOWN_GRACE_MS", Integer.toString(graceMs)));
    resources.add(server);
    List<WsTestClient> clients = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      WsTestClient client = WsTestClient.connect(vertx, server.port());
      clients.add(client);
      resources.add(client);
    }

    long start = System.nanoTime();
    server.signal(signal);
    int status = server.awaitExit(Duration.ofMillis(graceMs + 5000));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(status).isZero();
    assertThat(tookMs).as("exit within the grace period").isLessThan(graceMs + 1500);
    for (WsTestClient client : clients) {
      JsonObject notice = client.await(m -> "system".equals(m.getString("type")) && "shutdown".equals(m.getString("event")),
        "the shutdown notice");
      assertThat(notice.getString("message")).isNotBlank();
      assertThat(client.awaitClose()).isEqualTo((short) 1001);
    }
    assertThat(server.output()).contains("🔔 shutdown complete [connections closed: 5");
  }

  @Test
  @DisplayName("BROADCAST_LOG_FILE writes the emoji log lines to a file as well as the console")
  void logFileReceivesTheLogLines() throws Exception {
    Path logFile = Files.createTempDirectory("broadcast-logs").resolve("server.log");
    ServerProcess server = ServerProcess.start(Map.of("BROADCAST_LOG_FILE", logFile.toString()));
    resources.add(server);
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      client.sendMessage("to the file");
      client.awaitType("echo");
    }
    server.signal("TERM");
    assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();

    String logged = Files.readString(logFile);
    assertThat(logged).contains("🔔 broadcast server started").contains("✅ client connected [id: ")
      .contains("📨 message received [id: ").contains("🔔 shutdown complete");
  }

  @Test
  @DisplayName("BROADCAST_LOG_FORMAT=json prints one JSON object per line with the same message text")
  void jsonLogFormat() throws Exception {
    ServerProcess server = ServerProcess.start(Map.of("BROADCAST_LOG_FORMAT", "json"));
    resources.add(server);
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      assertThat(client.clientId()).isNotBlank();
    }
    server.awaitOutput(line -> line.contains("client connected"), Duration.ofSeconds(10));
    List<JsonObject> lines = server.output().lines().map(JsonObject::new).toList();
    assertThat(lines).allSatisfy(line -> assertThat(line.getString("level")).isNotBlank());
    assertThat(lines).anySatisfy(line ->
      assertThat(line.getString("message")).startsWith("✅ client connected [id: "));
  }

  @Test
  @DisplayName("BROADCAST_LOG_LEVEL=warn silences the informational lines")
  void logLevelFiltersLines() throws Exception {
    ServerProcess server = ServerProcess.launch(ServerProcess.freePort(), Map.of("BROADCAST_LOG_LEVEL", "warn"));
    resources.add(server);
    server.awaitListening(Duration.ofSeconds(30));
    try (WsTestClient client = WsTestClient.connect(vertx, server.port())) {
      client.sendMessage("quiet");
      client.awaitType("echo");
    }
    assertThat(server.output()).doesNotContain("✅ client connected").doesNotContain("broadcast server started");
  }

  @Test
  @DisplayName("the process exits within the grace period even when a client never answers the close")
  void exitsInTimeWhenClientsNeverAnswer() throws Exception {
    int graceMs = 3000;
    ServerProcess server = ServerProcess.start(Map.of("BROADCAST_SHUTDOWN_GRACE_MS", Integer.toString(graceMs)));
    resources.add(server);
    RawWebSocket silent = RawWebSocket.connect(server.port(), "/ws");
    resources.add(silent);
    silent.readText(Duration.ofSeconds(10));

    long start = System.nanoTime();
    server.signal("TERM");
    int status = server.awaitExit(Duration.ofMillis(graceMs + 5000));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(status).isZero();
    assertThat(tookMs).isLessThan(graceMs + 1500);
  }
}
