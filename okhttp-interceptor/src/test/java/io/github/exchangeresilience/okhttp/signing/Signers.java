package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.ResilienceOptions;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import okhttp3.Request;

/** Signers on a fixed clock, attached the way the interceptor attaches them. */
final class Signers {
  static final SigningOptions DEFAULTS = new SigningOptions(Duration.ofMillis(5000), false, "en-US", null);

  private Signers() {}

  static ExchangeSigner at(Exchange exchange, long epochMillis, Credentials credentials, SigningOptions options) {
    ServerTimeSync time = ServerTimeSync.forExchange(exchange);
    ExchangeResilienceInterceptor.builder(exchange)
        .clock(Clock.fixed(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC))
        .timeSync(time)
        .build();
    return ExchangeSigner.of(exchange.spec(), CredentialsProvider.of(credentials), time, options);
  }

  static ExchangeSigner at(Exchange exchange, long epochMillis, Credentials credentials) {
    return at(exchange, epochMillis, credentials, DEFAULTS);
  }

  /** {@code request} read as the interceptor reads it, for the exchange its host belongs to. */
  static ExchangeRequest view(Request request) {
    Exchange exchange = Exchange.forHost(request.url().host()).orElseThrow();
    return view(exchange, request);
  }

  static ExchangeRequest view(Exchange exchange, Request request) {
    return ExchangeRequest.of(request, exchange.spec(), ResilienceOptions.DEFAULT_NON_IDEMPOTENT_METHODS, Set.of());
  }
}
