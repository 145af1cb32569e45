package io.broadcastserver.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * Validates a client text frame in one streaming pass. It never builds a tree: the {@code data} value is
 * checked token by token and handed on as the client's own text, which is what gets broadcast. Nesting
 * depth and number length are bounded, so hostile input costs neither stack nor a large allocation.
 */
public final class InboundParser {

  /** Deeper data than this is refused; real messages rarely nest beyond a handful of levels. */
  public static final int MAX_NESTING_DEPTH = 64;
  /** Longer numbers than this are refused, so nobody makes the server parse a 50 000-digit number. */
  public static final int MAX_NUMBER_LENGTH = 100;

  /** Latency reports above a minute are refused: a client that slow is better told by other means. */
  private static final double MAX_REPORTED_LATENCY_MS = 60_000;

  private final JsonFactory factory;

  public InboundParser(int maxMessageChars) {
    this.factory = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxStringLength(Math.max(maxMessageChars, 1))
        .build())
      .build();
  }

  /** @throws ProtocolException with the {@link ErrorCode} the client should see */
  public InboundMessage parse(String text) throws ProtocolException {
    Fields fields = parseFields(text);
    return toMessage(fields.type(), fields.rawData());
  }

  /**
   * Validates a publish API body, {@code {"data": …}}, with the same limits as client messages.
   *
   * @return the {@code data} value as the caller wrote it
   */
  public String parseData(String text) throws ProtocolException {
    Fields fields = parseFields(text);
    if (fields.rawData() == null) {
      throw new ProtocolException(ErrorCode.MISSING_DATA, "the body needs a \"data\" field (any JSON value)");
    }
    return fields.rawData();
  }

  /** The two fields the server reads from a JSON object; {@code rawData} is the value's own text. */
  private record Fields(String type, String rawData) {
  }

  private Fields parseFields(String text) throws ProtocolException {
    try (JsonParser parser = factory.createParser(text)) {
      return parseObject(parser, text);
    } catch (StreamConstraintsException e) {
      throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "message exceeds a limit: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "expected a JSON object such as {\"type\":\"message\",\"data\":…}");
    }
  }

  private Fields parseObject(JsonParser parser, String text) throws IOException, ProtocolException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "expected a JSON object with a \"type\" field");
    }
    String type = null;
    int dataStart = -1;
    int dataEnd = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      if (dataStart >= 0 && dataEnd < 0) {
        dataEnd = endOfValueBefore(text, parser);
      }
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("type".equals(field)) {
        if (value != JsonToken.VALUE_STRING) {
          throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "\"type\" must be a string");
        }
        type = parser.getText();
      } else if ("data".equals(field)) {
        dataStart = (int) parser.currentTokenLocation().getCharOffset();
        skipValue(parser, value);
      } else {
        skipValue(parser, value);
      }
    }
    if (dataStart >= 0 && dataEnd < 0) {
      dataEnd = endOfValueBefore(text, parser);
    }
    if (parser.nextToken() != null) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "unexpected content after the JSON object");
    }
    return new Fields(type, dataStart >= 0 ? text.substring(dataStart, dataEnd) : null);
  }

  private static InboundMessage toMessage(String type, String rawData) throws ProtocolException {
    if (type == null) {
      throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "missing \"type\"; expected \"message\", \"ping\" or \"latency\"");
    }
    InboundMessage.Type known = InboundMessage.Type.fromWireName(type);
    if (known == null) {
      throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown type; expected \"message\", \"ping\" or \"latency\"");
    }
    if (known == InboundMessage.Type.MESSAGE && rawData == null) {
      throw new ProtocolException(ErrorCode.MISSING_DATA, "a \"message\" needs a \"data\" field (any JSON value)");
    }
    if (known == InboundMessage.Type.LATENCY) {
      return new InboundMessage(known, latencyMillis(rawData));
    }
    return new InboundMessage(known, known == InboundMessage.Type.MESSAGE ? rawData : null);
  }

  /** A latency report's data must be a plain number of milliseconds from 0 to a minute. */
  private static String latencyMillis(String rawData) throws ProtocolException {
    if (rawData != null && rawData.matches("\\d{1,6}(\\.\\d{1,3})?")) {
      double millis = Double.parseDouble(rawData);
      if (millis <= MAX_REPORTED_LATENCY_MS) {
        return rawData;
      }
    }
    throw new ProtocolException(ErrorCode.INVALID_MESSAGE,
      "a \"latency\" report needs \"data\": milliseconds from 0 to " + (long) MAX_REPORTED_LATENCY_MS);
  }

  private static void skipValue(JsonParser parser, JsonToken value) throws IOException {
    if (value.isStructStart()) {
      parser.skipChildren();
    } else if (value == JsonToken.VALUE_STRING) {
      // Decode the string so that bad escapes are caught now and never forwarded to other clients.
      parser.getText();
    }
  }

  /**
   * The current token (the next field name, or the closing brace) starts after the previous value; walk
   * back over white space and the separating comma to find where that value ended.
   */
  private static int endOfValueBefore(String text, JsonParser parser) {
    int end = (int) parser.currentTokenLocation().getCharOffset();
    end = skipWhitespaceBackwards(text, end);
    if (end > 0 && text.charAt(end - 1) == ',') {
      end = skipWhitespaceBackwards(text, end - 1);
    }
    return end;
  }

  private static int skipWhitespaceBackwards(String text, int end) {
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }
}
