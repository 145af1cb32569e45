package io.broadcastserver.config;

import java.util.List;
import java.util.Locale;

/**
 * The kind of value a {@link Setting} takes, and how a raw value (from JSON, an environment variable or a
 * system property) is turned into it. Each check names what is allowed so start-up errors can say so.
 */
public abstract class ValueType {

  public static final ValueType STRING = new ValueType("a string") {
    @Override
    Object convert(Object raw) {
      return raw instanceof String ? raw : null;
    }
  };

  public static final ValueType BOOLEAN = new ValueType("true or false") {
    @Override
    Object convert(Object raw) {
      if (raw instanceof Boolean) {
        return raw;
      }
      if (raw instanceof String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
          return Boolean.valueOf(lower);
        }
      }
      return null;
    }
  };

  private final String allowed;

  private ValueType(String allowed) {
    this.allowed = allowed;
  }

  /** An integer in {@code [min, max]}, given as a JSON number or as decimal text. */
  public static ValueType integer(int min, int max) {
    return new ValueType("an integer from " + min + " to " + max) {
      @Override
      Object convert(Object raw) {
        Long value = null;
        if (raw instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
          value = number.longValue();
        } else if (raw instanceof String text && text.trim().matches("-?\\d{1,18}")) {
          value = Long.parseLong(text.trim());
        }
        return value != null && value >= min && value <= max ? Integer.valueOf(value.intValue()) : null;
      }
    };
  }

  /** One of a fixed set of words, case-insensitive. */
  public static ValueType oneOf(String... choices) {
    List<String> allowedChoices = List.of(choices);
    return new ValueType("one of " + String.join(", ", choices)) {
      @Override
      Object convert(Object raw) {
        if (raw instanceof String text) {
          String lower = text.trim().toLowerCase(Locale.ROOT);
          return allowedChoices.contains(lower) ? lower : null;
        }
        return null;
      }
    };
  }

  /** Human words for the allowed values, e.g. "an integer from 0 to 65535". */
  public String allowed() {
    return allowed;
  }

  /** The typed value, or {@code null} when the raw value is not allowed. */
  abstract Object convert(Object raw);
}
