package io.github.exchangeresilience.okhttp.redis;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.RateBudgetStore;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Rate budgets shared by every process that uses the same Redis, key prefix and scope: five bots on one API key and
 * one IP draw on one Binance weight budget instead of five. Each budget is a Bucket4j bucket in Redis under
 * {@code <prefix>:budget:<exchange-id>:<scope>:<budget-name>}, refilled in full at every multiple of its period
 * since the epoch, the way the exchanges count their fixed windows; every process of the scope reserves from it and
 * a rate-limit answer seen by one empties it for all.
 *
 * <p>When Redis is unavailable each process falls back to a local budget of {@code localShare} of the whole (0.2 by
 * default: five processes stay within the limit), tells {@link ResilienceListener#onBudgetFallback} for every
 * reservation served locally, and returns to the shared budget once the {@link RedisBackend} sees Redis answer again.
 * No call waits longer than the command timeout for Redis.
 */
public final class RedisRateBudgetStore implements RateBudgetStore {
  /** The share of each budget one process keeps to while Redis is unreachable. */
  public static final double DEFAULT_LOCAL_SHARE = 0.2;

  /** Windows start at multiples of the period since the epoch: minutes start at :00, like the exchanges' windows. */
  private static final Instant WINDOW_ORIGIN = Instant.EPOCH;

  private final RedisBackend backend;
  private final BudgetScope scope;
  private final double localShare;
  private final ResilienceListener listener;

  private RedisRateBudgetStore(Builder builder) {
    this.backend = builder.backend;
    this.scope = builder.scope;
    this.localShare = builder.localShare;
    this.listener = builder.listener;
  }

  public static Builder builder(RedisBackend backend) {
    return new Builder(Objects.requireNonNull(backend, "backend"));
  }

  /** The Redis key of {@code budget} of {@code exchange}. */
  public String key(Exchange exchange, RateBudget budget) {
    return backend.keyPrefix() + ":budget:" + exchange.id() + ":" + scope.label(exchange, budget) + ":"
        + budget.name();
  }

  /** The share of each budget a process keeps to while Redis is unavailable. */
  public double localShare() {
    return localShare;
  }

  @Override
  public Permits permits(Exchange exchange, RateBudget budget, Duration maxWait) {
    return new SharedPermits(exchange, budget, key(exchange, budget), maxWait.toNanos());
  }

  /** The local budget's size: the share of the limit, rounded down, at least one permit. */
  static int localLimit(int limit, double share) {
    return (int) Math.max(1, Math.floor(limit * share));
  }

  private static BucketConfiguration windows(int limit, Duration period) {
    return BucketConfiguration.builder()
        .addLimit(bandwidth -> bandwidth.capacity(limit).refillIntervallyAligned(limit, period, WINDOW_ORIGIN))
        .build();
  }

  /** Reserves {@code permits}: nanoseconds to wait, or -1 (nothing reserved) when the wait would exceed the maximum. */
  private static long reserve(Bucket bucket, long permits, long maxWaitNanos) {
    long[] wait = {0};
    try {
      // Bucket4j reserves and hands the wait to the blocking strategy; the interceptor's Sleeper does the waiting.
      boolean reserved = bucket.asBlocking().tryConsume(permits, maxWaitNanos, nanos -> wait[0] = nanos);
      return reserved ? wait[0] : -1;
    } catch (InterruptedException e) {
      throw new AssertionError("the strategy never blocks", e);
    }
  }

  /** One budget: the shared bucket in Redis, and this process's share of it for when Redis is unavailable. */
  private final class SharedPermits implements Permits {
    private final Exchange exchange;
    private final RateBudget budget;
    private final String key;
    private final long maxWaitNanos;
    private final BucketConfiguration shared;
    private final int localLimit;
    private final Bucket local;

    SharedPermits(Exchange exchange, RateBudget budget, String key, long maxWaitNanos) {
      this.exchange = exchange;
      this.budget = budget;
      this.key = key;
      this.maxWaitNanos = maxWaitNanos;
      this.shared = windows(budget.limit(), budget.period());
      this.localLimit = localLimit(budget.limit(), localShare);
      this.local = Bucket.builder()
          .addLimit(bandwidth -> bandwidth.capacity(localLimit)
              .refillIntervallyAligned(localLimit, budget.period(), WINDOW_ORIGIN))
          .build();
    }

    @Override
    public long reserve(int permits) {
      if (permits > budget.limit()) {
        return -1; // more than a whole window allows: the exchange would never accept it either
      }
      if (backend.isAvailable()) {
        try {
          return RedisRateBudgetStore.reserve(backend.bucket(key, () -> shared), permits, maxWaitNanos);
        } catch (RuntimeException e) {
          backend.failed(unavailable(e));
        }
      }
      listener.onBudgetFallback(exchange, budget.name());
      // A request heavier than the local share still goes, alone in its window, rather than never.
      return RedisRateBudgetStore.reserve(local, Math.min(permits, localLimit), maxWaitNanos);
    }

    @Override
    public void drain() {
      if (backend.isAvailable()) {
        try {
          backend.bucket(key, () -> shared).tryConsumeAsMuchAsPossible();
          return;
        } catch (RuntimeException e) {
          backend.failed(unavailable(e));
        }
      }
      local.tryConsumeAsMuchAsPossible();
    }
  }

  private static RedisUnavailableException unavailable(RuntimeException e) {
    return e instanceof RedisUnavailableException known ? known
        : new RedisUnavailableException("Redis budget command failed: " + e, e);
  }

  /** Which processes share a budget: a label such as the egress IP for per-IP budgets, the account for others. */
  @FunctionalInterface
  public interface BudgetScope {
    /** The label of {@code budget} of {@code exchange}; processes with equal labels share it. No colons needed. */
    String label(Exchange exchange, RateBudget budget);
  }

  /** Settings of a {@link RedisRateBudgetStore}. */
  public static final class Builder {
    private final RedisBackend backend;
    private BudgetScope scope = (exchange, budget) -> "ip";
    private double localShare = DEFAULT_LOCAL_SHARE;
    private ResilienceListener listener = ResilienceListener.NONE;

    private Builder(RedisBackend backend) {
      this.backend = backend;
    }

    /** One label for every budget, such as {@code ip-203.0.113.7}; {@code ip} by default. */
    public Builder scope(String label) {
      String checked = label(label);
      this.scope = (exchange, budget) -> checked;
      return this;
    }

    /** A label per budget, such as the egress IP for {@code ip} budgets and the account for {@code orders}. */
    public Builder scope(BudgetScope scope) {
      Objects.requireNonNull(scope, "scope");
      this.scope = (exchange, budget) -> label(scope.label(exchange, budget));
      return this;
    }

    /**
     * The share of each budget one process keeps to while Redis is unavailable, above 0 and at most 1; 0.2 by default
     * (1/N for N processes keeps them all within the limit).
     */
    public Builder localShare(double localShare) {
      if (!(localShare > 0 && localShare <= 1)) {
        throw new IllegalArgumentException("localShare must be above 0 and at most 1: " + localShare);
      }
      this.localShare = localShare;
      return this;
    }

    /** Told of every reservation served by the local fallback, such as {@code ExchangeResilienceMetrics}. */
    public Builder listener(ResilienceListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public RedisRateBudgetStore build() {
      return new RedisRateBudgetStore(this);
    }

    private static String label(String label) {
      Objects.requireNonNull(label, "scope label");
      if (label.isBlank()) {
        throw new IllegalArgumentException("scope label must not be blank");
      }
      return label;
    }
  }
}
