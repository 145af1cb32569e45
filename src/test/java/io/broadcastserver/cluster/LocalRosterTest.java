package io.broadcastserver.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a node tells the others about its own clients. */
class LocalRosterTest {

  private final LocalRoster roster = new LocalRoster();

  @Test
  void updatesAreNumberedAndCarryTheChangesSinceTheLastOne() {
    roster.joined("a", "ana", "Ana");
    roster.joined("b", "bob", null);
    LocalRoster.Update first = roster.takeUpdate();
    assertThat(first.seq()).isEqualTo(1);
    assertThat(first.joined()).extracting(RosterClient::clientId).containsExactly("a", "b");
    assertThat(first.connections()).isEqualTo(2);

    roster.left("a");
    roster.left("unknown");
    LocalRoster.Update second = roster.takeUpdate();
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.joined()).isEmpty();
    assertThat(second.left()).containsExactly("a");
    assertThat(second.connections()).isEqualTo(1);
  }

  @Test
  void aSnapshotHasEveryCurrentClientAndTheLastNumberSent() {
    roster.joined("a", "ana", null);
    roster.takeUpdate();
    roster.joined("b", "bob", null);
    LocalRoster.Snapshot snapshot = roster.snapshot();
    // Update 2 (with b) is still to come; the receiver applies it on top, harmlessly.
    assertThat(snapshot.seq()).isEqualTo(1);
    assertThat(snapshot.clients()).extracting(RosterClient::clientId).containsExactly("a", "b");
  }
}
