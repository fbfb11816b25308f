package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.io.IOException;
import okhttp3.Request;

/**
 * Bybit v5: {@code X-BAPI-SIGN} = hex HMAC-SHA256 of timestamp + API key + recvWindow + (the query string of a GET |
 * the JSON body of a POST); {@code X-BAPI-API-KEY}, {@code X-BAPI-TIMESTAMP} (ms), {@code X-BAPI-RECV-WINDOW}.
 */
final class BybitSigner extends ExchangeSigner {
  BybitSigner(OrderEndpoints endpoints, CredentialsProvider credentials, ServerTimeSync time, SigningOptions options) {
    super(endpoints, credentials, time, options);
  }

  @Override
  Request sign(Request request, Credentials credentials, long nowMillis) throws IOException {
    String apiKey = credentials.apiKey();
    String timestamp = Long.toString(nowMillis);
    String recvWindow = Long.toString(options.recvWindow().toMillis());
    String payload;
    if ("GET".equals(request.method())) {
      String query = request.url().encodedQuery();
      payload = query == null ? "" : query;
    } else {
      payload = RequestBodies.utf8(request.body());
    }
    return request.newBuilder()
        .header("X-BAPI-API-KEY", apiKey)
        .header("X-BAPI-SIGN", hmacHex(credentials, prehash(timestamp, apiKey, recvWindow, payload)))
        .header("X-BAPI-TIMESTAMP", timestamp)
        .header("X-BAPI-RECV-WINDOW", recvWindow)
        .build();
  }

  static String prehash(String timestamp, String apiKey, String recvWindow, String payload) {
    return timestamp + apiKey + recvWindow + payload;
  }
}
