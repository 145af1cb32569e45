package io.broadcastserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.broadcastserver.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The origin policy lets the server's own page, listed origins and non-browser clients in")
class OriginPolicyTest {

  @ParameterizedTest(name = "allowed ''{0}'', Origin {1}, Host {2} → {3}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
    "''                                  | NULL                         | localhost:8080   | true",
    "''                                  | http://localhost:8080        | localhost:8080   | true",
    "''                                  | https://chat.example.com     | chat.example.com:443 | true",
    "''                                  | http://evil.example          | localhost:8080   | false",
    "''                                  | null                         | localhost:8080   | false",
    "https://app.example.com             | https://app.example.com      | localhost:8080   | true",
    "https://app.example.com             | HTTPS://APP.EXAMPLE.COM/     | localhost:8080   | true",
    "https://app.example.com             | http://app.example.com       | localhost:8080   | false",
    "https://app.example.com             | https://app.example.com:8443 | localhost:8080   | false",
    "https://*.example.com               | https://a.example.com        | localhost:8080   | true",
    "https://*.example.com               | https://a.b.example.com      | localhost:8080   | true",
    "https://*.example.com               | https://example.com          | localhost:8080   | false",
    "https://*.example.com               | https://evilexample.com      | localhost:8080   | false",
    "https://*.example.com               | https://a.example.com.evil.io | localhost:8080  | false",
    "https://*.example.com               | http://a.example.com         | localhost:8080   | false",
    "'https://a.test, https://*.b.test'  | https://x.b.test             | localhost:8080   | true",
    "*                                   | http://anything.example      | localhost:8080   | true",
  })
  @DisplayName("decides by exact origin, subdomain pattern, wildcard or same origin")
  void decides(String allowed, String origin, String host, boolean expected) {
    assertThat(OriginPolicy.parse(allowed).allows(origin, host)).isEqualTo(expected);
  }

  @Test
  @DisplayName("an entry that is not an origin stops start-up with a clear message")
  void malformedEntryIsAConfigError() {
    assertThatThrownBy(() -> OriginPolicy.parse("example.com/path"))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("BROADCAST_ALLOWED_ORIGINS")
      .hasMessageContaining("example.com/path");
  }
}
