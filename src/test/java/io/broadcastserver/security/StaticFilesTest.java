package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.broadcastserver.support.RawHttp;
import io.broadcastserver.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Static files: nothing outside webroot/ can be read, and every answer carries security headers")
class StaticFilesTest {

  /**
   * Files that exist next to webroot/ (the working directory is the project) or on the classpath next to
   * the jar's webroot/: none of them may be served.
   */
  @ParameterizedTest(name = "GET {0}")
  @ValueSource(strings = {
    "/../pom.xml",
    "/webroot/../pom.xml",
    "/%2e%2e/pom.xml",
    "/%2E%2E/pom.xml",
    "/..%2fpom.xml",
    "/%2e%2e%2fpom.xml",
    "/..%5cpom.xml",
    "/..%252fpom.xml",
    "/.%2e/pom.xml",
    "/../conf/config.json",
    "/../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/..;/pom.xml",
    "/../logback.xml",
    "/%2e%2e/logback.xml",
    "/../io/broadcastserver/Main.class",
    "//etc/passwd",
  })
  @DisplayName("a path that climbs out of webroot/ gets no file")
  void traversalIsRefused(String path, Vertx vertx) throws IOException {
    TestServer server = TestServer.start(vertx);
    RawHttp.Response response = RawHttp.get(server.port(), path);
    assertThat(response.status()).as("status for %s", path).isNotEqualTo(200);
    assertThat(response.body())
      .doesNotContain("<project")
      .doesNotContain("root:")
      .doesNotContain("<configuration>")
      .doesNotContain("maxMessageBytes");
  }

  @Test
  @DisplayName("responses carry nosniff, no framing, no referrer and a CSP that allows only the page's own origin")
  void securityHeaders(Vertx vertx) throws IOException {
    TestServer server = TestServer.start(vertx);
    for (String path : new String[] {"/", "/api/stats", "/no-such-file"}) {
      RawHttp.Response response = RawHttp.get(server.port(), path);
      assertThat(response.headers())
        .as("headers of %s", path)
        .containsEntry("x-content-type-options", "nosniff")
        .containsEntry("x-frame-options", "DENY")
        .containsEntry("referrer-policy", "no-referrer")
        .doesNotContainKey("strict-transport-security");
      assertThat(response.headers().get("content-security-policy"))
        .contains("default-src 'self'")
        .contains("script-src 'self'")
        .contains("style-src 'self'")
        .contains("connect-src 'self' ws: wss:")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    }
  }
}
