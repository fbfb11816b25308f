package io.github.exchangeresilience.spring;

import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;

/**
 * Adjusts the auto-configured interceptor's builder after the properties are applied: for what no property covers,
 * such as a request weight, a signer or a request preparer. Every such bean is applied, in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * ExchangeResilienceInterceptorCustomizer binanceWeights() {
 *   return builder -> builder.requestWeight(request -> weightOf(request.url().encodedPath()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ExchangeResilienceInterceptorCustomizer {
  void customize(ExchangeResilienceInterceptor.Builder builder);
}
