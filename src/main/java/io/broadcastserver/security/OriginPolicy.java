package io.broadcastserver.security;

import io.broadcastserver.config.ConfigException;
import io.broadcastserver.config.Setting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which browser origins may open a WebSocket (the defence against cross-site WebSocket hijacking).
 * The server's own origin is always allowed, and so are clients that send no {@code Origin} (non-browser
 * clients; a browser always sends one). Others must match {@code security.allowedOrigins}: exact origins,
 * {@code https://*.example.com} (any subdomain, not the domain itself) or {@code *}.
 */
public final class OriginPolicy {

  private final boolean anyOrigin;
  private final Set<String> exact = new HashSet<>();
  /** Wildcard entries as {scheme "://", host suffix such as ".example.com:8443"}. */
  private final List<String[]> wildcards = new ArrayList<>();

  private OriginPolicy(String list) {
    boolean any = false;
    for (String entry : list.split(",")) {
      String origin = normalize(entry);
      if (origin.isEmpty()) {
        continue;
      }
      if (origin.equals("*")) {
        any = true;
      } else if (!origin.matches("[a-z][a-z0-9+.-]*://[^/?#@\\s]+")) {
        throw new ConfigException("invalid configuration: " + Setting.ALLOWED_ORIGINS.label() + " entry '" + entry.trim()
          + "' must look like https://app.example.com, https://*.example.com or *");
      } else if (origin.contains("://*.")) {
        int hostStart = origin.indexOf("://") + 3;
        wildcards.add(new String[] {origin.substring(0, hostStart), origin.substring(hostStart + 1)});
      } else {
        exact.add(origin);
      }
    }
    this.anyOrigin = any;
  }

  /** @throws ConfigException naming an entry that is not an origin pattern */
  public static OriginPolicy parse(String commaList) {
    return new OriginPolicy(commaList == null ? "" : commaList);
  }

  /**
   * @param origin the request's {@code Origin} header, or null
   * @param host the request's {@code Host} header (host[:port]), or null
   */
  public boolean allows(String origin, String host) {
    if (origin == null || anyOrigin) {
      return true;
    }
    String normalized = normalize(origin);
    if (isSameOrigin(normalized, host) || exact.contains(normalized)) {
      return true;
    }
    for (String[] wildcard : wildcards) {
      String scheme = wildcard[0];
      String suffix = wildcard[1];
      if (normalized.startsWith(scheme) && normalized.endsWith(suffix)
        && normalized.length() > scheme.length() + suffix.length()
        && isHostLabels(normalized.substring(scheme.length(), normalized.length() - suffix.length()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSameOrigin(String origin, String host) {
    int hostStart = origin.indexOf("://");
    if (host == null || hostStart < 0) {
      return false;
    }
    return withoutDefaultPort(origin.substring(hostStart + 3)).equals(withoutDefaultPort(normalize(host)));
  }

  /** Browsers leave out :80 and :443 in Origin, while some clients put them in Host. */
  private static String withoutDefaultPort(String hostAndPort) {
    if (hostAndPort.endsWith(":80")) {
      return hostAndPort.substring(0, hostAndPort.length() - 3);
    }
    if (hostAndPort.endsWith(":443")) {
      return hostAndPort.substring(0, hostAndPort.length() - 4);
    }
    return hostAndPort;
  }

  /** The part a wildcard stands for: one or more DNS labels, nothing that could smuggle in another host. */
  private static boolean isHostLabels(String text) {
    return text.matches("[a-z0-9-]+(\\.[a-z0-9-]+)*");
  }

  private static String normalize(String origin) {
    String trimmed = origin.trim().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
