package io.github.exchangeresilience.spring;

import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Sets an application's own {@link OkHttpClient.Builder} up as the README shows: the interceptor first, and OkHttp's
 * silent resend on a failed connection off, since it could send an order twice. Add a signing interceptor after
 * calling it, so that every attempt is signed afresh.
 */
public final class ExchangeResilienceOkHttpCustomizer {
  private final ExchangeResilienceInterceptor interceptor;

  public ExchangeResilienceOkHttpCustomizer(ExchangeResilienceInterceptor interceptor) {
    this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
  }

  public OkHttpClient.Builder customize(OkHttpClient.Builder builder) {
    return builder.retryOnConnectionFailure(false).addInterceptor(interceptor);
  }
}
