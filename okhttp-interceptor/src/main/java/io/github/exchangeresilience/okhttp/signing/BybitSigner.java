package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.Signing;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.io.IOException;
import okhttp3.Request;

/**
 * Bybit v5: the signature = hex HMAC-SHA256 of timestamp + API key + recvWindow + (the query string of a GET | the
 * JSON body of a POST); the key, the timestamp (ms) and the receive window in their headers.
 */
final class BybitSigner extends ExchangeSigner {
  BybitSigner(ExchangeSpec spec, CredentialsProvider credentials, ServerTimeSync time, SigningOptions options) {
    super(spec, credentials, time, options);
  }

  @Override
  Request sign(ExchangeRequest request, Credentials credentials, long nowMillis) throws IOException {
    Signing signing = spec.signing();
    String apiKey = credentials.apiKey();
    String timestamp = Long.toString(nowMillis);
    String recvWindow = Long.toString(options.recvWindow().toMillis());
    String payload;
    if ("GET".equals(request.method())) {
      String query = request.url().encodedQuery();
      payload = query == null ? "" : query;
    } else {
      payload = request.bodyUtf8();
    }
    return request.request().newBuilder()
        .header(signing.apiKeyHeader(), apiKey)
        .header(signing.signatureHeader(), hmacHex(credentials, prehash(timestamp, apiKey, recvWindow, payload)))
        .header(signing.timestampHeader(), timestamp)
        .header(signing.recvWindowHeader(), recvWindow)
        .build();
  }

  static String prehash(String timestamp, String apiKey, String recvWindow, String payload) {
    return timestamp + apiKey + recvWindow + payload;
  }
}
