package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.internal.Resilience4jBudgetStore;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * Where the permits of each rate budget are kept. The default keeps them in Resilience4j RateLimiters of this process;
 * a shared store lets several processes on one IP or account draw on one budget.
 */
public interface RateBudgetStore {

  /** The permits of {@code budget} of {@code exchange}; a caller waits at most {@code maxWait} for them. */
  Permits permits(Exchange exchange, RateBudget budget, Duration maxWait);

  /** One budget's permits. */
  interface Permits {
    /**
     * Reserves {@code permits}: the nanoseconds to wait before using them (0 for at once), or -1 when there is no
     * room within the maximum wait, in which case nothing is reserved.
     */
    long reserve(int permits);

    /** Takes every permit left in the current window, after the exchange said the limit was reached. */
    void drain();
  }

  /** Budgets in Resilience4j RateLimiters named {@code <exchange-id>.<budget>}, in {@code registry}. */
  static RateBudgetStore resilience4j(RateLimiterRegistry registry) {
    return new Resilience4jBudgetStore(registry, Clock.systemUTC());
  }

  /** The same, counting windows on {@code clock} rather than the system's. */
  static RateBudgetStore resilience4j(RateLimiterRegistry registry, Clock clock) {
    return new Resilience4jBudgetStore(registry, clock);
  }
}
