package io.github.exchangeresilience.okhttp.websocket;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.exchangeresilience.exchange.WebSocketApi;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.ByteString;

/**
 * Writes request frames as the exchange's specification shapes them: the id, the constant fields, the operation, the
 * header object, the fields that go in the frame, and the parameters, as an object or an array of one. Numbers stay
 * numbers and everything else is written as text, as the exchanges expect prices and quantities.
 */
final class RequestFrames {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final WebSocketApi.Requests requests;

  RequestFrames(WebSocketApi.Requests requests) {
    this.requests = requests;
  }

  String write(String operation, String id, Map<String, Object> params, Map<String, String> header) {
    StringWriter out = new StringWriter(128 + 24 * params.size());
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField(requests.idField(), id);
      for (Map.Entry<String, String> constant : requests.constantFields().entrySet()) {
        json.writeStringField(constant.getKey(), constant.getValue());
      }
      json.writeStringField(requests.opField(), operation);
      if (requests.headerField() != null && !header.isEmpty()) {
        json.writeObjectFieldStart(requests.headerField());
        for (Map.Entry<String, String> field : header.entrySet()) {
          json.writeStringField(field.getKey(), field.getValue());
        }
        json.writeEndObject();
      }
      for (String field : requests.frameFields()) {
        Object value = params.get(field);
        if (value != null) {
          json.writeFieldName(field);
          writeValue(json, value);
        }
      }
      json.writeFieldName(requests.argsField());
      if (requests.argsInArray()) {
        json.writeStartArray();
      }
      json.writeStartObject();
      for (Map.Entry<String, Object> param : params.entrySet()) {
        if (!requests.frameFields().contains(param.getKey()) && param.getValue() != null) {
          json.writeFieldName(param.getKey());
          writeValue(json, param.getValue());
        }
      }
      json.writeEndObject();
      if (requests.argsInArray()) {
        json.writeEndArray();
      }
      json.writeEndObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible); // a StringWriter does not fail
    }
    return out.toString();
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
    StringWriter out = new StringWriter(24 * params.size() + 2);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, Object> param : params.entrySet()) {
        if (param.getValue() != null) {
          json.writeFieldName(param.getKey());
          writeValue(json, param.getValue());
        }
      }
      json.writeEndObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return out.toString();
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

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      json.writeNumber(integer);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else {
      json.writeString(value.toString());
    }
  }
}
