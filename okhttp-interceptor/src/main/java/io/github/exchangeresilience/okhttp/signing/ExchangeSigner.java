package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.InterceptorAware;
import io.github.exchangeresilience.okhttp.RequestSigner;
import io.github.exchangeresilience.okhttp.Sleeper;
import java.time.Clock;
import java.util.Set;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import okhttp3.Request;

/**
 * Signs one attempt for one exchange with a timestamp from the exchange's clock as this process knows it (the local
 * clock moved by the last time sync). Public market data endpoints go out unsigned. Everything an attempt carried
 * before (timestamp, signature, key headers) is replaced, never added to.
 */
abstract class ExchangeSigner implements RequestSigner, InterceptorAware {
  final OrderEndpoints endpoints;
  final CredentialsProvider credentials;
  final ServerTimeSync time;
  final SigningOptions options;

  ExchangeSigner(OrderEndpoints endpoints, CredentialsProvider credentials, ServerTimeSync time,
      SigningOptions options) {
    this.endpoints = endpoints;
    this.credentials = credentials;
    this.time = time;
    this.options = options;
  }

  static ExchangeSigner of(OrderEndpoints endpoints, CredentialsProvider credentials, ServerTimeSync time,
      SigningOptions options) {
    return switch (endpoints.exchange()) {
      case BINANCE_USDM -> new BinanceSigner(endpoints, credentials, time, options);
      case OKX -> new OkxSigner(endpoints, credentials, time, options);
      case BYBIT -> new BybitSigner(endpoints, credentials, time, options);
      case BITGET -> new BitgetSigner(endpoints, credentials, time, options);
    };
  }

  /** Signs for one exchange only: an interceptor that tells several apart by host would hand it the others too. */
  @Override
  public void attach(ExchangeResilienceInterceptor interceptor, Clock clock, Sleeper sleeper) {
    if (!interceptor.exchanges().equals(Set.of(endpoints.exchange()))) {
      throw new IllegalStateException("signing for " + endpoints.exchange().id()
          + " needs an interceptor built with ExchangeResilienceInterceptor.builder(Exchange."
          + endpoints.exchange().name() + "), not one for " + interceptor.exchanges());
    }
  }

  @Override
  public final Request sign(Request request) throws IOException {
    time.observe(request.url());
    if (endpoints.isPublic(request.url().encodedPath())) {
      return request;
    }
    Credentials current = credentials.credentials();
    if (current == null) {
      throw new MissingCredentialsException("no credentials for " + endpoints.exchange().id());
    }
    return sign(request, current, time.clock().millis());
  }

  /** Signs {@code request} with {@code credentials} at {@code nowMillis}, exchange time. */
  abstract Request sign(Request request, Credentials credentials, long nowMillis) throws IOException;

  String passphrase(Credentials credentials) throws MissingCredentialsException {
    String passphrase = credentials.passphrase();
    if (passphrase == null) {
      throw new MissingCredentialsException(endpoints.exchange().id() + " needs the API key's passphrase");
    }
    return passphrase;
  }

  static String hmacHex(Credentials credentials, String payload) {
    return HexFormat.of().formatHex(credentials.hmacSha256().doFinal(payload.getBytes(StandardCharsets.UTF_8)));
  }

  static String hmacBase64(Credentials credentials, String payload) {
    return Base64.getEncoder()
        .encodeToString(credentials.hmacSha256().doFinal(payload.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + credentials + "}";
  }
}
