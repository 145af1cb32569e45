package io.broadcastserver.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a JSON config file that may carry {@code //} and {@code /* *}{@code /} comments (so
 * {@code conf/config.json} can document each key next to its default) into flat dotted keys.
 */
final class CommentedJson {

  private static final JsonFactory FACTORY = JsonFactory.builder()
    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
    .build();

  private CommentedJson() {
  }

  /** {@code {"http":{"port":8080}}} becomes {@code http.port → 8080}; leaves are String, Number or Boolean. */
  static Map<String, Object> readFlat(String text) {
    Map<String, Object> flat = new LinkedHashMap<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the top level must be an object");
      }
      readObject(parser, "", flat);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("unexpected content after the top-level object");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(messageOf(e), e);
    }
    return flat;
  }

  private static void readObject(JsonParser parser, String prefix, Map<String, Object> flat) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = prefix + parser.currentName();
      JsonToken value = parser.nextToken();
      switch (value) {
        case START_OBJECT -> readObject(parser, key + ".", flat);
        case VALUE_STRING -> flat.put(key, parser.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> flat.put(key, parser.getNumberValue());
        case VALUE_TRUE, VALUE_FALSE -> flat.put(key, parser.getBooleanValue());
        case VALUE_NULL -> flat.put(key, "");
        default -> throw new IllegalArgumentException("'" + key + "' must be a string, number, boolean or object");
      }
    }
  }

  private static String messageOf(IOException e) {
    if (e instanceof JsonProcessingException json && json.getLocation() != null) {
      return json.getOriginalMessage() + " (line " + json.getLocation().getLineNr() + ")";
    }
    return e.getMessage();
  }
}
