package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decision.DecisionSettings;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.BanState;
import io.github.exchangeresilience.okhttp.RateBudgetStore;
import io.github.exchangeresilience.okhttp.Reconciler;
import io.github.exchangeresilience.okhttp.RequestPreparer;
import io.github.exchangeresilience.okhttp.RequestSigner;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import io.github.exchangeresilience.okhttp.Sleeper;
import io.github.exchangeresilience.okhttp.TimeSync;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import okhttp3.Request;

/**
 * What an interceptor keeps of its settings, in small groups by concern, shared by the guards of every exchange it
 * handles. Built once by {@code ExchangeResilienceInterceptor}, read back by its {@code newBuilder()}.
 */
public record GuardSettings(RequestPolicy requests, RetryPolicy retry, Pacing pacing, DecisionSettings decision,
    Hooks hooks, Resilience resilience, Bans bans, Clock clock, Sleeper sleeper) {

  /** How requests are read and answers handed back. */
  public record RequestPolicy(ErrorCatalog catalog, int bodyPrefixLimit, Set<String> nonIdempotentMethods,
      Set<String> idempotentEndpoints, boolean throwOnError) {}

  /** How often and how long a call is retried. */
  public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, double jitter,
      Duration maxBackoff, Duration maxRetryDuration) {
    /**
     * Resilience4j's retry of one attempt's outcome: the wait the exchange named, where it named one, else
     * exponential backoff with jitter; never failing after the last attempt, which the guard handles.
     */
    RetryConfig toRetryConfig() {
      IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(initialBackoff, multiplier, jitter,
          maxBackoff);
      return RetryConfig.<Attempt>custom()
          .maxAttempts(maxAttempts)
          .retryOnResult(Attempt::retryable)
          .intervalBiFunction((attempt, outcome) -> outcome.isRight() && outcome.get().serverWait() != null
              ? outcome.get().serverWait().toMillis()
              : backoff.apply(attempt))
          .failAfterMaxAttempts(false)
          .build();
    }
  }

  /** How calls are paced to the exchanges' rate budgets. */
  public record Pacing(Duration maxPacingWait, Map<Exchange, List<RateBudget>> budgetOverrides,
      ToIntFunction<Request> requestWeight, RateBudgetStore store) {
    /** The budgets of {@code spec}'s exchange: the configured ones, else the documented ones. */
    List<RateBudget> budgets(ExchangeSpec spec) {
      List<RateBudget> override = budgetOverrides.get(spec.exchange());
      return override != null ? override : spec.budgets();
    }
  }

  /** The application's hooks; the listener as the application gave it. */
  public record Hooks(RequestPreparer preparer, RequestSigner signer, Reconciler reconciler, TimeSync timeSync,
      ResilienceListener listener) {}

  /** Where the Resilience4j instances live, and the breaker's configuration. */
  public record Resilience(RetryRegistry retries, RateLimiterRegistry rateLimiters,
      CircuitBreakerRegistry circuitBreakers, CircuitBreakerConfig circuitBreakerConfig) {}

  /** Where bans and rejected keys are kept, and what a ban covers. */
  public record Bans(BanState bans, BanState rejectedKeys, String scope) {}
}
