package io.broadcastserver.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Cluster membership as Hazelcast sees it. The cluster manager's one node-listener slot is Vert.x's own,
 * so we listen to Hazelcast directly and read the Vert.x node id from the member attribute where
 * vertx-hazelcast keeps it.
 */
public final class HazelcastMembership {

  /** The member attribute vertx-hazelcast sets to the Vert.x node id. */
  private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private final HazelcastClusterManager clusterManager;
  private UUID registration;

  public HazelcastMembership(HazelcastClusterManager clusterManager) {
    this.clusterManager = clusterManager;
  }

  public String localNode() {
    return clusterManager.getNodeId();
  }

  /** Every member, this one included. */
  public List<String> nodes() {
    return clusterManager.getNodes();
  }

  /** The handlers run on Hazelcast's threads: hop to an event loop before touching any state. */
  public void listen(Consumer<String> added, Consumer<String> removed) {
    registration = hazelcast().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        added.accept(id(event.getMember()));
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        removed.accept(id(event.getMember()));
      }
    });
  }

  public void stopListening() {
    if (registration != null && hazelcast().getLifecycleService().isRunning()) {
      hazelcast().getCluster().removeMembershipListener(registration);
    }
  }

  private HazelcastInstance hazelcast() {
    return clusterManager.getHazelcastInstance();
  }

  private static String id(Member member) {
    return member.getAttribute(NODE_ID_ATTRIBUTE);
  }
}
