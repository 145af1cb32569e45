package io.broadcastserver.security;

import io.broadcastserver.config.ConfigException;
import io.broadcastserver.config.ServerConfig;
import io.broadcastserver.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;

/**
 * Verifies client tokens (JWT) with vertx-auth-jwt: HS256 with {@code auth.jwtSecret}, and/or RS256 or
 * ES256 with the PEM public key at {@code auth.jwtPublicKey}. Signature, {@code exp}, {@code nbf} and the
 * optional issuer and audience are checked; {@code sub} is required and becomes the {@link Identity}.
 * One instance per verticle instance, so nothing is shared between event loops.
 */
public final class TokenAuthenticator {

  /** Longer {@code sub} or {@code name} claims are refused: they are echoed to every client. */
  public static final int MAX_CLAIM_CHARS = 256;
  /** The {@code from} of messages sent through the publish API; no client may take it. */
  public static final String SERVER_IDENTITY = "server";

  /** Why a token was refused; the message names the reason, never the token. */
  public static final class RefusedException extends Exception {
    RefusedException(String reason) {
      super(reason, null, false, false);
    }
  }

  private final JWTAuth auth;

  private TokenAuthenticator(JWTAuth auth) {
    this.auth = auth;
  }

  /**
   * @return an authenticator, or one that is {@link #isOpen() open} when no key is configured
   * @throws ConfigException when the public key file cannot be read or is not an RSA or EC key
   */
  public static TokenAuthenticator create(Vertx vertx, ServerConfig config) {
    if (!config.authRequired()) {
      return new TokenAuthenticator(null);
    }
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(jwtOptions(config));
    if (!config.jwtSecret().isEmpty()) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(config.jwtSecret()));
    }
    if (!config.jwtPublicKeyFile().isEmpty()) {
      String pem = readPem(Path.of(config.jwtPublicKeyFile()));
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithmOf(pem)).setBuffer(pem));
    }
    return new TokenAuthenticator(JWTAuth.create(vertx, options));
  }

  /** True when the server runs without authentication. */
  public boolean isOpen() {
    return auth == null;
  }

  /** Verifies a token; fails with a {@link RefusedException} whose message says why. */
  public Future<Identity> authenticate(String token) {
    return auth.authenticate(new TokenCredentials(token))
      .recover(failure -> Future.failedFuture(new RefusedException(reasonOf(failure))))
      .compose(TokenAuthenticator::identityOf);
  }

  /**
   * A fixed phrase for the log. The library's own message may quote parts of the decoded token (JSON
   * parser errors do), and no part of a token may reach a log.
   */
  private static String reasonOf(Throwable failure) {
    String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("expired")) {
      return "expired";
    } else if (message.contains("signature")) {
      return "bad signature";
    } else if (message.contains("audience")) {
      return "wrong audience";
    } else if (message.contains("issuer")) {
      return "wrong issuer";
    } else if (message.contains("algorithm")) {
      return "algorithm not accepted";
    } else if (message.contains("nbf") || message.contains("before")) {
      return "not valid yet";
    }
    return "malformed";
  }

  private static Future<Identity> identityOf(User user) {
    Object sub = user.get("sub");
    Object name = user.containsKey("name") ? user.get("name") : null;
    if (!(sub instanceof String userId) || userId.isEmpty()) {
      return Future.failedFuture(new RefusedException("the token has no sub claim"));
    }
    if (userId.length() > MAX_CLAIM_CHARS || name instanceof String text && text.length() > MAX_CLAIM_CHARS) {
      return Future.failedFuture(new RefusedException("sub or name is longer than " + MAX_CLAIM_CHARS + " characters"));
    }
    if (userId.equals(SERVER_IDENTITY)) {
      return Future.failedFuture(new RefusedException("sub '" + SERVER_IDENTITY + "' is reserved for the publish API"));
    }
    long expiresAtMillis = user.get("exp") instanceof Number exp ? exp.longValue() * 1000 : 0;
    return Future.succeededFuture(new Identity(userId, name instanceof String text ? text : null, expiresAtMillis));
  }

  private static JWTOptions jwtOptions(ServerConfig config) {
    JWTOptions options = new JWTOptions();
    if (!config.jwtIssuer().isEmpty()) {
      options.setIssuer(config.jwtIssuer());
    }
    if (!config.jwtAudience().isEmpty()) {
      options.addAudience(config.jwtAudience());
    }
    return options;
  }

  private static String readPem(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + Setting.JWT_PUBLIC_KEY.label() + " file " + file + ": " + e.getMessage());
    }
  }

  /** RS256 for an RSA key, ES256/384/512 for an EC key by its curve size. */
  private static String algorithmOf(String pem) {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      for (String type : new String[] {"RSA", "EC"}) {
        try {
          PublicKey key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
          if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? "ES256" : bits <= 384 ? "ES384" : "ES512";
          }
          return "RS256";
        } catch (GeneralSecurityException notThisType) {
          // Try the next key type.
        }
      }
    } catch (IllegalArgumentException e) {
      // Not base64: reported below.
    }
    throw new ConfigException("invalid configuration: " + Setting.JWT_PUBLIC_KEY.label()
      + " must be a PEM public key (-----BEGIN PUBLIC KEY-----), RSA or EC");
  }
}
