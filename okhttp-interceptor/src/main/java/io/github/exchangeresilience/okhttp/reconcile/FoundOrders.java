package io.github.exchangeresilience.okhttp.reconcile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.PlacementAnswer;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Hands an order a lookup found back in the shape of its placement's own answer, as the exchange's specification
 * writes that shape ({@link PlacementAnswer}): the found order is the first item of the lookup's order list (or the
 * object there), and its fields fill the placement's answer.
 */
final class FoundOrders {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private FoundOrders() {}

  /**
   * The placement's answer for the order {@code lookup} found, the lookup's headers kept; {@code lookup} itself where
   * the lookup answers in the placement's shape already, or where the order cannot be read out of it.
   */
  static Response asPlacementAnswer(ExchangeSpec spec, Response lookup, byte[] body) {
    PlacementAnswer shape = spec.placementAnswer();
    if (shape.isAsLookedUp()) {
      return lookup;
    }
    Map<String, String> order = firstOrder(body, spec.lookups().emptyResultPath());
    if (order.isEmpty()) {
      return lookup;
    }
    Response placementShaped = lookup.newBuilder()
        .removeHeader("Content-Length")
        .removeHeader("Content-Encoding")
        .body(ResponseBody.create(shape.render(order::get), JSON_TYPE))
        .build();
    lookup.close();
    return placementShaped;
  }

  /** The scalar fields of the first order at {@code path}: the first item of an array there, or the object there. */
  static Map<String, String> firstOrder(byte[] body, List<String> path) {
    Map<String, String> fields = new HashMap<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return fields;
      }
      for (String step : path) {
        if (!advanceTo(parser, step)) {
          return fields;
        }
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_ARRAY && step.equals(path.get(path.size() - 1))) {
          if (parser.nextToken() != JsonToken.START_OBJECT) {
            return fields;
          }
        } else if (value != JsonToken.START_OBJECT) {
          return fields;
        }
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
          fields.put(name, parser.getText());
        } else {
          parser.skipChildren();
        }
      }
      return token == JsonToken.END_OBJECT ? fields : new HashMap<>();
    } catch (IOException | RuntimeException e) {
      return new HashMap<>();
    }
  }

  /** Moves to the field {@code name} of the current object, skipping the others; false if it has none. */
  private static boolean advanceTo(JsonParser parser, String name) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      if (name.equals(parser.currentName())) {
        return true;
      }
      parser.nextToken();
      parser.skipChildren();
    }
    return false;
  }
}
