package io.broadcastserver.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bookkeeping behind cluster-wide counts and dead-node announcements, update by update. */
class RemoteRostersTest {

  private static final RosterClient ANA = new RosterClient("n1-1", "ana", "Ana");
  private static final RosterClient BOB = new RosterClient("n1-2", "bob", null);
  private static final RosterClient CID = new RosterClient("n1-3", "cid", null);

  private final RemoteRosters rosters = new RemoteRosters();

  @Test
  void anUnknownNodesUpdateAsksForASnapshot() {
    assertThat(rosters.applyUpdate("n1", 1, List.of(ANA), List.of())).isFalse();
    assertThat(rosters.connectionsByNode()).isEmpty();
  }

  @Test
  void updatesInSequenceAddAndRemoveClients() {
    rosters.applySnapshot("n1", 4, List.of(ANA));
    assertThat(rosters.applyUpdate("n1", 5, List.of(BOB, CID), List.of("n1-1"))).isTrue();
    assertThat(rosters.applyUpdate("n1", 6, List.of(), List.of("n1-3"))).isTrue();
    assertThat(rosters.connectionsByNode()).isEqualTo(Map.of("n1", 1L));
    assertThat(rosters.removeNode("n1")).containsExactly(BOB);
  }

  @Test
  void aClientThatCameAndWentWithinOneUpdateIsGone() {
    rosters.applySnapshot("n1", 0, List.of());
    rosters.applyUpdate("n1", 1, List.of(ANA), List.of("n1-1"));
    assertThat(rosters.connectionsByNode()).isEqualTo(Map.of("n1", 0L));
  }

  @Test
  void aMissedUpdateAsksForASnapshotAndChangesNothing() {
    rosters.applySnapshot("n1", 1, List.of(ANA));
    assertThat(rosters.applyUpdate("n1", 3, List.of(BOB), List.of())).isFalse();
    assertThat(rosters.connectionsByNode()).isEqualTo(Map.of("n1", 1L));
  }

  @Test
  void updatesTheSnapshotAlreadyContainedAreIgnored() {
    // The snapshot (as of update 5) already has Bob; update 5 arriving late must not add him twice
    // or remove anyone.
    rosters.applySnapshot("n1", 5, List.of(ANA, BOB));
    assertThat(rosters.applyUpdate("n1", 5, List.of(BOB), List.of("n1-1"))).isTrue();
    assertThat(rosters.connectionsByNode()).isEqualTo(Map.of("n1", 2L));
  }

  @Test
  void aDepartedNodeIsNotBroughtBackByALateSnapshotOrUpdate() {
    rosters.applySnapshot("n1", 1, List.of(ANA));
    assertThat(rosters.removeNode("n1")).containsExactly(ANA);
    rosters.applySnapshot("n1", 2, List.of(ANA, BOB));
    assertThat(rosters.applyUpdate("n1", 3, List.of(CID), List.of())).isTrue();
    assertThat(rosters.connectionsByNode()).isEmpty();
    assertThat(rosters.removeNode("n1")).isEmpty();
  }
}
