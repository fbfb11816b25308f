package io.github.exchangeresilience.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads one scalar value off a parser the way the decoders need it: bounded in length, and never failing on a value of
 * an unexpected type (a code that is an object is no code; it is skipped, not an error).
 */
final class JsonValues {
  /** Longer than any code an exchange uses; a longer value is kept cut, it cannot match the catalog anyway. */
  static final int MAX_CODE_LENGTH = 32;
  /** Client order ids are at most 36 to 64 characters at every supported exchange. */
  static final int MAX_ID_LENGTH = 128;

  private JsonValues() {}

  /**
   * The text of a code that is a number or a string, trimmed; {@code null} for any other value (null, a boolean, an
   * object or an array, skipped). Numbers keep the text the exchange wrote, so {@code -1003}, {@code "-1003"} and
   * {@code 1e400} are all read without parsing (and never overflow). A code written exactly as one of {@code known}
   * is that string itself: the success code most answers carry is never built again.
   */
  static String code(JsonParser parser, JsonToken value, String[] known) throws IOException {
    if (value == JsonToken.VALUE_STRING || value.isNumeric()) {
      String same = Text.oneOf(parser, known);
      return same != null ? same : Text.bound(parser, MAX_CODE_LENGTH).trim();
    }
    parser.skipChildren();
    return null;
  }

  /** The text of a message; numbers and booleans as written, {@code ""} for null, objects and arrays (skipped). */
  static String message(JsonParser parser, JsonToken value) throws IOException {
    if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
      return Text.bound(parser, Text.MAX_MESSAGE_LENGTH);
    }
    parser.skipChildren();
    return "";
  }

  /** An order id, string or number; {@code null} for an empty string and for any other value. */
  static String id(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING || value.isNumeric()) {
      String id = Text.bound(parser, MAX_ID_LENGTH);
      return id.isEmpty() ? null : id;
    }
    parser.skipChildren();
    return null;
  }
}
