package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import okhttp3.Request;

/** The interceptor's configuration, frozen by its builder and shared by the guards of every exchange. */
record InterceptorSettings(
    ErrorCatalog catalog,
    int bodyPrefixLimit,
    int maxAttempts,
    Duration initialBackoff,
    double backoffMultiplier,
    double backoffJitter,
    Duration maxBackoff,
    Duration maxRetryDuration,
    Duration maxRateLimitWait,
    Duration maxPacingWait,
    Duration maxServerWait,
    Map<Exchange, List<RateBudget>> budgetOverrides,
    ToIntFunction<Request> requestWeight,
    CircuitBreakerConfig circuitBreakerConfig,
    Duration rejectedKeyCooldown,
    Duration defaultBanDuration,
    Duration bybitIpBanDuration,
    Set<String> nonIdempotentMethods,
    Set<String> extraIdempotentPaths,
    Reconciler reconciler,
    TimeSync timeSync,
    boolean throwOnError,
    Sleeper sleeper,
    Clock clock,
    RetryRegistry retryRegistry,
    RateLimiterRegistry rateLimiterRegistry,
    CircuitBreakerRegistry circuitBreakerRegistry,
    BanState banState,
    BanState rejectedKeys,
    RateBudgetStore budgetStore,
    RequestPreparer preparer,
    RequestSigner signer,
    String banScope,
    ResilienceListener listener) {

  List<RateBudget> budgets(Exchange exchange) {
    List<RateBudget> override = budgetOverrides.get(exchange);
    return override != null ? override : ExchangeProfile.of(exchange).budgets();
  }

  Set<String> idempotentPaths(ExchangeProfile profile) {
    Set<String> paths = new HashSet<>(profile.idempotentPostPaths());
    paths.addAll(extraIdempotentPaths);
    return Set.copyOf(paths);
  }
}
