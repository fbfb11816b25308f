package io.github.exchangeresilience.okhttp.reconcile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.exchange.BatchFormat;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of the order in doubt, read from the original request: the query, a form body, or a JSON body,
 * where a batch item (the object carrying the client order id) wins over the top level.
 */
final class OrderFields {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final Map<String, String> topLevel;
  private final Map<String, String> item;

  private OrderFields(Map<String, String> topLevel, Map<String, String> item) {
    this.topLevel = topLevel;
    this.item = item;
  }

  /** The value of {@code name} for the order with {@code clientOrderId}; {@code null} when the request has none. */
  String get(String name) {
    String value = item.get(name);
    if (value == null || value.isEmpty()) {
      value = topLevel.get(name);
    }
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * Reads {@code request}, as parsed once for its call. Where its specification carries batches in a parameter whose
   * value is itself JSON (Binance {@code batchOrders}), the batch item is read from there.
   */
  static OrderFields of(ExchangeRequest request, String clientOrderId) {
    String idField = request.spec().orders().clientOrderIdField();
    BatchFormat batch = request.spec().orders().batch();
    String jsonParameter = batch.kind() == BatchFormat.Kind.FORM_PARAMETER ? batch.field() : null;
    Map<String, String> top = new HashMap<>();
    Map<String, String> item = new HashMap<>();
    for (String name : request.url().queryParameterNames()) {
      top.put(name, request.url().queryParameter(name));
    }
    String body = bodyText(request);
    if (body != null && !body.isEmpty()) {
      String trimmed = body.stripLeading();
      if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        readJson(body, idField, clientOrderId, top, item);
      } else {
        for (String pair : body.split("&")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            top.putIfAbsent(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
          }
        }
      }
    }
    if (jsonParameter != null && top.get(jsonParameter) != null) {
      readJson(top.get(jsonParameter), idField, clientOrderId, new HashMap<>(), item);
    }
    return new OrderFields(top, item);
  }

  private static String bodyText(ExchangeRequest request) {
    try {
      return request.hasReadableBody() ? request.bodyUtf8() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Scalars of the top-level object, and of the object at depth two or three whose {@code idField} matches. */
  private static void readJson(String json, String idField, String clientOrderId, Map<String, String> top,
      Map<String, String> item) {
    try (JsonParser parser = JSON.createParser(json)) {
      int depth = 0;
      Map<String, String> current = null;
      int currentDepth = -1;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case START_OBJECT -> {
            depth++;
            if (depth >= 2 && depth <= 3 && current == null) {
              current = new HashMap<>();
              currentDepth = depth;
            }
          }
          case START_ARRAY -> depth++;
          case END_OBJECT -> {
            if (current != null && depth == currentDepth) {
              if (clientOrderId.equals(current.get(idField)) && item.isEmpty()) {
                item.putAll(current);
              }
              current = null;
            }
            depth--;
          }
          case END_ARRAY -> depth--;
          case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
            String name = parser.currentName();
            if (name == null) {
              break;
            }
            if (depth == 1 && parser.getParsingContext().getParent().inRoot()) {
              top.putIfAbsent(name, parser.getText());
            } else if (current != null && depth == currentDepth) {
              current.put(name, parser.getText());
            }
          }
          default -> { }
        }
      }
      if (depth == 0 && item.isEmpty() && clientOrderId.equals(top.get(idField))) {
        // A single order: its own fields are the top level.
        item.putAll(top);
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON after all: nothing to read.
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
