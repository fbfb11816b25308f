package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;

/** Each budget is a Resilience4j RateLimiter of this process; an application's registry is reused as it is. */
final class Resilience4jBudgetStore implements RateBudgetStore {
  private final RateLimiterRegistry registry;

  Resilience4jBudgetStore(RateLimiterRegistry registry) {
    this.registry = registry;
  }

  static String limiterName(Exchange exchange, RateBudget budget) {
    return exchange.id() + "." + budget.name();
  }

  @Override
  public Permits permits(Exchange exchange, RateBudget budget, Duration maxWait) {
    RateLimiterConfig config = RateLimiterConfig.custom()
        .limitForPeriod(budget.limit())
        .limitRefreshPeriod(budget.period())
        .timeoutDuration(maxWait)
        .build();
    RateLimiter limiter = registry.rateLimiter(limiterName(exchange, budget), config);
    return new Permits() {
      @Override
      public long reserve(int permits) {
        return limiter.reservePermission(permits);
      }

      @Override
      public void drain() {
        limiter.drainPermissions();
      }
    };
  }
}
