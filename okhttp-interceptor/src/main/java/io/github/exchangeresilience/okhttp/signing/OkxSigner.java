package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.Signing;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * OKX v5: the signature = Base64 HMAC-SHA256 of timestamp + METHOD + requestPath (with its query) + body, the
 * timestamp in ISO-8601 with milliseconds, UTC; the key and its passphrase in their headers; the demo-trading header
 * for demo trading; and, when an order expiry is set, the expiry header on order placements: the moment after which
 * OKX discards the request, so that an order in doubt stays in doubt no longer.
 */
final class OkxSigner extends ExchangeSigner {
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  OkxSigner(ExchangeSpec spec, CredentialsProvider credentials, ServerTimeSync time, SigningOptions options) {
    super(spec, credentials, time, options);
  }

  @Override
  Request sign(ExchangeRequest request, Credentials credentials, long nowMillis) throws IOException {
    Signing signing = spec.signing();
    String passphrase = passphrase(credentials);
    String timestamp = TIMESTAMP.format(Instant.ofEpochMilli(nowMillis));
    String prehash = prehash(timestamp, request.method(), request.url(), request.bodyUtf8());
    Request.Builder signed = request.request().newBuilder()
        .header(signing.apiKeyHeader(), credentials.apiKey())
        .header(signing.signatureHeader(), hmacBase64(credentials, prehash))
        .header(signing.timestampHeader(), timestamp)
        .header(signing.passphraseHeader(), passphrase);
    if (options.demoTrading()) {
      signed.header(signing.demoTradingHeader(), "1");
    }
    if (options.orderExpiry() != null && request.isPlacement()) {
      signed.header(signing.orderExpiryHeader(), Long.toString(nowMillis + options.orderExpiry().toMillis()));
    }
    return signed.build();
  }

  static String prehash(String timestamp, String method, HttpUrl url, String body) {
    String query = url.encodedQuery();
    return timestamp + method + url.encodedPath() + (query == null ? "" : "?" + query) + body;
  }
}
