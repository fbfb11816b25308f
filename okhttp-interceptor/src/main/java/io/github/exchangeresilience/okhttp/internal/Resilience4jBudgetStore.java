package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.RateBudgetStore;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * Each budget is a Resilience4j RateLimiter of this process; an application's registry is reused as it is. The
 * limiters count time on the interceptor's clock, so that windows, bans and pauses all run on one time.
 */
public final class Resilience4jBudgetStore implements RateBudgetStore {
  private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();

  private final RateLimiterRegistry registry;
  private final Clock clock;

  public Resilience4jBudgetStore(RateLimiterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  public static String limiterName(Exchange exchange, RateBudget budget) {
    return exchange.id() + "." + budget.name();
  }

  @Override
  public Permits permits(Exchange exchange, RateBudget budget, Duration maxWait) {
    RateLimiterConfig config = RateLimiterConfig.custom()
        .limitForPeriod(budget.limit())
        .limitRefreshPeriod(budget.period())
        .timeoutDuration(maxWait)
        .build();
    String name = limiterName(exchange, budget);
    boolean created = registry.find(name).isEmpty();
    RateLimiter limiter = registry.rateLimiter(name, config);
    if (created && clock.getClass() != SYSTEM_CLOCK) {
      // Resilience4j counts in System.nanoTime; a limiter on another clock (a test's, a simulation's) takes its place.
      RateLimiter onClock = RateLimiter.of(name, config, limiter.getTags(), () -> clock.millis() * 1_000_000L);
      registry.replace(name, onClock);
      limiter = onClock;
    }
    RateLimiter chosen = limiter;
    return new Permits() {
      @Override
      public long reserve(int permits) {
        return chosen.reservePermission(permits);
      }

      @Override
      public void drain() {
        chosen.drainPermissions();
      }
    };
  }
}
