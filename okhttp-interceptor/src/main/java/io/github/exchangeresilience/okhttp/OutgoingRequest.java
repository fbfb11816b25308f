package io.github.exchangeresilience.okhttp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/** What the interceptor needs to know about a request before it sends it, worked out once per call. */
final class OutgoingRequest {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  /** Bodies larger than this are not searched for a client order id. */
  private static final long MAX_BODY_SCAN = 64 * 1024;

  private final Request request;
  private final String description;
  private final boolean idempotent;
  private final boolean orderPlacement;
  private final String clientOrderId;
  private final String keyScope;

  private OutgoingRequest(Request request, String description, boolean idempotent, boolean orderPlacement,
      String clientOrderId, String keyScope) {
    this.request = request;
    this.description = description;
    this.idempotent = idempotent;
    this.orderPlacement = orderPlacement;
    this.clientOrderId = clientOrderId;
    this.keyScope = keyScope;
  }

  static OutgoingRequest of(Request request, ExchangeProfile profile, Set<String> nonIdempotentMethods,
      Set<String> idempotentPaths) {
    String path = request.url().encodedPath();
    String method = request.method();
    boolean idempotent = !nonIdempotentMethods.contains(method) || idempotentPaths.contains(path);
    boolean orderPlacement = "POST".equals(method) && profile.orderPlacementPaths().contains(path);
    String clientOrderId = idempotent ? null : clientOrderId(request, profile.clientOrderIdParameter());
    String apiKey = request.header(profile.apiKeyHeader());
    String keyScope = profile.exchange().id() + ":" + (apiKey == null ? "default" : fingerprint(apiKey));
    return new OutgoingRequest(request, RequestDescriptions.describe(request), idempotent, orderPlacement,
        clientOrderId, keyScope);
  }

  Request request() {
    return request;
  }

  /** Method, path and redacted query: safe for messages. */
  String description() {
    return description;
  }

  /** True when resending cannot create a second order: GET, DELETE, and the configured POST endpoints. */
  boolean idempotent() {
    return idempotent;
  }

  boolean orderPlacement() {
    return orderPlacement;
  }

  /** The client order id of a non-idempotent request, or {@code null}. */
  String clientOrderId() {
    return clientOrderId;
  }

  /** Identifies the API key without holding it: the scope of the rejected-key cool-down. */
  String keyScope() {
    return keyScope;
  }

  /** Finds the client order id in the query, a form body or a top-level JSON field. */
  static String clientOrderId(Request request, String parameter) {
    HttpUrl url = request.url();
    String fromQuery = url.queryParameter(parameter);
    if (fromQuery != null) {
      return fromQuery;
    }
    RequestBody body = request.body();
    if (body == null || body.isOneShot() || body.isDuplex()) {
      return null;
    }
    try {
      long length = body.contentLength();
      if (length > MAX_BODY_SCAN) {
        return null;
      }
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      if (buffer.size() > MAX_BODY_SCAN) {
        return null;
      }
      byte[] bytes = buffer.readByteArray();
      MediaType type = body.contentType();
      if (type != null && "x-www-form-urlencoded".equals(type.subtype())) {
        return formParameter(new String(bytes, StandardCharsets.UTF_8), parameter);
      }
      return topLevelJsonField(bytes, parameter);
    } catch (IOException | RuntimeException e) {
      // A body we cannot read or parse has no client order id we could use; the call goes on without one.
      return null;
    }
  }

  private static String formParameter(String form, String parameter) {
    HttpUrl parsed = HttpUrl.parse("http://localhost/?" + form);
    return parsed == null ? null : parsed.queryParameter(parameter);
  }

  private static String topLevelJsonField(byte[] json, String field) throws IOException {
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals(name) && (value == JsonToken.VALUE_STRING || value.isNumeric())) {
          String text = parser.getText();
          return text.isEmpty() ? null : text;
        }
        parser.skipChildren();
      }
      return null;
    }
  }

  private static String fingerprint(String apiKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
