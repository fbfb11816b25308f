package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.io.IOException;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Binance USDⓈ-M Futures: {@code signature} = hex HMAC-SHA256 of the query string followed directly by the form
 * body ("totalParams"), after {@code recvWindow} (unless the application set one) and {@code timestamp}; the
 * signature goes last, in the body when the parameters are in the body, else in the query. The key goes in
 * {@code X-MBX-APIKEY}. A previous attempt's {@code timestamp} and {@code signature} are dropped first.
 */
final class BinanceSigner extends ExchangeSigner {
  private static final Set<String> PER_ATTEMPT = Set.of("timestamp", "signature");

  BinanceSigner(OrderEndpoints endpoints, CredentialsProvider credentials, ServerTimeSync time,
      SigningOptions options) {
    super(endpoints, credentials, time, options);
  }

  @Override
  Request sign(Request request, Credentials credentials, long nowMillis) throws IOException {
    Request.Builder signed = request.newBuilder().header("X-MBX-APIKEY", credentials.apiKey());
    if (endpoints.isKeyOnly(request.url().encodedPath())) {
      return signed.build();
    }
    HttpUrl.Builder url = request.url().newBuilder();
    PER_ATTEMPT.forEach(url::removeAllQueryParameters);
    RequestBody body = request.body();
    String form = RequestBodies.isForm(body) ? FormParameters.remove(RequestBodies.utf8(body), PER_ATTEMPT) : "";
    boolean hasRecvWindow = request.url().queryParameter("recvWindow") != null
        || FormParameters.get(form, "recvWindow") != null;
    String recvWindow = Long.toString(options.recvWindow().toMillis());
    String timestamp = Long.toString(nowMillis);
    if (!form.isEmpty()) {
      if (!hasRecvWindow) {
        form = FormParameters.append(form, "recvWindow", recvWindow);
      }
      form = FormParameters.append(form, "timestamp", timestamp);
      HttpUrl unsignedUrl = url.build();
      String signature = hmacHex(credentials, totalParams(unsignedUrl, form));
      form = FormParameters.append(form, "signature", signature);
      return signed.url(unsignedUrl).method(request.method(), RequestBody.create(form, body.contentType())).build();
    }
    if (!hasRecvWindow) {
      url.addQueryParameter("recvWindow", recvWindow);
    }
    url.addQueryParameter("timestamp", timestamp);
    HttpUrl unsignedUrl = url.build();
    String signature = hmacHex(credentials, totalParams(unsignedUrl, ""));
    return signed.url(unsignedUrl.newBuilder().addEncodedQueryParameter("signature", signature).build()).build();
  }

  /** The query string as sent, then the form body as sent, with nothing between them. */
  static String totalParams(HttpUrl url, String form) {
    String query = url.encodedQuery();
    return (query == null ? "" : query) + form;
  }
}
