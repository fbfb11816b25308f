package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reaches an interceptor's {@link ExchangeCore} of an exchange from outside its package, so that a WebSocket session
 * built from an interceptor shares its budgets, bans and breaker without the interceptor's public API naming an
 * internal type. The interceptor installs the way in when its class initializes.
 */
public final class InterceptorAccess {
  private static volatile BiFunction<ExchangeResilienceInterceptor, Exchange, ExchangeCore> cores;

  private InterceptorAccess() {}

  public static void install(BiFunction<ExchangeResilienceInterceptor, Exchange, ExchangeCore> access) {
    cores = Objects.requireNonNull(access, "access");
  }

  /** The core of {@code exchange} in {@code interceptor}; throws if the interceptor does not handle it. */
  public static ExchangeCore core(ExchangeResilienceInterceptor interceptor, Exchange exchange) {
    Objects.requireNonNull(interceptor, "interceptor");
    return cores.apply(interceptor, Objects.requireNonNull(exchange, "exchange"));
  }
}
