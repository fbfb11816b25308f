package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.Signing;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.internal.FormParameters;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.io.IOException;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Binance: the signature parameter = hex HMAC-SHA256 of the query string followed directly by the form body
 * ("totalParams"), after the receive window (unless the application set one) and the timestamp; the signature goes
 * last, in the body when the parameters are in the body, else in the query. The key goes in its header. A previous
 * attempt's timestamp and signature are dropped first.
 */
final class BinanceSigner extends ExchangeSigner {
  private final Set<String> perAttempt;

  BinanceSigner(ExchangeSpec spec, CredentialsProvider credentials, ServerTimeSync time, SigningOptions options) {
    super(spec, credentials, time, options);
    this.perAttempt = Set.of(spec.signing().timestampParameter(), spec.signing().signatureParameter());
  }

  @Override
  Request sign(ExchangeRequest request, Credentials credentials, long nowMillis) throws IOException {
    Signing signing = spec.signing();
    Request.Builder signed = request.request().newBuilder().header(signing.apiKeyHeader(), credentials.apiKey());
    if (signing.isKeyOnly(request.path())) {
      return signed.build();
    }
    HttpUrl.Builder url = request.url().newBuilder();
    perAttempt.forEach(url::removeAllQueryParameters);
    String form = request.isForm() ? FormParameters.remove(request.bodyUtf8(), perAttempt) : "";
    String recvWindowParameter = signing.recvWindowParameter();
    boolean hasRecvWindow = request.url().queryParameter(recvWindowParameter) != null
        || FormParameters.get(form, recvWindowParameter) != null;
    String recvWindow = Long.toString(options.recvWindow().toMillis());
    String timestamp = Long.toString(nowMillis);
    if (!form.isEmpty()) {
      if (!hasRecvWindow) {
        form = FormParameters.append(form, recvWindowParameter, recvWindow);
      }
      form = FormParameters.append(form, signing.timestampParameter(), timestamp);
      HttpUrl unsignedUrl = url.build();
      String signature = hmacHex(credentials, totalParams(unsignedUrl, form));
      form = FormParameters.append(form, signing.signatureParameter(), signature);
      RequestBody body = request.request().body();
      return signed.url(unsignedUrl).method(request.method(), RequestBody.create(form, body.contentType())).build();
    }
    if (!hasRecvWindow) {
      url.addQueryParameter(recvWindowParameter, recvWindow);
    }
    url.addQueryParameter(signing.timestampParameter(), timestamp);
    HttpUrl unsignedUrl = url.build();
    String signature = hmacHex(credentials, totalParams(unsignedUrl, ""));
    return signed.url(unsignedUrl.newBuilder().addEncodedQueryParameter(signing.signatureParameter(), signature)
        .build()).build();
  }

  /** The query string as sent, then the form body as sent, with nothing between them. */
  static String totalParams(HttpUrl url, String form) {
    String query = url.encodedQuery();
    return (query == null ? "" : query) + form;
  }
}
