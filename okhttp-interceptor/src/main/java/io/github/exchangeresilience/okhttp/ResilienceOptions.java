package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;
import okhttp3.Request;

/**
 * Every setting of the library, each with its one default, a public constant read by the builder and by the Spring
 * properties alike. {@link ExchangeResilienceInterceptor.Builder} is the way to set them; an interceptor built from
 * it keeps them, and {@link ExchangeResilienceInterceptor#newBuilder()} starts a builder from them again.
 *
 * @param <B> the builder, returned by every setter
 */
public abstract class ResilienceOptions<B extends ResilienceOptions<B>> {
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
  public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;
  public static final double DEFAULT_BACKOFF_JITTER = 0.5;
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_RETRY_DURATION = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_MAX_PACING_WAIT = Duration.ofSeconds(10);
  /** 3 days: the longest ban Binance documents. */
  public static final Duration DEFAULT_MAX_SERVER_WAIT = Duration.ofDays(3);
  public static final Duration DEFAULT_REJECTED_KEY_COOLDOWN = Duration.ofSeconds(30);
  public static final Duration DEFAULT_BAN_DURATION = Duration.ofMinutes(2);
  public static final String DEFAULT_BAN_SCOPE = "ip";
  public static final int DEFAULT_BODY_PREFIX_LIMIT = ResponseDecoder.DEFAULT_BODY_PREFIX_LIMIT;
  public static final Set<String> DEFAULT_NON_IDEMPOTENT_METHODS = Set.of("POST", "PUT");
  /** Refusals for the key or the account (AUTH, ACCOUNT_RESTRICTED) and bans fail the call by default. */
  public static final boolean DEFAULT_HAND_BACK_ANSWERS = false;
  /** Final non-success answers are handed back by default, not thrown. */
  public static final boolean DEFAULT_THROW_ON_ERROR = false;
  /** Every request weighs 1 against a budget of all requests; with it, pacing never asks for the request itself. */
  public static final ToIntFunction<Request> DEFAULT_REQUEST_WEIGHT = request -> 1;
  /**
   * Count window 20, at least 5 calls, 50 % failures, open 30 s, one half-open probe. The window is Resilience4j's
   * synchronized one: every call records its outcome in it, and the lock-free window copies its aggregation on every
   * record and retries under contention. Resilience4j 2.4.0 in the samples' {@code BreakerWindowBenchmark} (a
   * permission taken and a success recorded): 19 ns and nothing allocated against 54 ns and 208 B on one thread, 180 ns
   * against 8.1 µs on eight.
   */
  public static final CircuitBreakerConfig DEFAULT_CIRCUIT_BREAKER_CONFIG = CircuitBreakerConfig.custom()
      .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
      .slidingWindowSynchronizationStrategy(CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
      .slidingWindowSize(20)
      .minimumNumberOfCalls(5)
      .failureRateThreshold(50)
      .waitDurationInOpenState(Duration.ofSeconds(30))
      .permittedNumberOfCallsInHalfOpenState(1)
      .build();

  ErrorCatalog catalog;
  Map<Exchange, Map<String, PolicyClass>> classOverrides = new EnumMap<>(Exchange.class);
  int bodyPrefixLimit = DEFAULT_BODY_PREFIX_LIMIT;
  int maxAttempts = DEFAULT_MAX_ATTEMPTS;
  Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
  double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
  double backoffJitter = DEFAULT_BACKOFF_JITTER;
  Duration maxBackoff = DEFAULT_MAX_BACKOFF;
  Duration maxRetryDuration = DEFAULT_MAX_RETRY_DURATION;
  Duration maxRateLimitWait = DEFAULT_MAX_RATE_LIMIT_WAIT;
  Duration maxServerWait = DEFAULT_MAX_SERVER_WAIT;
  Duration maxPacingWait = DEFAULT_MAX_PACING_WAIT;
  Map<Exchange, List<RateBudget>> budgets = new EnumMap<>(Exchange.class);
  ToIntFunction<Request> requestWeight = DEFAULT_REQUEST_WEIGHT;
  CircuitBreakerConfig circuitBreakerConfig = DEFAULT_CIRCUIT_BREAKER_CONFIG;
  Duration rejectedKeyCooldown = DEFAULT_REJECTED_KEY_COOLDOWN;
  Duration defaultBanDuration = DEFAULT_BAN_DURATION;
  Set<String> nonIdempotentMethods = DEFAULT_NON_IDEMPOTENT_METHODS;
  Set<String> idempotentEndpoints = Set.of();
  Reconciler reconciler;
  TimeSync timeSync = TimeSync.NONE;
  boolean throwOnError = DEFAULT_THROW_ON_ERROR;
  boolean handBackAnswers = DEFAULT_HAND_BACK_ANSWERS;
  Sleeper sleeper = Sleeper.SYSTEM;
  Clock clock = Clock.systemUTC();
  RetryRegistry retryRegistry;
  RateLimiterRegistry rateLimiterRegistry;
  CircuitBreakerRegistry circuitBreakerRegistry;
  BanState banState;
  RateBudgetStore budgetStore;
  RequestPreparer preparer = RequestPreparer.NONE;
  RequestSigner signer = RequestSigner.NONE;
  String banScope = DEFAULT_BAN_SCOPE;
  ResilienceListener listener = ResilienceListener.NONE;

  ResilienceOptions() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The catalog to classify codes by; the built-in one by default. */
  public B catalog(ErrorCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    return self();
  }

  /** Handles {@code code} of {@code exchange} as {@code policyClass}, whatever the catalog says. */
  public B classOverride(Exchange exchange, String code, PolicyClass policyClass) {
    classOverrides.computeIfAbsent(exchange, e -> new HashMap<>()).put(code, policyClass);
    return self();
  }

  /** How much of a body is read to find its code; 64 KiB by default. The body itself stays whole. */
  public B bodyPrefixLimit(int bytes) {
    if (bytes < 256) {
      throw new IllegalArgumentException("bodyPrefixLimit must be at least 256 bytes: " + bytes);
    }
    this.bodyPrefixLimit = bytes;
    return self();
  }

  /** Attempts in all, the first included; {@value #DEFAULT_MAX_ATTEMPTS} by default. */
  public B maxAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    return self();
  }

  /** Exponential backoff with jitter for TRANSIENT answers and rate limits that name no wait. */
  public B backoff(Duration initial, double multiplier, double jitter, Duration max) {
    this.initialBackoff = positive(initial, "initial backoff");
    this.backoffMultiplier = multiplier;
    this.backoffJitter = jitter;
    this.maxBackoff = positive(max, "max backoff");
    return self();
  }

  /**
   * The longest a call may spend retrying with backoff, waits included; 30 s by default. A wait the exchange names
   * (Retry-After, a window reset) is bounded by {@link #maxRateLimitWait} instead.
   */
  public B maxRetryDuration(Duration maxRetryDuration) {
    this.maxRetryDuration = positive(maxRetryDuration, "maxRetryDuration");
    return self();
  }

  /**
   * The longest Retry-After or window reset honoured in-line; 60 s by default. A longer one ends the call with the
   * exchange's answer, and calls after it fail fast until the named time.
   */
  public B maxRateLimitWait(Duration maxRateLimitWait) {
    this.maxRateLimitWait = positive(maxRateLimitWait, "maxRateLimitWait");
    return self();
  }

  /**
   * The longest wait or ban an exchange's answer can impose ({@code Retry-After}, a window reset, "banned until");
   * {@link #DEFAULT_MAX_SERVER_WAIT} by default. A longer one is held to it, counted
   * ({@link ResilienceListener#onServerWaitCapped}) and logged once; calls resume once it has passed.
   */
  public B maxServerWait(Duration maxServerWait) {
    this.maxServerWait = positive(maxServerWait, "maxServerWait");
    return self();
  }

  /** The longest a call waits for a local rate budget permit before failing fast; 10 s by default. */
  public B maxPacingWait(Duration maxPacingWait) {
    this.maxPacingWait = positive(maxPacingWait, "maxPacingWait");
    return self();
  }

  /** Replaces the documented rate budgets of {@code exchange}; an empty list turns pacing off. */
  public B rateBudgets(Exchange exchange, List<RateBudget> budgets) {
    this.budgets.put(exchange, List.copyOf(budgets));
    return self();
  }

  /** The weight of a request in the all-requests budgets (Binance request weight); {@link #DEFAULT_REQUEST_WEIGHT}. */
  public B requestWeight(ToIntFunction<Request> requestWeight) {
    this.requestWeight = Objects.requireNonNull(requestWeight, "requestWeight");
    return self();
  }

  /** The configuration of each exchange's CircuitBreaker, which only UNAVAILABLE answers and I/O failures trip. */
  public B circuitBreakerConfig(CircuitBreakerConfig circuitBreakerConfig) {
    this.circuitBreakerConfig = Objects.requireNonNull(circuitBreakerConfig, "circuitBreakerConfig");
    return self();
  }

  /** How long calls with a key the exchange just rejected fail locally; 30 s by default. */
  public B rejectedKeyCooldown(Duration rejectedKeyCooldown) {
    this.rejectedKeyCooldown = Objects.requireNonNull(rejectedKeyCooldown, "rejectedKeyCooldown");
    return self();
  }

  /** How long a ban lasts when the exchange does not say (a Binance 418 without Retry-After); 2 min by default. */
  public B defaultBanDuration(Duration defaultBanDuration) {
    this.defaultBanDuration = positive(defaultBanDuration, "defaultBanDuration");
    return self();
  }

  /** The HTTP methods that may create something when repeated; POST and PUT by default. */
  public B nonIdempotentMethods(Set<String> methods) {
    this.nonIdempotentMethods = Set.copyOf(methods);
    return self();
  }

  /** Paths of POST/PUT endpoints that are safe to resend, added to each exchange's documented cancel endpoints. */
  public B idempotentEndpoints(Set<String> paths) {
    this.idempotentEndpoints = Set.copyOf(paths);
    return self();
  }

  /** Asked whenever a request may or may not have executed. Without one, such calls fail with ExecutionUnknown. */
  public B reconciler(Reconciler reconciler) {
    this.reconciler = reconciler;
    return self();
  }

  /** Runs after a CLOCK_SKEW answer, before the one resend. */
  public B timeSync(TimeSync timeSync) {
    this.timeSync = Objects.requireNonNull(timeSync, "timeSync");
    return self();
  }

  /**
   * Turns every final non-success answer (REJECTED, retries exhausted) into an {@link ExchangeErrorException}
   * instead of handing the exchange's answer back unchanged.
   */
  public B throwOnError(boolean throwOnError) {
    this.throwOnError = throwOnError;
    return self();
  }

  /**
   * Hands every final answer of the exchange back unchanged, the refusals for the key or the account (AUTH,
   * ACCOUNT_RESTRICTED) and the answers that ban included, instead of throwing {@link ExchangeErrorException} or
   * {@link FailFastException} for them: for an SDK that raises its own typed exception, with the exchange's code, from
   * the answer it parses (the Binance connector's {@code BinanceClientException.getErrorCode()}). Their effects apply
   * all the same: the key cools down, the ban holds, and calls meanwhile fail fast locally. Off by default
   * ({@value #DEFAULT_HAND_BACK_ANSWERS}); not together with {@link #throwOnError}.
   */
  public B handBackAnswers(boolean handBackAnswers) {
    this.handBackAnswers = handBackAnswers;
    return self();
  }

  /** How waits are made; tests pass a fake one. */
  public B sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return self();
  }

  /** The clock bans, cool-downs and window resets are read against. */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /** The application's RetryRegistry, so that its metrics and events include ours. */
  public B retryRegistry(RetryRegistry retryRegistry) {
    this.retryRegistry = Objects.requireNonNull(retryRegistry, "retryRegistry");
    return self();
  }

  /** The application's RateLimiterRegistry, where the default budget store keeps the budgets. */
  public B rateLimiterRegistry(RateLimiterRegistry rateLimiterRegistry) {
    this.rateLimiterRegistry = Objects.requireNonNull(rateLimiterRegistry, "rateLimiterRegistry");
    return self();
  }

  /** The application's CircuitBreakerRegistry. */
  public B circuitBreakerRegistry(CircuitBreakerRegistry circuitBreakerRegistry) {
    this.circuitBreakerRegistry = Objects.requireNonNull(circuitBreakerRegistry, "circuitBreakerRegistry");
    return self();
  }

  /** Where bans are kept; in memory by default, shared between processes when given a shared one. */
  public B banState(BanState banState) {
    this.banState = Objects.requireNonNull(banState, "banState");
    return self();
  }

  /** Where rate budgets are kept; Resilience4j RateLimiters in the rate limiter registry by default. */
  public B rateBudgetStore(RateBudgetStore budgetStore) {
    this.budgetStore = Objects.requireNonNull(budgetStore, "budgetStore");
    return self();
  }

  /** Runs once per call before the first attempt, such as giving an order a client order id. */
  public B requestPreparer(RequestPreparer preparer) {
    this.preparer = Objects.requireNonNull(preparer, "preparer");
    return self();
  }

  /** Signs every attempt afresh, inside the retry. Without one, sign in an interceptor added after this one. */
  public B signer(RequestSigner signer) {
    this.signer = Objects.requireNonNull(signer, "signer");
    return self();
  }

  /** What a ban covers, such as the egress IP; {@value #DEFAULT_BAN_SCOPE} by default (one IP per process). */
  public B banScope(String banScope) {
    this.banScope = Objects.requireNonNull(banScope, "banScope");
    return self();
  }

  /** Hears what the interceptor decides, for metrics and logs. */
  public B listener(ResilienceListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return self();
  }

  static Duration positive(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + duration);
    }
    return duration;
  }
}
