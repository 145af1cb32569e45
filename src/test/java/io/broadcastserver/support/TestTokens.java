package io.broadcastserver.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs real JWTs for tests with vertx-auth-jwt, as an identity provider would: HS256 with a shared
 * secret, or RS256/ES256 with a key pair made at test time whose public half is written to a PEM file.
 */
public final class TestTokens {

  private final JWTAuth signer;
  private final String algorithm;
  private final Path publicKeyFile;

  private TestTokens(JWTAuth signer, String algorithm, Path publicKeyFile) {
    this.signer = signer;
    this.algorithm = algorithm;
    this.publicKeyFile = publicKeyFile;
  }

  public static TestTokens hs256(Vertx vertx, String secret) {
    return new TestTokens(signer(vertx, "HS256", secret), "HS256", null);
  }

  /** A fresh RSA 2048 key pair. */
  public static TestTokens rs256(Vertx vertx) {
    return withKeyPair(vertx, "RS256", generate("RSA", null));
  }

  /** A fresh EC P-256 key pair. */
  public static TestTokens es256(Vertx vertx) {
    return withKeyPair(vertx, "ES256", generate("EC", new ECGenParameterSpec("secp256r1")));
  }

  private static TestTokens withKeyPair(Vertx vertx, String algorithm, KeyPair pair) {
    try {
      Path file = Files.createTempFile("jwt-public", ".pem");
      Files.writeString(file, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      return new TestTokens(signer(vertx, algorithm, pem("PRIVATE KEY", pair.getPrivate().getEncoded())), algorithm, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PEM file to give the server as BROADCAST_JWT_PUBLIC_KEY (null for HS256). */
  public Path publicKeyFile() {
    return publicKeyFile;
  }

  /** A token for {@code sub}, valid for a minute. */
  public String token(String sub) {
    return token(new JsonObject().put("sub", sub), Duration.ofMinutes(1));
  }

  /** A token with these claims and an {@code exp} this far from now (negative: already expired). */
  public String token(JsonObject claims, Duration validFor) {
    JsonObject withExpiry = claims.copy().put("exp", Instant.now().plus(validFor).getEpochSecond());
    return signer.generateToken(withExpiry, new JWTOptions().setAlgorithm(algorithm));
  }

  private static JWTAuth signer(Vertx vertx, String algorithm, String key) {
    return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm)
      .setBuffer(key)));
  }

  private static KeyPair generate(String type, ECGenParameterSpec curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
      if (curve != null) {
        generator.initialize(curve);
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String label, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
  }
}
