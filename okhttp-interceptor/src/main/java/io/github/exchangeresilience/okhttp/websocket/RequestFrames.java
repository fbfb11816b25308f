package io.github.exchangeresilience.okhttp.websocket;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.exchangeresilience.exchange.WebSocketApi;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.ByteString;

/**
 * Writes request frames as the exchange's specification shapes them: the id, the constant fields, the operation, the
 * header object, the fields that go in the frame, and the parameters, as an object or an array of one. Numbers stay
 * numbers and everything else is written as text, as the exchanges expect prices and quantities. Text is escaped by
 * Jackson's string encoder, the same escaping as its generator, into one buffer sized by the last frame: no generator,
 * context or writer per frame.
 */
final class RequestFrames {
  private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

  private final WebSocketApi.Requests requests;
  /** The last frame's length, to size the next one's buffer; racy, as any recent length will do. */
  private int lastLength = 128;

  RequestFrames(WebSocketApi.Requests requests) {
    this.requests = requests;
  }

  String write(String operation, String id, Map<String, Object> params, Map<String, String> header) {
    StringBuilder json = new StringBuilder(lastLength + 32).append('{');
    string(name(json, requests.idField()), id);
    for (Map.Entry<String, String> constant : requests.constantFields().entrySet()) {
      string(name(json, constant.getKey()), constant.getValue());
    }
    string(name(json, requests.opField()), operation);
    if (requests.headerField() != null && !header.isEmpty()) {
      name(json, requests.headerField()).append('{');
      for (Map.Entry<String, String> field : header.entrySet()) {
        string(name(json, field.getKey()), field.getValue());
      }
      json.append('}');
    }
    for (String field : requests.frameFields()) {
      Object value = params.get(field);
      if (value != null) {
        value(name(json, field), value);
      }
    }
    name(json, requests.argsField());
    if (requests.argsInArray()) {
      object(json.append('['), params, requests.frameFields()).append(']');
    } else {
      object(json, params, requests.frameFields());
    }
    String frame = json.append('}').toString();
    lastLength = frame.length();
    return frame;
  }

  /**
   * The parameters as a JSON request body, written when first read and kept: the REST request an operation equals is
   * read by a reconciler's lookup, if ever, and most orders never need it.
   */
  static RequestBody jsonBody(Map<String, Object> params) {
    return new JsonBody(params);
  }

  /** The parameters as one JSON object. */
  static String json(Map<String, Object> params) {
    return object(new StringBuilder(24 * params.size() + 2), params, Set.of()).toString();
  }

  /** Appends the parameters but {@code skipped} as one object; null values are left out. */
  private static StringBuilder object(StringBuilder json, Map<String, Object> params, Set<String> skipped) {
    json.append('{');
    params.forEach((name, value) -> { // no entry per parameter where the map has none (Parameters)
      if (value != null && !skipped.contains(name)) {
        value(name(json, name), value);
      }
    });
    return json.append('}');
  }

  /** Appends a field's name, after a comma unless it is the first of its object. */
  private static StringBuilder name(StringBuilder json, String name) {
    if (json.charAt(json.length() - 1) != '{') {
      json.append(',');
    }
    return string(json, name).append(':');
  }

  /**
   * Appends {@code text} as a JSON string, escaped by Jackson's encoder where it holds a character the encoder escapes;
   * names, ids, prices and sides hold none, and are appended as they are, as the encoder would leave them.
   */
  private static StringBuilder string(StringBuilder json, String text) {
    json.append('"');
    if (escapesNothing(text)) {
      json.append(text);
    } else {
      QUOTE.quoteAsString(text, json);
    }
    return json.append('"');
  }

  /**
   * Whether Jackson's encoder would leave {@code text} as it is: it escapes the control characters, the quote and the
   * backslash, and nothing else (characters beyond ASCII stay as they are, as with its generator's defaults).
   */
  private static boolean escapesNothing(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** A body of parameters that are not changed after it is made, so that it reads the same each time. */
  private static final class JsonBody extends RequestBody {
    private static final MediaType TYPE = MediaType.get("application/json");

    private final Map<String, Object> params;
    private volatile ByteString written;

    JsonBody(Map<String, Object> params) {
      this.params = params;
    }

    @Override
    public MediaType contentType() {
      return TYPE;
    }

    @Override
    public long contentLength() {
      return bytes().size();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(bytes());
    }

    private ByteString bytes() {
      ByteString bytes = written;
      if (bytes == null) {
        bytes = ByteString.encodeUtf8(json(params));
        written = bytes;
      }
      return bytes;
    }
  }

  private static void value(StringBuilder json, Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      json.append(((Number) value).longValue());
    } else if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof Boolean) {
      json.append(value); // as Jackson writes them: BigDecimal.toString(), true, false
    } else {
      string(json, value.toString());
    }
  }
}
