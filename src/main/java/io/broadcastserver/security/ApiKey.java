package io.broadcastserver.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The publish API's key, compared in constant time: both sides are hashed first, so neither the
 * position of the first wrong character nor the key's length shows in the time an answer takes.
 */
public final class ApiKey {

  private static final String BEARER_PREFIX = "bearer ";

  private final byte[] expectedDigest;

  /** @param key the configured key; empty means the API is off and nothing matches */
  public ApiKey(String key) {
    this.expectedDigest = key.isEmpty() ? null : sha256(key);
  }

  public boolean isConfigured() {
    return expectedDigest != null;
  }

  /** @param authorization the request's {@code Authorization} header, or null */
  public boolean matches(String authorization) {
    if (expectedDigest == null || authorization == null
      || !authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
      return false;
    }
    return MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(BEARER_PREFIX.length()).trim()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
