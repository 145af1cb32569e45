package io.broadcastserver.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made at test time with the
 * {@code openssl} command (nothing downloaded, nothing checked in). Gives PEM files, as a user would.
 */
public record TestCertificate(Path certFile, Path keyFile) {

  public static TestCertificate create() {
    try {
      Path dir = Files.createTempDirectory("broadcast-tls");
      Path cert = dir.resolve("cert.pem");
      Path key = dir.resolve("key.pem");
      Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
        .redirectErrorStream(true).start();
      String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
        throw new IllegalStateException("openssl could not make a test certificate (is it installed?): " + output);
      }
      return new TestCertificate(cert, key);
    } catch (IOException e) {
      throw new UncheckedIOException("openssl is needed for the TLS tests (apt-get install openssl)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
