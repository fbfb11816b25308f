package io.github.exchangeresilience.okhttp.signing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Gives the orders in a JSON body that lack a client order id a new one: the top-level object of a single order, or
 * every object of a batch, whether the batch is the top-level array (OKX) or the array under a top-level field
 * (Bybit {@code request}, Bitget {@code orderList}). An empty or {@code null} id counts as missing.
 */
final class JsonOrders {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonOrders() {}

  /** One open object or array while copying. */
  private static final class Level {
    final boolean array;
    final boolean order;
    final String field;
    boolean hasId;

    Level(boolean array, boolean order, String field) {
      this.array = array;
      this.order = order;
      this.field = field;
    }
  }

  /**
   * The body with ids added, or {@code null} when every order has one already or the body is not JSON of the
   * expected shape (then it is sent as the application built it).
   */
  static byte[] addMissingIds(byte[] json, boolean batch, Set<String> batchFields, String idField,
      Supplier<String> ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 64);
    int added = 0;
    try (JsonParser parser = JSON.createParser(json); JsonGenerator generator = JSON.createGenerator(out)) {
      Deque<Level> levels = new ArrayDeque<>();
      String lastField = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> {
            boolean array = token == JsonToken.START_ARRAY;
            boolean order = !array && isOrder(levels, batch, batchFields);
            levels.push(new Level(array, order, levels.isEmpty() ? null : lastField));
            generator.copyCurrentEvent(parser);
          }
          case END_OBJECT -> {
            Level level = levels.pop();
            if (level.order && !level.hasId) {
              generator.writeStringField(idField, ids.get());
              added++;
            }
            generator.copyCurrentEvent(parser);
          }
          case END_ARRAY -> {
            levels.pop();
            generator.copyCurrentEvent(parser);
          }
          case FIELD_NAME -> {
            lastField = parser.currentName();
            Level level = levels.peek();
            if (level != null && level.order && idField.equals(lastField)) {
              JsonToken value = parser.nextToken();
              boolean present = (value == JsonToken.VALUE_STRING && !parser.getText().isEmpty()) || value.isNumeric();
              if (present) {
                level.hasId = true;
                generator.writeFieldName(lastField);
                generator.copyCurrentEvent(parser);
              } else {
                // An empty or null id is dropped and replaced when the object closes.
                parser.skipChildren();
              }
            } else {
              generator.copyCurrentEvent(parser);
            }
          }
          default -> generator.copyCurrentEvent(parser);
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return added == 0 ? null : out.toByteArray();
  }

  /** Whether an object opening at this point is an order. */
  private static boolean isOrder(Deque<Level> levels, boolean batch, Set<String> batchFields) {
    if (!batch) {
      return levels.isEmpty();
    }
    if (levels.size() == 1) {
      return levels.peek().array;
    }
    if (levels.size() == 2) {
      Level parent = levels.peek();
      Level root = levels.peekLast();
      return parent.array && !root.array && batchFields.contains(parent.field);
    }
    return false;
  }
}
