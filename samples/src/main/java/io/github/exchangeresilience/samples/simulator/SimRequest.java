package io.github.exchangeresilience.samples.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/** A received request reduced to what the handlers read: method, path, query and form parameters, body, headers. */
final class SimRequest {
  private final String method;
  private final String path;
  private final Map<String, String> query;
  private final Map<String, String> form;
  private final String body;
  private final okhttp3.Headers headers;

  private SimRequest(String method, String path, Map<String, String> query, Map<String, String> form, String body,
      okhttp3.Headers headers) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.form = form;
    this.body = body;
    this.headers = headers;
  }

  static SimRequest of(RecordedRequest recorded) {
    HttpUrl url = recorded.getUrl();
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      query.put(name, url.queryParameter(name));
    }
    String body = recorded.getBody() == null ? "" : recorded.getBody().utf8();
    String contentType = recorded.getHeaders().get("Content-Type");
    // Binance takes its parameters in the query, the form body, or both; a body that is not JSON is read as a form
    // even without a Content-Type, as Binance does.
    boolean form = (contentType != null && contentType.contains("x-www-form-urlencoded"))
        || (!body.isBlank() && !body.stripLeading().startsWith("{") && !body.stripLeading().startsWith("["));
    return new SimRequest(recorded.getMethod(), url.encodedPath(), Collections.unmodifiableMap(query),
        form ? parseForm(body) : Map.of(), body, recorded.getHeaders());
  }

  /** A request built from parts, as a WebSocket operation's REST equivalent is: a JSON body, or none. */
  static SimRequest of(String method, String path, Map<String, String> query, String jsonBody) {
    return new SimRequest(method, path, Collections.unmodifiableMap(new LinkedHashMap<>(query)), Map.of(),
        jsonBody == null ? "" : jsonBody, okhttp3.Headers.of());
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return Collections.unmodifiableMap(params);
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  boolean isGet() {
    return "GET".equals(method);
  }

  boolean isPost() {
    return "POST".equals(method);
  }

  /** A query parameter, else a form parameter; null if absent or empty. */
  String param(String name) {
    String value = query.get(name);
    if (value == null) {
      value = form.get(name);
    }
    return value == null || value.isEmpty() ? null : value;
  }

  String body() {
    return body;
  }

  String header(String name) {
    return headers.get(name);
  }

  /** The body as a JSON tree; see {@link Json#read(String)}. */
  Object json() throws Json.MalformedJsonException {
    return Json.read(body);
  }
}
