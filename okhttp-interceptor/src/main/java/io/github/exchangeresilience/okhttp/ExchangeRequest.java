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
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
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
  /** The key scope of requests without an API key header, per exchange: built once, not per call. */
  private static final Map<Exchange, String> DEFAULT_KEY_SCOPES = defaultKeyScopes();
  /** Stands for a body not read yet (compared by identity): see {@link #known}. */
  private static final ByteString UNREAD = ByteString.of((byte) 0);

  /** The request as given; for a known request with a posted body, the request it is posted to, without the body. */
  private final Request request;
  /** The body a known request posts to {@link #request}; {@code null} where {@link #request} is the request. */
  private final RequestBody posted;
  private final ExchangeSpec spec;
  private final boolean idempotent;
  private final String clientOrderId;
  // Read when first asked for, at most once per call (racy but idempotent: each thread computes the same value).
  /** The body as read; {@code null} for none or an unreadable one; {@link #UNREAD} until a known request's is read. */
  private ByteString body;
  private String path;
  private String keyScope;
  private String description;
  /** The request with the posted body, built when first asked for. */
  private Request built;

  private ExchangeRequest(Request request, ExchangeSpec spec, ByteString body, boolean idempotent, String path) {
    this.request = request;
    this.posted = null;
    this.spec = spec;
    this.body = body;
    this.idempotent = idempotent;
    this.path = path;
    this.clientOrderId = idempotent ? null : findClientOrderId();
  }

  private ExchangeRequest(Request request, RequestBody posted, ExchangeSpec spec, boolean idempotent,
      String clientOrderId) {
    this.request = request;
    this.posted = posted;
    this.spec = spec;
    this.body = UNREAD;
    this.idempotent = idempotent;
    this.clientOrderId = idempotent ? null : clientOrderId;
  }

  /**
   * Reads {@code request} for {@code spec}'s exchange. It is idempotent unless its method is among
   * {@code nonIdempotentMethods} and its path is neither a documented cancel nor among {@code idempotentEndpoints}.
   */
  public static ExchangeRequest of(Request request, ExchangeSpec spec, Set<String> nonIdempotentMethods,
      Set<String> idempotentEndpoints) {
    boolean idempotent = !nonIdempotentMethods.contains(request.method());
    String path = null;
    if (!idempotent) {
      path = request.url().encodedPath();
      idempotent = spec.orders().cancels().contains(path) || idempotentEndpoints.contains(path);
    }
    return new ExchangeRequest(request, spec, readBody(request.body()), idempotent, path);
  }

  /**
   * A request whose maker already knows what {@link #of} would read from it: whether resending it is safe, and the
   * client order id of a non-idempotent one ({@code null} for none). Such is the REST request a WebSocket session's
   * operation equals. Nothing is parsed, and its body is read only when something asks for it (a reconciler's
   * lookup), at most once: it must be a body that can be written more than once, with the same bytes.
   *
   * <p>With a {@code posted} body, the request is {@code request} with that body posted to it, built only when
   * something asks for it ({@link #request()}: a listener, a reconciler): what the rest reads of it (its method, URL,
   * headers and body) is read from the two as they are. {@code null} takes {@code request} as it is.
   */
  public static ExchangeRequest known(Request request, RequestBody posted, ExchangeSpec spec, boolean idempotent,
      String clientOrderId) {
    return new ExchangeRequest(request, posted, spec, idempotent, clientOrderId);
  }

  /** The same call, its request rewritten by a preparer (a client order id added): read again. */
  public ExchangeRequest withRequest(Request prepared) {
    if (prepared == request) {
      return this;
    }
    return new ExchangeRequest(prepared, spec, readBody(prepared.body()), idempotent, null);
  }

  public Request request() {
    if (posted == null) {
      return request;
    }
    Request made = built; // racy but idempotent, as the fields below: any thread builds the same request
    if (made == null) {
      made = request.newBuilder().post(posted).build();
      built = made;
    }
    return made;
  }

  public ExchangeSpec spec() {
    return spec;
  }

  public Exchange exchange() {
    return spec.exchange();
  }

  public String method() {
    return posted == null ? request.method() : "POST";
  }

  public HttpUrl url() {
    return request.url();
  }

  /** The encoded path. */
  public String path() {
    String encoded = path;
    if (encoded == null) {
      encoded = request.url().encodedPath(); // a new string each time it is asked for
      path = encoded;
    }
    return encoded;
  }

  /** Whether resending cannot create a second order: GET, DELETE, the cancels and the configured endpoints. */
  public boolean idempotent() {
    return idempotent;
  }

  public boolean isSinglePlacement() {
    return spec.orders().mayPlace(method()) && spec.orders().isSinglePlacement(method(), path());
  }

  public boolean isBatchPlacement() {
    return spec.orders().mayPlace(method()) && spec.orders().isBatchPlacement(method(), path());
  }

  /** Whether this places orders, single or batch. The method is asked first: a GET's path is never read for it. */
  public boolean isPlacement() {
    return spec.orders().mayPlace(method()) && spec.orders().isPlacement(method(), path());
  }

  /** The client order id of a non-idempotent request, from its query, form or JSON body; {@code null} if none. */
  public String clientOrderId() {
    return clientOrderId;
  }

  /** Whether the body was read: there is one, it is neither one-shot nor duplex, and it is not too long. */
  public boolean hasReadableBody() {
    return readableBody() != null;
  }

  /** The body as sent; empty for none. Throws for a body that could not be read, which cannot be signed either. */
  public ByteString body() throws IOException {
    ByteString read = readableBody();
    if (read == null && sentBody() != null) {
      throw new IOException("a one-shot, duplex or oversized request body cannot be read to sign it");
    }
    return read == null ? ByteString.EMPTY : read;
  }

  /** The body as UTF-8 text; empty for none. */
  public String bodyUtf8() throws IOException {
    return body().utf8();
  }

  /** Whether the body is {@code application/x-www-form-urlencoded}. */
  public boolean isForm() {
    RequestBody sent = sentBody();
    MediaType type = sent == null ? null : sent.contentType();
    return type != null && "x-www-form-urlencoded".equals(type.subtype());
  }

  /** The decoded value of {@code name} in the query, else in a form body; {@code null} if neither has it. */
  public String parameter(String name) {
    String fromQuery = request.url().queryParameter(name);
    if (fromQuery != null || !isForm()) {
      return fromQuery;
    }
    ByteString read = readableBody();
    return read == null ? null : FormParameters.get(read.utf8(), name);
  }

  /**
   * Identifies the API key without holding it: the exchange and a short hash of the key header's value, the scope
   * of the rejected-key cool-down.
   */
  public String keyScope() {
    String scope = keyScope;
    if (scope == null) {
      String apiKey = request.header(spec.signing().apiKeyHeader());
      scope = apiKey == null
          ? DEFAULT_KEY_SCOPES.get(spec.exchange())
          : spec.exchange().id() + ":" + fingerprint(apiKey);
      keyScope = scope;
    }
    return scope;
  }

  /** Method, path and redacted query: safe for messages and logs. */
  public String description() {
    String described = description;
    if (described == null) {
      described = RequestDescriptions.describe(request());
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

  /** The body, read now if it was left unread; {@code null} for none or one that cannot be read. */
  private ByteString readableBody() {
    ByteString read = body;
    if (read == UNREAD) {
      read = readBody(sentBody());
      body = read;
    }
    return read;
  }

  /** The body the request sends: the posted one, else its own. */
  private RequestBody sentBody() {
    return posted != null ? posted : request.body();
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

  private static Map<Exchange, String> defaultKeyScopes() {
    Map<Exchange, String> scopes = new EnumMap<>(Exchange.class);
    for (Exchange exchange : Exchange.values()) {
      scopes.put(exchange, exchange.id() + ":default");
    }
    return scopes;
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
