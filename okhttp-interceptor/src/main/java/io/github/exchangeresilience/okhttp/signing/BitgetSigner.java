package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Bitget: {@code ACCESS-SIGN} = Base64 HMAC-SHA256 of timestamp + METHOD + requestPath + ("?" + queryString when
 * there is one) + body; {@code ACCESS-KEY}, {@code ACCESS-TIMESTAMP} (ms), {@code ACCESS-PASSPHRASE}, {@code locale};
 * {@code paptrading: 1} for demo trading.
 */
final class BitgetSigner extends ExchangeSigner {
  BitgetSigner(OrderEndpoints endpoints, CredentialsProvider credentials, ServerTimeSync time,
      SigningOptions options) {
    super(endpoints, credentials, time, options);
  }

  @Override
  Request sign(Request request, Credentials credentials, long nowMillis) throws IOException {
    String passphrase = passphrase(credentials);
    String timestamp = Long.toString(nowMillis);
    String prehash = prehash(timestamp, request.method(), request.url(), RequestBodies.utf8(request.body()));
    Request.Builder signed = request.newBuilder()
        .header("ACCESS-KEY", credentials.apiKey())
        .header("ACCESS-SIGN", hmacBase64(credentials, prehash))
        .header("ACCESS-TIMESTAMP", timestamp)
        .header("ACCESS-PASSPHRASE", passphrase)
        .header("locale", options.locale());
    if (options.demoTrading()) {
      signed.header("paptrading", "1");
    }
    return signed.build();
  }

  static String prehash(String timestamp, String method, HttpUrl url, String body) {
    String query = url.encodedQuery();
    return timestamp + method.toUpperCase(java.util.Locale.ROOT) + url.encodedPath()
        + (query == null ? "" : "?" + query) + body;
  }
}
