package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Handles every answer of a crypto exchange the way the exchange's documentation says it must be handled: decodes its
 * code through the catalog and routes it by policy class into Resilience4j's Retry, RateLimiter and CircuitBreaker.
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .retryOnConnectionFailure(false) // OkHttp would otherwise silently resend a POST on a stale connection
 *     .addInterceptor(ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM).build())
 *     .addInterceptor(mySigningInterceptor) // after ours, so that every attempt is signed afresh
 *     .build();
 * }</pre>
 *
 * <p>Or let the library hold the credentials and sign every attempt, give orders client order ids, look orders in
 * doubt up and follow the exchange's clock: {@code ExchangeSigning.forExchange(exchange, credentials).configure(
 * ExchangeResilienceInterceptor.builder(exchange)).build()} (package {@code io.github.exchangeresilience.okhttp.signing}).
 *
 * <p>Add it as an application interceptor. The safety rule above all: a request that may have executed is never
 * resent blindly; the {@link Reconciler} is asked, and without an answer the call fails with
 * {@link ExecutionUnknownException}.
 */
public final class ExchangeResilienceInterceptor implements Interceptor {
  private final Map<Exchange, ExchangeGuard> guards;
  private final boolean inferExchange;
  private final Map<String, Exchange> extraHosts;

  private ExchangeResilienceInterceptor(Map<Exchange, ExchangeGuard> guards, boolean inferExchange,
      Map<String, Exchange> extraHosts) {
    this.guards = guards;
    this.inferExchange = inferExchange;
    this.extraHosts = extraHosts;
  }

  /** An interceptor for every request to {@code exchange}, whatever its host (a simulator, a proxy). */
  public static Builder builder(Exchange exchange) {
    return new Builder(Objects.requireNonNull(exchange, "exchange"));
  }

  /**
   * An interceptor that tells the exchange from the request's host (fapi.binance.com, www.okx.com, api.bybit.com,
   * api.bitget.com and their testnet and demo hosts). Requests to other hosts pass through untouched.
   */
  public static Builder builder() {
    return new Builder(null);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    ExchangeGuard guard = guardFor(chain.request());
    if (guard == null) {
      return chain.proceed(chain.request());
    }
    return guard.intercept(chain);
  }

  private ExchangeGuard guardFor(Request request) {
    if (!inferExchange) {
      return guards.values().iterator().next();
    }
    String host = request.url().host();
    Exchange exchange = extraHosts.get(host.toLowerCase(Locale.ROOT));
    if (exchange == null) {
      exchange = ExchangeProfile.exchangeForHost(host).orElse(null);
    }
    return exchange == null ? null : guards.get(exchange);
  }

  /** The exchanges this interceptor handles. */
  public Set<Exchange> exchanges() {
    return guards.keySet();
  }

  /** The exchange this interceptor handles {@code request} as, or empty when it passes the request through untouched. */
  public Optional<Exchange> exchangeOf(Request request) {
    ExchangeGuard guard = guardFor(request);
    return guard == null ? Optional.empty() : Optional.of(guard.exchange());
  }

  /** The end of the ban in force on {@code exchange}'s scope, if one is. */
  public Optional<Instant> bannedUntil(Exchange exchange) {
    return Optional.ofNullable(guard(exchange).bannedUntil());
  }

  /** The Resilience4j CircuitBreaker of {@code exchange}, named after its id. */
  public CircuitBreaker circuitBreaker(Exchange exchange) {
    return guard(exchange).circuitBreaker();
  }

  /** The Resilience4j Retry of {@code exchange}, named after its id. */
  public Retry retry(Exchange exchange) {
    return guard(exchange).retry();
  }

  /** The Resilience4j RateLimiters of {@code exchange}'s budgets, named {@code <exchange-id>.<budget>}. */
  public List<RateLimiter> rateLimiters(Exchange exchange) {
    return guard(exchange).rateLimiters();
  }

  private ExchangeGuard guard(Exchange exchange) {
    ExchangeGuard guard = guards.get(exchange);
    if (guard == null) {
      throw new IllegalArgumentException("this interceptor does not handle " + exchange);
    }
    return guard;
  }

  /** Configures an {@link ExchangeResilienceInterceptor}. Every setting has a default from the exchanges' documents. */
  public static final class Builder {
    private final Exchange exchange;
    private Set<Exchange> inferredExchanges = EnumSet.allOf(Exchange.class);
    private final Map<String, Exchange> extraHosts = new HashMap<>();
    private ErrorCatalog catalog;
    private final Map<Exchange, Map<String, PolicyClass>> classOverrides = new EnumMap<>(Exchange.class);
    private int bodyPrefixLimit = ResponseDecoder.DEFAULT_BODY_PREFIX_LIMIT;
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(200);
    private double backoffMultiplier = 2.0;
    private double backoffJitter = 0.5;
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration maxRetryDuration = Duration.ofSeconds(30);
    private Duration maxRateLimitWait = Duration.ofSeconds(60);
    private Duration maxPacingWait = Duration.ofSeconds(10);
    private final Map<Exchange, List<RateBudget>> budgets = new EnumMap<>(Exchange.class);
    private ToIntFunction<Request> requestWeight = request -> 1;
    private CircuitBreakerConfig circuitBreakerConfig = CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(20)
        .minimumNumberOfCalls(5)
        .failureRateThreshold(50)
        .waitDurationInOpenState(Duration.ofSeconds(30))
        .permittedNumberOfCallsInHalfOpenState(1)
        .build();
    private Duration rejectedKeyCooldown = Duration.ofSeconds(30);
    private Duration defaultBanDuration = Duration.ofMinutes(2);
    private Duration bybitIpBanDuration = Duration.ofMinutes(10);
    private Set<String> nonIdempotentMethods = Set.of("POST", "PUT");
    private Set<String> idempotentPaths = Set.of();
    private Reconciler reconciler;
    private TimeSync timeSync = TimeSync.NONE;
    private boolean throwOnError;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private RetryRegistry retryRegistry;
    private RateLimiterRegistry rateLimiterRegistry;
    private CircuitBreakerRegistry circuitBreakerRegistry;
    private BanState banState;
    private RateBudgetStore budgetStore;
    private RequestPreparer preparer = RequestPreparer.NONE;
    private RequestSigner signer = RequestSigner.NONE;
    private String banScope = "ip";
    private ResilienceListener listener = ResilienceListener.NONE;

    private Builder(Exchange exchange) {
      this.exchange = exchange;
    }

    /** With {@link ExchangeResilienceInterceptor#builder()}: the exchanges to handle; all by default. */
    public Builder exchanges(Collection<Exchange> exchanges) {
      requireInference("exchanges");
      if (exchanges.isEmpty()) {
        throw new IllegalArgumentException("at least one exchange is needed");
      }
      this.inferredExchanges = EnumSet.copyOf(exchanges);
      return this;
    }

    /**
     * With {@link ExchangeResilienceInterceptor#builder()}: requests to {@code host} go to {@code exchange}, beside
     * its documented hosts. For a proxy, a simulator or a regional host.
     */
    public Builder host(String host, Exchange exchange) {
      requireInference("host");
      extraHosts.put(host.toLowerCase(Locale.ROOT), Objects.requireNonNull(exchange, "exchange"));
      return this;
    }

    private void requireInference(String option) {
      if (exchange != null) {
        throw new IllegalStateException(option + "(...) is for an interceptor built with builder(), which tells the"
            + " exchange from the host; this one was built for " + exchange.id());
      }
    }

    /** The catalog to classify codes by; the built-in one by default. */
    public Builder catalog(ErrorCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** Handles {@code code} of {@code exchange} as {@code policyClass}, whatever the catalog says. */
    public Builder classOverride(Exchange exchange, String code, PolicyClass policyClass) {
      classOverrides.computeIfAbsent(exchange, e -> new HashMap<>()).put(code, policyClass);
      return this;
    }

    /** How much of a body is read to find its code; 64 KiB by default. The body itself stays whole. */
    public Builder bodyPrefixLimit(int bytes) {
      if (bytes < 256) {
        throw new IllegalArgumentException("bodyPrefixLimit must be at least 256 bytes: " + bytes);
      }
      this.bodyPrefixLimit = bytes;
      return this;
    }

    /** Attempts in all, the first included; 4 by default. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Exponential backoff with jitter for TRANSIENT answers and rate limits that name no wait. */
    public Builder backoff(Duration initial, double multiplier, double jitter, Duration max) {
      this.initialBackoff = positive(initial, "initial backoff");
      this.backoffMultiplier = multiplier;
      this.backoffJitter = jitter;
      this.maxBackoff = positive(max, "max backoff");
      return this;
    }

    /**
     * The longest a call may spend retrying with backoff, waits included; 30 s by default. A wait the exchange names
     * (Retry-After, a window reset) is bounded by {@link #maxRateLimitWait} instead.
     */
    public Builder maxRetryDuration(Duration maxRetryDuration) {
      this.maxRetryDuration = positive(maxRetryDuration, "maxRetryDuration");
      return this;
    }

    /**
     * The longest Retry-After or window reset honoured in-line; 60 s by default. A longer one ends the call with the
     * exchange's answer, and calls after it fail fast until the named time.
     */
    public Builder maxRateLimitWait(Duration maxRateLimitWait) {
      this.maxRateLimitWait = positive(maxRateLimitWait, "maxRateLimitWait");
      return this;
    }

    /** The longest a call waits for a local rate budget permit before failing fast; 10 s by default. */
    public Builder maxPacingWait(Duration maxPacingWait) {
      this.maxPacingWait = positive(maxPacingWait, "maxPacingWait");
      return this;
    }

    /** Replaces the documented rate budgets of {@code exchange}; an empty list turns pacing off. */
    public Builder rateBudgets(Exchange exchange, List<RateBudget> budgets) {
      this.budgets.put(exchange, List.copyOf(budgets));
      return this;
    }

    /** The weight of a request in the all-requests budgets (Binance request weight); 1 by default. */
    public Builder requestWeight(ToIntFunction<Request> requestWeight) {
      this.requestWeight = Objects.requireNonNull(requestWeight, "requestWeight");
      return this;
    }

    /** The configuration of each exchange's CircuitBreaker, which only UNAVAILABLE answers and I/O failures trip. */
    public Builder circuitBreakerConfig(CircuitBreakerConfig circuitBreakerConfig) {
      this.circuitBreakerConfig = Objects.requireNonNull(circuitBreakerConfig, "circuitBreakerConfig");
      return this;
    }

    /** How long calls with a key the exchange just rejected fail locally; 30 s by default. */
    public Builder rejectedKeyCooldown(Duration rejectedKeyCooldown) {
      this.rejectedKeyCooldown = Objects.requireNonNull(rejectedKeyCooldown, "rejectedKeyCooldown");
      return this;
    }

    /** How long a ban lasts when the exchange does not say (a Binance 418 without Retry-After); 2 min by default. */
    public Builder defaultBanDuration(Duration defaultBanDuration) {
      this.defaultBanDuration = positive(defaultBanDuration, "defaultBanDuration");
      return this;
    }

    /** The HTTP methods that may create something when repeated; POST and PUT by default. */
    public Builder nonIdempotentMethods(Set<String> methods) {
      this.nonIdempotentMethods = Set.copyOf(methods);
      return this;
    }

    /**
     * Paths of POST/PUT endpoints that are safe to resend, added to each exchange's documented cancel endpoints.
     */
    public Builder idempotentEndpoints(Set<String> paths) {
      this.idempotentPaths = Set.copyOf(paths);
      return this;
    }

    /** Asked whenever a request may or may not have executed. Without one, such calls fail with ExecutionUnknown. */
    public Builder reconciler(Reconciler reconciler) {
      this.reconciler = reconciler;
      return this;
    }

    /** Runs after a CLOCK_SKEW answer, before the one resend. */
    public Builder timeSync(TimeSync timeSync) {
      this.timeSync = Objects.requireNonNull(timeSync, "timeSync");
      return this;
    }

    /**
     * Turns every final non-success answer (REJECTED, retries exhausted) into an {@link ExchangeErrorException}
     * instead of handing the exchange's answer back unchanged.
     */
    public Builder throwOnError(boolean throwOnError) {
      this.throwOnError = throwOnError;
      return this;
    }

    /** How waits are made; tests pass a fake one. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The clock bans, cool-downs and window resets are read against. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The application's RetryRegistry, so that its metrics and events include ours. */
    public Builder retryRegistry(RetryRegistry retryRegistry) {
      this.retryRegistry = Objects.requireNonNull(retryRegistry, "retryRegistry");
      return this;
    }

    public Builder rateLimiterRegistry(RateLimiterRegistry rateLimiterRegistry) {
      this.rateLimiterRegistry = Objects.requireNonNull(rateLimiterRegistry, "rateLimiterRegistry");
      return this;
    }

    public Builder circuitBreakerRegistry(CircuitBreakerRegistry circuitBreakerRegistry) {
      this.circuitBreakerRegistry = Objects.requireNonNull(circuitBreakerRegistry, "circuitBreakerRegistry");
      return this;
    }

    /** Where bans are kept; in memory by default, shared between processes when given a shared one. */
    public Builder banState(BanState banState) {
      this.banState = Objects.requireNonNull(banState, "banState");
      return this;
    }

    /** Where rate budgets are kept; Resilience4j RateLimiters in the rate limiter registry by default. */
    public Builder rateBudgetStore(RateBudgetStore budgetStore) {
      this.budgetStore = Objects.requireNonNull(budgetStore, "budgetStore");
      return this;
    }

    /** Runs once per call before the first attempt, such as giving an order a client order id. */
    public Builder requestPreparer(RequestPreparer preparer) {
      this.preparer = Objects.requireNonNull(preparer, "preparer");
      return this;
    }

    /** Signs every attempt afresh, inside the retry. Without one, sign in an interceptor added after this one. */
    public Builder signer(RequestSigner signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /** What a ban covers, such as the egress IP; {@code ip} by default (one IP per process). */
    public Builder banScope(String banScope) {
      this.banScope = Objects.requireNonNull(banScope, "banScope");
      return this;
    }

    public Builder listener(ResilienceListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public ExchangeResilienceInterceptor build() {
      ErrorCatalog base = catalog != null ? catalog : ErrorCatalog.builtIn();
      RateLimiterRegistry limiters = rateLimiterRegistry != null ? rateLimiterRegistry : RateLimiterRegistry.ofDefaults();
      InterceptorSettings settings = new InterceptorSettings(
          base.withOverrides(classOverrides), bodyPrefixLimit, maxAttempts, initialBackoff, backoffMultiplier,
          backoffJitter, maxBackoff, maxRetryDuration, maxRateLimitWait, maxPacingWait, Map.copyOf(budgets),
          requestWeight, circuitBreakerConfig, rejectedKeyCooldown, defaultBanDuration, bybitIpBanDuration,
          nonIdempotentMethods, idempotentPaths, reconciler, timeSync, throwOnError, sleeper, clock,
          retryRegistry != null ? retryRegistry : RetryRegistry.ofDefaults(),
          limiters,
          circuitBreakerRegistry != null ? circuitBreakerRegistry : CircuitBreakerRegistry.ofDefaults(),
          banState != null ? banState : BanState.inMemory(), BanState.inMemory(),
          budgetStore != null ? budgetStore : RateBudgetStore.resilience4j(limiters, clock), preparer, signer, banScope,
          listener);
      Set<Exchange> handled = exchange != null ? EnumSet.of(exchange) : inferredExchanges;
      for (Exchange mapped : extraHosts.values()) {
        if (!handled.contains(mapped)) {
          throw new IllegalStateException("host mapped to " + mapped.id() + ", which is not among " + handled);
        }
      }
      Map<Exchange, ExchangeGuard> guards = new EnumMap<>(Exchange.class);
      for (Exchange each : handled) {
        guards.put(each, new ExchangeGuard(each, settings));
      }
      ExchangeResilienceInterceptor interceptor =
          new ExchangeResilienceInterceptor(guards, exchange == null, Map.copyOf(extraHosts));
      for (Object component : new Object[] {preparer, signer, reconciler, timeSync}) {
        if (component instanceof InterceptorAware aware) {
          aware.attach(interceptor, clock, sleeper);
        }
      }
      return interceptor;
    }

    private static Duration positive(Duration duration, String what) {
      Objects.requireNonNull(duration, what);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + duration);
      }
      return duration;
    }
  }
}
