package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.InterceptorAware;
import io.github.exchangeresilience.okhttp.RequestSigner;
import io.github.exchangeresilience.okhttp.Sleeper;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import okhttp3.Request;

/**
 * Signs one attempt for one exchange with a timestamp from the exchange's clock as this process knows it (the local
 * clock moved by the last time sync). Public market data endpoints go out unsigned. Everything an attempt carried
 * before (timestamp, signature, key headers) is replaced, never added to. Every header and parameter name is the
 * specification's; a subclass is the exchange's recipe: what is hashed, and how.
 */
abstract class ExchangeSigner implements RequestSigner, InterceptorAware {
  final ExchangeSpec spec;
  final CredentialsProvider credentials;
  final ServerTimeSync time;
  final SigningOptions options;

  ExchangeSigner(ExchangeSpec spec, CredentialsProvider credentials, ServerTimeSync time, SigningOptions options) {
    this.spec = spec;
    this.credentials = credentials;
    this.time = time;
    this.options = options;
  }

  /** The recipe of {@code spec}'s exchange. A new exchange fails to compile here until its signer is written. */
  static ExchangeSigner of(ExchangeSpec spec, CredentialsProvider credentials, ServerTimeSync time,
      SigningOptions options) {
    return switch (spec.exchange()) {
      case BINANCE_USDM -> new BinanceSigner(spec, credentials, time, options);
      case OKX -> new OkxSigner(spec, credentials, time, options);
      case BYBIT -> new BybitSigner(spec, credentials, time, options);
      case BITGET -> new BitgetSigner(spec, credentials, time, options);
    };
  }

  /** Signs for one exchange only: an interceptor that tells several apart by host would hand it the others too. */
  @Override
  public void attach(ExchangeResilienceInterceptor interceptor, Clock clock, Sleeper sleeper) {
    if (!interceptor.exchanges().equals(Set.of(spec.exchange()))) {
      throw new IllegalStateException("signing for " + spec.exchange().id()
          + " needs an interceptor built with ExchangeResilienceInterceptor.builder(Exchange."
          + spec.exchange().name() + "), not one for " + interceptor.exchanges());
    }
  }

  @Override
  public final Request sign(ExchangeRequest request) throws IOException {
    time.observe(request.url());
    if (spec.signing().isPublic(request.path())) {
      return request.request();
    }
    Credentials current = credentials.credentials();
    if (current == null) {
      throw new MissingCredentialsException("no credentials for " + spec.exchange().id());
    }
    return sign(request, current, time.clock().millis());
  }

  /** Signs {@code request} with {@code credentials} at {@code nowMillis}, exchange time. */
  abstract Request sign(ExchangeRequest request, Credentials credentials, long nowMillis) throws IOException;

  String passphrase(Credentials credentials) throws MissingCredentialsException {
    String passphrase = credentials.passphrase();
    if (passphrase == null) {
      throw new MissingCredentialsException(spec.exchange().id() + " needs the API key's passphrase");
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
