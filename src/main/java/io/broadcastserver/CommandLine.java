package io.broadcastserver;

import io.broadcastserver.config.ConfigException;
import io.broadcastserver.config.Setting;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The launcher's options, in the style of the Vert.x launcher: {@code -conf FILE}, {@code -instances N} and
 * {@code -cluster} (two dashes work too). Everything else is configured through the config file and environment.
 */
record CommandLine(Path configFile, Map<Setting, String> overrides, boolean help) {

  static final String USAGE = """
    Usage: java -jar broadcast-server.jar [options]
           java -jar broadcast-server.jar bench [bench options]   (load generator; bench --help)

    Options:
      -conf FILE       JSON config file (default: conf/config.json when present, or $BROADCAST_CONFIG)
      -instances N     WebSocket verticle instances (default: one per CPU core; BROADCAST_INSTANCES)
      -cluster         join the Hazelcast cluster of conf/cluster.xml (BROADCAST_CLUSTER; docs/clustering.md)
      -help            this text

    Every setting can also be given as an environment variable; see docs/configuration.md.
    """;

  static CommandLine parse(String[] args) {
    Path configFile = null;
    Map<Setting, String> overrides = new EnumMap<>(Setting.class);
    for (int i = 0; i < args.length; i++) {
      String option = args[i].startsWith("--") ? args[i].substring(1) : args[i];
      switch (option) {
        case "-conf" -> configFile = Path.of(valueAfter(args, i++));
        case "-instances" -> overrides.put(Setting.HTTP_INSTANCES, valueAfter(args, i++));
        case "-cluster" -> overrides.put(Setting.CLUSTER_ENABLED, "true");
        case "-help", "-h" -> {
          return new CommandLine(null, Map.of(), true);
        }
        default -> throw new ConfigException("unknown option '" + args[i] + "'; try -help");
      }
    }
    return new CommandLine(configFile, overrides, false);
  }

  private static String valueAfter(String[] args, int index) {
    if (index + 1 >= args.length) {
      throw new ConfigException("option " + args[index] + " needs a value; try -help");
    }
    return args[index + 1];
  }
}
