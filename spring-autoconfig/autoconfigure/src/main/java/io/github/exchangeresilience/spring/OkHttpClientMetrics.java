package io.github.exchangeresilience.spring;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.EndpointTemplates;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpObservationInterceptor;
import io.micrometer.observation.ObservationRegistry;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Micrometer's OkHttp instrumentation for the auto-configured client: {@value #NAME}, one observation per attempt on
 * the wire. It sits after the exchange-resilience interceptor, so every retry and resend is seen with the status the
 * exchange answered (or the exception), not only the call's final outcome.
 *
 * <p>Tags stay bounded: {@code exchange} is an exchange id or {@code none}, {@code uri} one of the
 * {@link EndpointTemplates} or {@code other}; a query string, an order id or a raw path never becomes a tag value.
 */
final class OkHttpClientMetrics {
  static final String NAME = "okhttp.requests";
  static final String NO_EXCHANGE = "none";

  private final Interceptor interceptor;

  OkHttpClientMetrics(ObservationRegistry registry, ExchangeResilienceInterceptor exchanges,
      EndpointTemplates endpoints) {
    this.interceptor = OkHttpObservationInterceptor.builder(registry, NAME)
        .uriMapper(endpoints::endpointOf)
        .tag((request, response) -> KeyValue.of("exchange",
            exchanges.exchangeOf(request).map(Exchange::id).orElse(NO_EXCHANGE)))
        .build();
  }

  OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
    return builder.addInterceptor(interceptor);
  }
}
