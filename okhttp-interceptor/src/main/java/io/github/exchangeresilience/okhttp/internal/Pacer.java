package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.RateBudgetStore;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import io.github.exchangeresilience.okhttp.ResilienceOptions;
import io.github.exchangeresilience.okhttp.Sleeper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One exchange's pace: its rate budgets, which calls wait on so that they never run into the limit, and the pause the
 * exchange named (Retry-After, a window reset), which every call to it waits out.
 */
final class Pacer {
  private final ExchangeSpec spec;
  private final GuardSettings.Pacing pacing;
  private final Sleeper sleeper;
  private final ResilienceListener listener;
  /** An array, walked by index: no iterator per call. */
  private final Budget[] budgets;
  private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);

  /** A rate budget with its permits. */
  private record Budget(RateBudget budget, RateBudgetStore.Permits permits) {}

  Pacer(ExchangeSpec spec, GuardSettings.Pacing pacing, Sleeper sleeper, ResilienceListener listener) {
    this.spec = spec;
    this.pacing = pacing;
    this.sleeper = sleeper;
    this.listener = listener;
    List<Budget> budgets = new ArrayList<>();
    for (RateBudget budget : pacing.budgets(spec)) {
      budgets.add(new Budget(budget, pacing.store().permits(spec.exchange(), budget, pacing.maxPacingWait())));
    }
    this.budgets = budgets.toArray(new Budget[0]);
  }

  /** Whether any budget paces {@code request}. */
  boolean paces(ExchangeRequest request) {
    for (Budget budget : budgets) {
      if (applies(budget.budget(), request)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Waits for a permit of every budget the request draws on; true if it waited. Fails fast when a budget has no room
   * within the pacing wait.
   */
  boolean pace(ExchangeRequest request) throws IOException {
    boolean waited = false;
    for (Budget budget : budgets) {
      long waitNanos = reserve(budget, request);
      if (waitNanos > 0) {
        sleeper.sleep(Duration.ofNanos(waitNanos));
        waited = true;
      }
    }
    return waited;
  }

  /**
   * Reserves a permit of every budget the request draws on without waiting: the longest wait before they may all be
   * used, 0 for at once. Fails fast when a budget has no room within the pacing wait.
   */
  long reserve(ExchangeRequest request) throws IOException {
    long longest = 0;
    for (Budget budget : budgets) {
      longest = Math.max(longest, reserve(budget, request));
    }
    return longest;
  }

  /** Reserves {@code budget}'s permits if the request draws on it: the nanoseconds to wait, told to the listener. */
  private long reserve(Budget budget, ExchangeRequest request) throws IOException {
    if (!applies(budget.budget(), request)) {
      return 0;
    }
    // The default weight asks nothing of the request: a WebSocket operation's request is built only when asked for.
    int permits = budget.budget().scope() == RateBudget.Scope.ALL_REQUESTS
        && pacing.requestWeight() != ResilienceOptions.DEFAULT_REQUEST_WEIGHT
        ? Math.max(1, pacing.requestWeight().applyAsInt(request.request()))
        : 1;
    long waitNanos = budget.permits().reserve(permits);
    if (waitNanos < 0) {
      throw Failures.failFast(listener, request, FailFastException.Reason.RATE_BUDGET_EXHAUSTED,
          budget.budget().period(), null);
    }
    if (waitNanos > 0) {
      listener.onRateLimitWait(spec.exchange(), budget.budget().name(), Duration.ofNanos(waitNanos));
    }
    return waitNanos;
  }

  /** Empties the budgets {@code request} draws on, so that calls already queued wait for the next window too. */
  void drain(ExchangeRequest request) {
    for (Budget budget : budgets) {
      if (applies(budget.budget(), request)) {
        budget.permits().drain();
      }
    }
  }

  Instant pausedUntil() {
    return pausedUntil.get();
  }

  /** Every call waits until {@code until}, or until a later pause already named. */
  void pauseUntil(Instant until) {
    pausedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
  }

  /** The Resilience4j RateLimiters of the budgets, where the default budget store keeps them. */
  List<RateLimiter> rateLimiters(RateLimiterRegistry registry) {
    return java.util.Arrays.stream(budgets)
        .map(budget -> Resilience4jBudgetStore.limiterName(spec.exchange(), budget.budget()))
        .flatMap(name -> registry.find(name).stream())
        .toList();
  }

  private static boolean applies(RateBudget budget, ExchangeRequest request) {
    return budget.scope() == RateBudget.Scope.ALL_REQUESTS || request.isPlacement();
  }
}
