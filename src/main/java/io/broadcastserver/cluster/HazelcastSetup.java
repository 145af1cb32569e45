package io.broadcastserver.cluster;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.broadcastserver.config.ConfigException;
import io.broadcastserver.config.ServerConfig;
import io.broadcastserver.config.Setting;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the {@code cluster.*} settings into a Hazelcast configuration and event-bus options: the settings
 * file first ({@code conf/cluster.xml}, or the copy in the jar), then the port, member list and address
 * from the environment on top, so a deployment sets those without editing XML.
 */
public final class HazelcastSetup {

  /** The copy of conf/cluster.xml that the build puts inside the jar. */
  static final String BUNDLED_FILE = "cluster.xml";
  private static final int PORTS_TO_TRY = 100;

  private HazelcastSetup() {
  }

  public static HazelcastClusterManager clusterManager(ServerConfig config) {
    // Before any Hazelcast class logs: the property in the file is read too late for the first lines.
    System.setProperty("hazelcast.logging.type", "slf4j");
    Config hazelcast = load(config.clusterConfigFile());
    applyNetwork(hazelcast, config);
    return new HazelcastClusterManager(hazelcast);
  }

  /** The event bus between nodes: where it listens and which address the other nodes are told. */
  public static EventBusOptions eventBusOptions(ServerConfig config) {
    EventBusOptions options = new EventBusOptions().setPort(config.clusterPort());
    if (!config.clusterHost().isEmpty()) {
      options.setHost(config.clusterHost()).setClusterPublicHost(config.clusterHost());
    }
    return options;
  }

  static Config load(String file) {
    Path path = Path.of(file);
    try {
      return Files.exists(path) ? new FileSystemXmlConfig(path.toFile()) : new ClasspathXmlConfig(BUNDLED_FILE);
    } catch (FileNotFoundException | RuntimeException e) {
      throw new ConfigException("invalid configuration: " + Setting.CLUSTER_CONFIG_FILE.label() + " = '" + file
        + "': not a usable Hazelcast file (" + e.getMessage() + ")");
    }
  }

  static void applyNetwork(Config hazelcast, ServerConfig config) {
    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(config.clusterMemberPort()).setPortAutoIncrement(true).setPortCount(PORTS_TO_TRY);
    List<String> members = members(config.clusterMembers());
    if (!members.isEmpty()) {
      JoinConfig join = network.getJoin();
      join.getMulticastConfig().setEnabled(false);
      join.getAutoDetectionConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setMembers(members);
    }
    if (!config.clusterHost().isEmpty()) {
      // Hazelcast's own way to pin the member address; without it, it may pick another interface and
      // advertise an address that the listed members do not know.
      hazelcast.setProperty("hazelcast.local.localAddress", config.clusterHost());
    }
  }

  static List<String> members(String commaList) {
    return Arrays.stream(commaList.split(",")).map(String::trim).filter(member -> !member.isEmpty()).toList();
  }
}
