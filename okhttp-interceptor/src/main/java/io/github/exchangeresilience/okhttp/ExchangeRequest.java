package io.github.exchangeresilience.okhttp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.okhttp.internal.FormParameters;
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
import okio.ByteString;

/**
 * One outgoing request as the library reads it, parsed once per call and shared by the request preparer, the signer,
 * the reconciler and the interceptor: its method, path and body, and what its exchange's specification makes of them
 * (an order placement, its client order id, whether resending it is safe).
 *
 * <p>The body is read once. A one-shot or duplex body, or one longer than {@value #MAX_BODY} bytes, is not read: it
 * has no client order id the library could use, and cannot be signed here.
 */
public final class ExchangeRequest {
  /** Longer than any order or batch of orders an exchange takes. */
  public static final int MAX_BODY = 256 * 1024;

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final Request request;
  private final ExchangeSpec spec;
  private final ByteString body;
  private final boolean idempotent;
  private final String clientOrderId;
  private String description;

  private ExchangeRequest(Request request, ExchangeSpec spec, ByteString body, boolean idempotent) {
    this.request = request;
    this.spec = spec;
    this.body = body;
    this.idempotent = idempotent;
    this.clientOrderId = idempotent ? null : findClientOrderId();
  }

  /**
   * Reads {@code request} for {@code spec}'s exchange. It is idempotent unless its method is among
   * {@code nonIdempotentMethods} and its path is neither a documented cancel nor among {@code idempotentEndpoints}.
   */
  public static ExchangeRequest of(Request request, ExchangeSpec spec, Set<String> nonIdempotentMethods,
      Set<String> idempotentEndpoints) {
    String path = request.url().encodedPath();
    boolean idempotent = !nonIdempotentMethods.contains(request.method())
        || spec.orders().cancels().contains(path) || idempotentEndpoints.contains(path);
    return new ExchangeRequest(request, spec, readBody(request.body()), idempotent);
  }

  /** The same call, its request rewritten by a preparer (a client order id added): read again. */
  public ExchangeRequest withRequest(Request prepared) {
    if (prepared == request) {
      return this;
    }
    return new ExchangeRequest(prepared, spec, readBody(prepared.body()), idempotent);
  }

  public Request request() {
    return request;
  }

  public ExchangeSpec spec() {
    return spec;
  }

  public Exchange exchange() {
    return spec.exchange();
  }

  public String method() {
    return request.method();
  }

  public HttpUrl url() {
    return request.url();
  }

  /** The encoded path. */
  public String path() {
    return request.url().encodedPath();
  }

  /** Whether resending cannot create a second order: GET, DELETE, the cancels and the configured endpoints. */
  public boolean idempotent() {
    return idempotent;
  }

  public boolean isSinglePlacement() {
    return spec.orders().isSinglePlacement(method(), path());
  }

  public boolean isBatchPlacement() {
    return spec.orders().isBatchPlacement(method(), path());
  }

  public boolean isPlacement() {
    return spec.orders().isPlacement(method(), path());
  }

  /** The client order id of a non-idempotent request, from its query, form or JSON body; {@code null} if none. */
  public String clientOrderId() {
    return clientOrderId;
  }

  /** Whether the body was read: there is one, it is neither one-shot nor duplex, and it is not too long. */
  public boolean hasReadableBody() {
    return body != null;
  }

  /** The body as sent; empty for none. Throws for a body that could not be read, which cannot be signed either. */
  public ByteString body() throws IOException {
    if (body == null && request.body() != null) {
      throw new IOException("a one-shot, duplex or oversized request body cannot be read to sign it");
    }
    return body == null ? ByteString.EMPTY : body;
  }

  /** The body as UTF-8 text; empty for none. */
  public String bodyUtf8() throws IOException {
    return body().utf8();
  }

  /** Whether the body is {@code application/x-www-form-urlencoded}. */
  public boolean isForm() {
    MediaType type = request.body() == null ? null : request.body().contentType();
    return type != null && "x-www-form-urlencoded".equals(type.subtype());
  }

  /** The decoded value of {@code name} in the query, else in a form body; {@code null} if neither has it. */
  public String parameter(String name) {
    String fromQuery = request.url().queryParameter(name);
    if (fromQuery != null || body == null || !isForm()) {
      return fromQuery;
    }
    return FormParameters.get(body.utf8(), name);
  }

  /**
   * Identifies the API key without holding it: the exchange and a short hash of the key header's value, the scope
   * of the rejected-key cool-down.
   */
  public String keyScope() {
    String apiKey = request.header(spec.signing().apiKeyHeader());
    return spec.exchange().id() + ":" + (apiKey == null ? "default" : fingerprint(apiKey));
  }

  /** Method, path and redacted query: safe for messages and logs. */
  public String description() {
    String described = description;
    if (described == null) {
      described = RequestDescriptions.describe(request);
      description = described;
    }
    return described;
  }

  @Override
  public String toString() {
    return "ExchangeRequest{" + spec.exchange().id() + " " + description() + "}";
  }

  private String findClientOrderId() {
    String field = spec.orders().clientOrderIdField();
    String fromParameters = parameter(field);
    if (fromParameters != null) {
      return fromParameters.isEmpty() ? null : fromParameters;
    }
    return body == null || isForm() ? null : topLevelJsonField(body, field);
  }

  private static ByteString readBody(RequestBody body) {
    if (body == null || body.isOneShot() || body.isDuplex()) {
      return null;
    }
    try {
      if (body.contentLength() > MAX_BODY) {
        return null;
      }
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      return buffer.size() > MAX_BODY ? null : buffer.readByteString();
    } catch (IOException | RuntimeException e) {
      // A body that cannot be read has no client order id we could use; the call goes on without one.
      return null;
    }
  }

  private static String topLevelJsonField(ByteString json, String field) {
    try (JsonParser parser = JSON.createParser(json.toByteArray())) {
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
    } catch (IOException | RuntimeException e) {
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
