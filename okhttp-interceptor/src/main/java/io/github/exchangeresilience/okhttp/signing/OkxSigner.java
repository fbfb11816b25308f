package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * OKX v5: {@code OK-ACCESS-SIGN} = Base64 HMAC-SHA256 of timestamp + METHOD + requestPath (with its query) + body,
 * {@code OK-ACCESS-TIMESTAMP} in ISO-8601 with milliseconds, UTC; {@code OK-ACCESS-KEY}, {@code OK-ACCESS-PASSPHRASE};
 * {@code x-simulated-trading: 1} for demo trading; and, when an order expiry is set, {@code expTime} on order
 * placements: the moment after which OKX discards the request, so that an order in doubt stays in doubt no longer.
 */
final class OkxSigner extends ExchangeSigner {
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  OkxSigner(OrderEndpoints endpoints, CredentialsProvider credentials, ServerTimeSync time, SigningOptions options) {
    super(endpoints, credentials, time, options);
  }

  @Override
  Request sign(Request request, Credentials credentials, long nowMillis) throws IOException {
    String passphrase = passphrase(credentials);
    String timestamp = TIMESTAMP.format(Instant.ofEpochMilli(nowMillis));
    String prehash = prehash(timestamp, request.method(), request.url(), RequestBodies.utf8(request.body()));
    Request.Builder signed = request.newBuilder()
        .header("OK-ACCESS-KEY", credentials.apiKey())
        .header("OK-ACCESS-SIGN", hmacBase64(credentials, prehash))
        .header("OK-ACCESS-TIMESTAMP", timestamp)
        .header("OK-ACCESS-PASSPHRASE", passphrase);
    if (options.demoTrading()) {
      signed.header("x-simulated-trading", "1");
    }
    if (options.orderExpiry() != null && endpoints.isPlacement(request.method(), request.url().encodedPath())) {
      signed.header("expTime", Long.toString(nowMillis + options.orderExpiry().toMillis()));
    }
    return signed.build();
  }

  static String prehash(String timestamp, String method, HttpUrl url, String body) {
    String query = url.encodedQuery();
    return timestamp + method + url.encodedPath() + (query == null ? "" : "?" + query) + body;
  }
}
