package io.broadcastserver.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("InboundParser: validation in one pass, data handed on as written")
class InboundParserTest {

  private final InboundParser parser = new InboundParser(65_536);

  @ParameterizedTest
  @ValueSource(strings = {"1", "-0.5e-3", "\"a, b }\"", "null", "true", "[]", "{}", "[1,{\"a\":[2,\"]\"]}]",
    "\"\\u00e9\\n\\\"\""})
  @DisplayName("the data text is exactly the client's, whatever its kind")
  void rawDataIsTheClientsText(String data) throws ProtocolException {
    assertThat(parser.parse("{\"type\":\"message\",\"data\":" + data + "}").rawData()).isEqualTo(data);
    assertThat(parser.parse("{ \"data\" :\t" + data + " \n, \"type\" : \"message\" }").rawData()).isEqualTo(data);
    assertThat(parser.parse("{\"type\":\"message\",\"data\":" + data + ",\"extra\":[1]}").rawData()).isEqualTo(data);
  }

  @Test
  @DisplayName("ping carries no data")
  void pingIsRecognised() throws ProtocolException {
    InboundMessage ping = parser.parse("{\"type\":\"ping\",\"data\":5}");
    assertThat(ping.type()).isEqualTo(InboundMessage.Type.PING);
    assertThat(ping.rawData()).isNull();
  }

  @Test
  @DisplayName("a duplicated field is refused rather than guessed at")
  void duplicateFieldsAreRefused() {
    assertRefused("{\"type\":\"message\",\"data\":1,\"data\":2}", ErrorCode.INVALID_JSON);
  }

  @Test
  @DisplayName("a string with a broken escape is refused, so it is never forwarded")
  void brokenEscapeIsRefused() {
    assertRefused("{\"type\":\"message\",\"data\":\"\\x\"}", ErrorCode.INVALID_JSON);
  }

  @Test
  @DisplayName("nesting and number length are bounded")
  void limitsAreEnforced() {
    String deep = "[".repeat(InboundParser.MAX_NESTING_DEPTH + 1) + "]".repeat(InboundParser.MAX_NESTING_DEPTH + 1);
    assertRefused("{\"type\":\"message\",\"data\":" + deep + "}", ErrorCode.INVALID_MESSAGE);
    assertRefused("{\"type\":\"message\",\"data\":" + "9".repeat(5000) + "}", ErrorCode.INVALID_MESSAGE);
  }

  @Test
  @DisplayName("unknown top-level fields are ignored, so clients may add their own")
  void unknownFieldsAreIgnored() throws ProtocolException {
    assertThat(parser.parse("{\"type\":\"message\",\"meta\":{\"x\":[1]},\"data\":\"d\"}").rawData()).isEqualTo("\"d\"");
  }

  private void assertRefused(String input, ErrorCode code) {
    assertThatThrownBy(() -> parser.parse(input))
      .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
