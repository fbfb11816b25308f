package io.github.exchangeresilience.samples.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON through jackson-core's streaming API only: writing with a generator, and reading request bodies into a plain
 * tree of {@link Map}, {@link List} and {@link String}. Numbers are kept as their text, since every exchange accepts
 * quantities and prices either as strings or as numbers and the simulator echoes them back as given.
 */
final class Json {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** Writes one JSON document. */
  interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  /** Thrown for a body that is not one well-formed JSON document. */
  static final class MalformedJsonException extends Exception {
    MalformedJsonException(String message) {
      super(message);
    }
  }

  private Json() {}

  static String write(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Reads one JSON value: a {@code Map<String, Object>}, a {@code List<Object>}, a String, a Boolean or null. */
  static Object read(String text) throws MalformedJsonException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new MalformedJsonException("empty body");
      }
      Object value = readValue(parser, first);
      if (parser.nextToken() != null) {
        throw new MalformedJsonException("trailing content after the JSON value");
      }
      return value;
    } catch (IOException e) {
      throw new MalformedJsonException(String.valueOf(e.getMessage()));
    }
  }

  /** Reads one JSON value as {@link #read} does, or null for text that is not one. */
  static Object readQuietly(String text) {
    try {
      return read(text);
    } catch (MalformedJsonException e) {
      return null;
    }
  }

  private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          object.put(name, readValue(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        List<Object> array = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(readValue(parser, t));
        }
        return array;
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        // Strings and numbers alike, as written.
        return parser.getText();
    }
  }

  /** The value as an object, or null if it is not one. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : null;
  }

  /** The value as an array, or null if it is not one. */
  @SuppressWarnings("unchecked")
  static List<Object> array(Object value) {
    return value instanceof List ? (List<Object>) value : null;
  }

  /** A scalar member as text; null when absent, null, or not a scalar. */
  static String text(Map<String, Object> object, String name) {
    Object value = object.get(name);
    return value instanceof String || value instanceof Boolean ? value.toString() : null;
  }
}
