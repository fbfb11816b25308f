package io.github.exchangeresilience.samples.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * An answer under construction: status, body, headers, and the transport effect a fault puts on it. Built under the
 * handler's lock and turned into a {@link MockResponse} outside it, so a slow answer never blocks other requests.
 */
final class Reply {
  /** What happens on the wire besides the answer itself. */
  enum Effect {
    NONE,
    /** The connection is closed after the request was read and before any response byte. */
    RESET,
    /** The headers are held back for the configured delay. */
    SLOW
  }

  private final int status;
  private final String contentType;
  private final String body;
  private final List<String[]> headers = new ArrayList<>();
  private Effect effect = Effect.NONE;
  private boolean withoutRateHeaders;

  private Reply(int status, String contentType, String body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  static Reply json(int status, String body) {
    return new Reply(status, "application/json", body);
  }

  static Reply html(int status, String body) {
    return new Reply(status, "text/html", body);
  }

  int status() {
    return status;
  }

  String body() {
    return body;
  }

  Reply header(String name, Object value) {
    headers.add(new String[] {name, String.valueOf(value)});
    return this;
  }

  Reply effect(Effect effect) {
    this.effect = effect;
    return this;
  }

  /** Marks an answer that does not come from the API (a CDN or WAF page), which carries no rate-limit headers. */
  Reply withoutRateHeaders() {
    this.withoutRateHeaders = true;
    return this;
  }

  /** The headers added, name and value, in order. */
  List<String[]> headers() {
    return headers;
  }

  String header(String name) {
    for (String[] header : headers) {
      if (header[0].equalsIgnoreCase(name)) {
        return header[1];
      }
    }
    return null;
  }

  Effect effect() {
    return effect;
  }

  boolean isHtml() {
    return "text/html".equals(contentType);
  }

  boolean takesRateHeaders() {
    return !withoutRateHeaders;
  }

  MockResponse toMockResponse(Duration slowDelay) {
    MockResponse.Builder builder = new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", contentType + "; charset=utf-8")
        .body(body);
    for (String[] header : headers) {
      builder.addHeader(header[0], header[1]);
    }
    if (effect == Effect.RESET) {
      builder.onResponseStart(new SocketEffect.CloseSocket(true, false, false));
    } else if (effect == Effect.SLOW) {
      builder.headersDelay(slowDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
    return builder.build();
  }
}
