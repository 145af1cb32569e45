package io.broadcastserver.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Join notices are coalesced above a rate, and none is lost")
class PresenceTest {

  private final List<WsTestClient> clients = new ArrayList<>();

  @AfterEach
  void closeClients() {
    clients.forEach(WsTestClient::close);
  }

  @Test
  @DisplayName("a burst of joins above the rate arrives as individual notices plus summaries, each join exactly once")
  void burstOfJoinsIsReportedExactlyOnce(Vertx vertx) {
    TestServer server = TestServer.start(vertx, Map.of(Setting.PRESENCE_MAX_NOTICES_PER_SEC, 3,
      Setting.PRESENCE_SUMMARY_INTERVAL_MS, 200));
    WsTestClient watcher = connect(vertx, server);
    List<String> joinerIds = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      joinerIds.add(connect(vertx, server).clientId());
    }

    List<String> reported = new ArrayList<>();
    long summaries = 0;
    while (reported.size() < joinerIds.size()) {
      JsonObject notice = watcher.await(m -> "client_connected".equals(m.getString("type"))
        || "presence".equals(m.getString("event")), "a join notice or a presence summary");
      if ("client_connected".equals(notice.getString("type"))) {
        reported.add(notice.getString("clientId"));
      } else {
        summaries++;
        List<String> ids = notice.getJsonArray("joined").stream().map(String::valueOf).toList();
        assertThat(notice.getLong("joinedCount")).isEqualTo(ids.size());
        assertThat(notice.getBoolean("truncated")).isFalse();
        reported.addAll(ids);
      }
    }

    assertThat(summaries).as("the burst was coalesced").isPositive();
    assertThat(reported).containsExactlyInAnyOrderElementsOf(joinerIds);
  }

  @Test
  @DisplayName("the frame budget coalesces notices by what they cost, not only by how many there are")
  void frameBudgetCoalescesEvenBelowTheNoticeRate(Vertx vertx) {
    // 1000 notices a second would send all 15 one by one; 10 frames a second allows three (2 + 3 + 4 recipients).
    TestServer server = TestServer.start(vertx, Map.of(Setting.PRESENCE_MAX_NOTICES_PER_SEC, 1000,
      Setting.PRESENCE_MAX_NOTICE_FRAMES_PER_SEC, 10, Setting.PRESENCE_SUMMARY_INTERVAL_MS, 200));
    WsTestClient watcher = connect(vertx, server);
    List<String> joinerIds = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      joinerIds.add(connect(vertx, server).clientId());
    }

    List<String> reported = new ArrayList<>();
    long individual = 0;
    while (reported.size() < joinerIds.size()) {
      JsonObject notice = watcher.await(m -> "client_connected".equals(m.getString("type"))
        || "presence".equals(m.getString("event")), "a join notice or a presence summary");
      if ("client_connected".equals(notice.getString("type"))) {
        individual++;
        reported.add(notice.getString("clientId"));
      } else {
        reported.addAll(notice.getJsonArray("joined").stream().map(String::valueOf).toList());
      }
    }

    assertThat(individual).as("notices sent one by one").isLessThan(joinerIds.size());
    assertThat(reported).containsExactlyInAnyOrderElementsOf(joinerIds);
  }

  @Test
  @DisplayName("a summary lists at most the configured number of ids but always the exact count")
  void summaryTruncatesIdsButKeepsCounts(Vertx vertx) {
    TestServer server = TestServer.start(vertx, Map.of(Setting.PRESENCE_MAX_NOTICES_PER_SEC, 0,
      Setting.PRESENCE_SUMMARY_INTERVAL_MS, 2000, Setting.PRESENCE_SUMMARY_MAX_IDS, 2));
    WsTestClient watcher = connect(vertx, server);
    Set<String> joiners = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      joiners.add(connect(vertx, server).clientId());
    }

    long counted = 0;
    while (counted < 7) {
      JsonObject summary = watcher.await(m -> "presence".equals(m.getString("event")), "a presence summary");
      counted += summary.getLong("joinedCount");
      assertThat(summary.getJsonArray("joined").size()).isLessThanOrEqualTo(2);
      if (summary.getLong("joinedCount") > 2) {
        assertThat(summary.getBoolean("truncated")).isTrue();
      }
      assertThat(summary.getJsonArray("joined").stream().map(String::valueOf).collect(Collectors.toSet()))
        .isSubsetOf(union(joiners, watcher.clientId()));
    }
    assertThat(counted).as("the watcher's own join and the six others").isEqualTo(7);
  }

  private static Set<String> union(Set<String> ids, String extra) {
    Set<String> all = new HashSet<>(ids);
    all.add(extra);
    return all;
  }

  private WsTestClient connect(Vertx vertx, TestServer server) {
    WsTestClient client = WsTestClient.connect(vertx, server.port());
    clients.add(client);
    return client;
  }
}
