package io.broadcastserver.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.config.Setting;
import io.broadcastserver.support.TestServer;
import io.broadcastserver.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
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
    List<String> joinerIds = connectJoiners(vertx, server, 15);

    JoinReports reports = collectJoins(watcher, joinerIds.size());

    assertThat(reports.summaries()).as("the burst was coalesced").isPositive();
    assertThat(reports.ids()).containsExactlyInAnyOrderElementsOf(joinerIds);
  }

  @Test
  @DisplayName("the frame budget coalesces notices by what they cost, not only by how many there are")
  void frameBudgetCoalescesEvenBelowTheNoticeRate(Vertx vertx) {
    // 1000 notices a second would send all 15 one by one; 10 frames a second allows three (2 + 3 + 4 recipients).
    TestServer server = TestServer.start(vertx, Map.of(Setting.PRESENCE_MAX_NOTICES_PER_SEC, 1000,
      Setting.PRESENCE_MAX_NOTICE_FRAMES_PER_SEC, 10, Setting.PRESENCE_SUMMARY_INTERVAL_MS, 200));
    WsTestClient watcher = connect(vertx, server);
    List<String> joinerIds = connectJoiners(vertx, server, 15);

    JoinReports reports = collectJoins(watcher, joinerIds.size());

    assertThat(reports.individual()).as("notices sent one by one").isLessThan(joinerIds.size());
    assertThat(reports.ids()).containsExactlyInAnyOrderElementsOf(joinerIds);
  }

  /** How a watcher heard of joins: the ids, and how many came one by one or in summaries. */
  private record JoinReports(List<String> ids, long individual, long summaries) {
  }

  private List<String> connectJoiners(Vertx vertx, TestServer server, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(connect(vertx, server).clientId());
    }
    return ids;
  }

  /** Reads join notices and summaries until {@code count} joins were reported; checks each summary's counts. */
  private static JoinReports collectJoins(WsTestClient watcher, int count) {
    List<String> ids = new ArrayList<>();
    long individual = 0;
    long summaries = 0;
    while (ids.size() < count) {
      JsonObject notice = watcher.await(m -> "client_connected".equals(m.getString("type"))
        || "presence".equals(m.getString("event")), "a join notice or a presence summary");
      if ("client_connected".equals(notice.getString("type"))) {
        individual++;
        ids.add(notice.getString("clientId"));
      } else {
        summaries++;
        List<String> joined = notice.getJsonArray("joined").stream().map(String::valueOf).toList();
        assertThat(notice.getLong("joinedCount")).isEqualTo(joined.size());
        assertThat(notice.getBoolean("truncated")).isFalse();
        ids.addAll(joined);
      }
    }
    return new JoinReports(ids, individual, summaries);
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

  @Test
  @DisplayName("with presence.notices off nobody hears of joins or leaves, and broadcasts still arrive")
  void noticesOffSendsNoPresence(Vertx vertx) throws InterruptedException {
    // Every join would otherwise be in a summary within 50 ms: any presence frame would show up below.
    TestServer server = TestServer.start(vertx, Map.of(Setting.PRESENCE_NOTICES, false,
      Setting.PRESENCE_MAX_NOTICES_PER_SEC, 0, Setting.PRESENCE_SUMMARY_INTERVAL_MS, 50));
    WsTestClient watcher = connect(vertx, server);
    List<String> joinerIds = connectJoiners(vertx, server, 3);
    WsTestClient speaker = clients.get(clients.size() - 1);
    speaker.sendMessage("после тишины");
    assertThat(watcher.awaitType("broadcast").getString("from")).isEqualTo(joinerIds.get(2));
    clients.get(1).close();

    watcher.assertNoMessage("client_connected", Duration.ofMillis(400));
    assertThat(watcher.pending("client_disconnected")).isEmpty();
    assertThat(watcher.pending("system")).noneMatch(m -> "presence".equals(m.getString("event")));
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
