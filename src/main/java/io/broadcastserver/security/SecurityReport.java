package io.broadcastserver.security;

import io.broadcastserver.config.ServerConfig;
import io.broadcastserver.observability.LogEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says at start-up how the server is protected, with a ⚠️ line for each thing left open. Never logs a secret. */
public final class SecurityReport {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityReport.class);

  private SecurityReport() {
  }

  public static void log(ServerConfig config) {
    if (config.authRequired()) {
      LOG.info("{} clients need a token [HS256: {}, public key: {}]", LogEvent.SYSTEM,
        config.jwtSecret().isEmpty() ? "no" : "yes", config.jwtPublicKeyFile().isEmpty() ? "none" : config.jwtPublicKeyFile());
    } else {
      LOG.warn("{} no JWT key configured: the server runs open and anyone may connect "
        + "(set BROADCAST_JWT_SECRET or BROADCAST_JWT_PUBLIC_KEY)", LogEvent.WARNING);
    }
    if (config.allowedOrigins().trim().equals("*")) {
      LOG.warn("{} every browser origin may connect (BROADCAST_ALLOWED_ORIGINS=*)", LogEvent.WARNING);
    }
    LOG.info("{} publish API {}", LogEvent.SYSTEM, config.apiKey().isEmpty() ? "off (no BROADCAST_API_KEY)"
      : "on at POST /api/publish");
  }
}
