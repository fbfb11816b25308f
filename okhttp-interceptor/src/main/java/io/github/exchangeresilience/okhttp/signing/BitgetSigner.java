package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.Signing;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Bitget: the signature = Base64 HMAC-SHA256 of timestamp + METHOD + requestPath + ("?" + queryString when there is
 * one) + body; the key, the timestamp (ms), the passphrase and the locale in their headers; the demo-trading header
 * for demo trading.
 */
final class BitgetSigner extends ExchangeSigner {
  BitgetSigner(ExchangeSpec spec, CredentialsProvider credentials, ServerTimeSync time, SigningOptions options) {
    super(spec, credentials, time, options);
  }

  @Override
  Request sign(ExchangeRequest request, Credentials credentials, long nowMillis) throws IOException {
    Signing signing = spec.signing();
    String passphrase = passphrase(credentials);
    String timestamp = Long.toString(nowMillis);
    String prehash = prehash(timestamp, request.method(), request.url(), request.bodyUtf8());
    Request.Builder signed = request.request().newBuilder()
        .header(signing.apiKeyHeader(), credentials.apiKey())
        .header(signing.signatureHeader(), hmacBase64(credentials, prehash))
        .header(signing.timestampHeader(), timestamp)
        .header(signing.passphraseHeader(), passphrase)
        .header(signing.localeHeader(), options.locale());
    if (options.demoTrading()) {
      signed.header(signing.demoTradingHeader(), "1");
    }
    return signed.build();
  }

  static String prehash(String timestamp, String method, HttpUrl url, String body) {
    String query = url.encodedQuery();
    return timestamp + method.toUpperCase(java.util.Locale.ROOT) + url.encodedPath()
        + (query == null ? "" : "?" + query) + body;
  }
}
