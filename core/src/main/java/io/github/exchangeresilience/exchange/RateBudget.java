package io.github.exchangeresilience.exchange;

import java.time.Duration;
import java.util.Objects;

/**
 * One documented rate limit the client paces itself to, such as Binance's 2400 request weight per minute per IP.
 * Each budget becomes a Resilience4j {@code RateLimiter} named {@code <exchange-id>.<name>}.
 *
 * @param name a short stable name, unique per exchange: {@code ip}, {@code orders}
 * @param limit how many permits (requests, or request weight) a period allows
 * @param period the window the exchange counts in
 * @param scope which requests draw on it
 */
public record RateBudget(String name, int limit, Duration period, Scope scope) {
  /** Which requests a budget paces. */
  public enum Scope {
    /** Every request to the exchange. */
    ALL_REQUESTS,
    /** Order placements only (single and batch). */
    ORDER_PLACEMENTS
  }

  public RateBudget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(scope, "scope");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
  }

  public static RateBudget allRequests(String name, int limit, Duration period) {
    return new RateBudget(name, limit, period, Scope.ALL_REQUESTS);
  }

  public static RateBudget orderPlacements(String name, int limit, Duration period) {
    return new RateBudget(name, limit, period, Scope.ORDER_PLACEMENTS);
  }
}
