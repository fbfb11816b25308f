package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.okhttp.internal.ExchangeCore;
import io.github.exchangeresilience.okhttp.internal.ExchangeGuard;
import io.github.exchangeresilience.okhttp.internal.GuardSettings;
import io.github.exchangeresilience.okhttp.internal.InterceptorAccess;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
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
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
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
 * {@link ExecutionUnknownException}. The interceptor keeps its settings: {@link #newBuilder()} starts a builder from
 * them, sharing its budgets, bans and Resilience4j instances.
 */
public final class ExchangeResilienceInterceptor implements Interceptor {
  private static final System.Logger LOG = System.getLogger("io.github.exchangeresilience.okhttp");

  static {
    InterceptorAccess.install((interceptor, exchange) -> interceptor.guard(exchange).core());
  }

  private final Exchange exchange;
  private final Set<Exchange> exchanges;
  private final Map<String, Exchange> extraHosts;
  private final ErrorCatalog catalog;
  private final Map<Exchange, Map<String, PolicyClass>> classOverrides;
  private final GuardSettings settings;
  private final Map<Exchange, ExchangeGuard> guards;
  private final ResilienceListener listener;
  /** Whether any added host names a port: only then is a request's host:port looked up first. */
  private final boolean hostsWithPorts;
  /** The documented endpoints of the handled exchanges, to tell a request to an unknown host that looks like theirs. */
  private final Map<String, Exchange> endpoints;
  /** The exchanges whose look-alike requests to an unknown host were reported already: once each. */
  private final Set<Exchange> reportedLookalikes = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private ExchangeResilienceInterceptor(Builder builder) {
    this.exchange = builder.exchange;
    this.exchanges = builder.exchange != null ? EnumSet.of(builder.exchange) : EnumSet.copyOf(builder.inferred);
    this.extraHosts = Map.copyOf(builder.extraHosts);
    for (Exchange mapped : extraHosts.values()) {
      if (!exchanges.contains(mapped)) {
        throw new IllegalStateException("host mapped to " + mapped.id() + ", which is not among " + exchanges);
      }
    }
    this.hostsWithPorts = extraHosts.keySet().stream().anyMatch(HostKeys::hasPort);
    if (builder.throwOnError && builder.handBackAnswers) {
      throw new IllegalStateException("throwOnError(true) and handBackAnswers(true) contradict each other: the one"
          + " throws every final non-success answer, the other hands every final answer back unchanged");
    }
    this.catalog = builder.catalog;
    this.classOverrides = copy(builder.classOverrides);
    this.settings = OptionsMapping.settings(builder, classOverrides);
    ResilienceListener guarded = ResilienceListener.composite(List.of(builder.listener));
    this.listener = guarded;
    Map<Exchange, ExchangeGuard> guards = new EnumMap<>(Exchange.class);
    Map<String, Exchange> endpoints = new HashMap<>();
    for (Exchange each : exchanges) {
      guards.put(each, new ExchangeGuard(new ExchangeCore(each.spec(), settings, guarded)));
      each.spec().endpointTemplates().forEach(path -> endpoints.putIfAbsent(path, each));
    }
    this.guards = guards;
    this.endpoints = Map.copyOf(endpoints);
  }

  /** An interceptor for every request to {@code exchange}, whatever its host (a simulator, a proxy). */
  public static Builder builder(Exchange exchange) {
    return new Builder(Objects.requireNonNull(exchange, "exchange"));
  }

  /**
   * An interceptor that tells the exchange from the request's host (each exchange's documented live, testnet and
   * demo hosts, and any added with {@link Builder#host}). Requests to other hosts pass through untouched.
   */
  public static Builder builder() {
    return new Builder((Exchange) null);
  }

  /** A builder holding this interceptor's settings; what it builds shares its budgets, bans and breakers. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    ExchangeGuard guard = guardFor(request);
    if (guard == null) {
      reportLookalike(request);
      return chain.proceed(request);
    }
    Response response;
    try {
      response = guard.intercept(chain);
    } catch (IOException failure) {
      listener.onCallEnded(guard.core().exchange(), request, failure);
      throw failure;
    }
    listener.onCallEnded(guard.core().exchange(), request, null);
    return response;
  }

  private ExchangeGuard guardFor(Request request) {
    if (exchange != null) {
      return guards.get(exchange);
    }
    String host = request.url().host().toLowerCase(Locale.ROOT);
    Exchange mapped = hostsWithPorts ? extraHosts.get(host + ":" + request.url().port()) : null;
    if (mapped == null) {
      mapped = extraHosts.get(host);
    }
    if (mapped == null) {
      mapped = Exchange.forHost(host).orElse(null);
    }
    return mapped == null ? null : guards.get(mapped);
  }

  /**
   * A request this interceptor passes through untouched whose path is one of a handled exchange's endpoints: most
   * likely that exchange behind a proxy or a simulator whose host was not added, so unprotected. Logged once per
   * exchange, naming the host to add; never the query or the headers.
   */
  private void reportLookalike(Request request) {
    Exchange lookalike = endpoints.get(request.url().encodedPath());
    if (lookalike != null && reportedLookalikes.add(lookalike)) {
      String hostPort = request.url().host() + ":" + request.url().port();
      LOG.log(System.Logger.Level.WARNING, "exchange-resilience: {0} {1}{2} looks like a {3} request, but {1} is not"
          + " one of the hosts handled as {3}, so it passed through unprotected (no retries, budgets, bans,"
          + " reconciles or metrics). Add the host: builder().host(\"{1}\", Exchange.{4}), or the property"
          + " exchange-resilience.exchanges.{3}.hosts={1}. Reported once.", request.method(), hostPort,
          request.url().encodedPath(), lookalike.id(), lookalike.name());
    }
  }

  /**
   * {@code client} with this interceptor added first among its application interceptors and OkHttp's silent retry of
   * a failed connection turned off (it could send an order twice); everything else kept: its dispatcher, connection
   * pool, timeouts, proxy, and its own interceptors, which run after this one (a signing interceptor signs every
   * attempt afresh). For a client an SDK built: see the README, "Using it with an SDK you already have".
   *
   * @throws IllegalArgumentException if {@code client} holds another {@code ExchangeResilienceInterceptor}: two would
   *     retry each other's retries
   */
  public OkHttpClient decorate(OkHttpClient client) {
    for (Interceptor interceptor : client.interceptors()) {
      if (interceptor instanceof ExchangeResilienceInterceptor && interceptor != this) {
        throw new IllegalArgumentException("the client holds another ExchangeResilienceInterceptor already");
      }
    }
    if (!client.interceptors().isEmpty() && client.interceptors().get(0) == this
        && !client.retryOnConnectionFailure()) {
      return client;
    }
    OkHttpClient.Builder decorated = client.newBuilder().retryOnConnectionFailure(false);
    decorated.interceptors().remove(this);
    decorated.interceptors().add(0, this);
    return decorated.build();
  }

  /**
   * Whether this interceptor signs every attempt itself (a {@link RequestSigner}, as {@code ExchangeSigning} sets
   * one): then its own requests, order lookups among them, are signed too.
   */
  public boolean signsRequests() {
    return settings.hooks().signer() != RequestSigner.NONE;
  }

  /** The exchanges this interceptor handles. */
  public Set<Exchange> exchanges() {
    return exchanges;
  }

  /** The exchange this interceptor handles {@code request} as, or empty when it passes the request through untouched. */
  public Optional<Exchange> exchangeOf(Request request) {
    ExchangeGuard guard = guardFor(request);
    return guard == null ? Optional.empty() : Optional.of(guard.core().exchange());
  }

  /** The end of the ban in force on {@code exchange}'s scope, if one is. */
  public Optional<Instant> bannedUntil(Exchange exchange) {
    return Optional.ofNullable(guard(exchange).core().bannedUntil());
  }

  /** The scope a ban of {@code exchange} is recorded under, as listeners hear it: {@code <exchange-id>:<ban scope>}. */
  public String banScope(Exchange exchange) {
    return guard(exchange).core().exchange().id() + ":" + settings.bans().scope();
  }

  /** The Resilience4j CircuitBreaker of {@code exchange}, named after its id. */
  public CircuitBreaker circuitBreaker(Exchange exchange) {
    return guard(exchange).core().circuitBreaker();
  }

  /** The Resilience4j Retry of {@code exchange}, named after its id. */
  public Retry retry(Exchange exchange) {
    return guard(exchange).core().retry();
  }

  /** The Resilience4j RateLimiters of {@code exchange}'s budgets, named {@code <exchange-id>.<budget>}. */
  public List<RateLimiter> rateLimiters(Exchange exchange) {
    return guard(exchange).core().rateLimiters();
  }

  private ExchangeGuard guard(Exchange exchange) {
    ExchangeGuard guard = guards.get(exchange);
    if (guard == null) {
      throw new IllegalArgumentException("this interceptor does not handle " + exchange);
    }
    return guard;
  }

  private static Map<Exchange, Map<String, PolicyClass>> copy(Map<Exchange, Map<String, PolicyClass>> overrides) {
    Map<Exchange, Map<String, PolicyClass>> copy = new EnumMap<>(Exchange.class);
    overrides.forEach((exchange, codes) -> copy.put(exchange, Map.copyOf(codes)));
    return copy;
  }

  /**
   * Configures an {@link ExchangeResilienceInterceptor}: which exchanges it handles here, every other setting in
   * {@link ResilienceOptions}, each with a default from the exchanges' documents.
   */
  public static final class Builder extends ResilienceOptions<Builder> {
    private final Exchange exchange;
    private Set<Exchange> inferred = EnumSet.allOf(Exchange.class);
    private final Map<String, Exchange> extraHosts = new HashMap<>();
    /** Shared with the interceptor a {@link #newBuilder()} started from. */
    BanState rejectedKeys;

    private Builder(Exchange exchange) {
      this.exchange = exchange;
    }

    /** Every setting of {@code built}, the same instances where they hold state (budgets, bans, registries). */
    private Builder(ExchangeResilienceInterceptor built) {
      this.exchange = built.exchange;
      this.inferred = EnumSet.copyOf(built.exchanges);
      this.extraHosts.putAll(built.extraHosts);
      this.catalog = built.catalog;
      built.classOverrides.forEach((exchange, codes) -> classOverrides.put(exchange, new HashMap<>(codes)));
      this.rejectedKeys = built.settings.bans().rejectedKeys();
      OptionsMapping.options(built.settings, this);
    }

    /** With {@link ExchangeResilienceInterceptor#builder()}: the exchanges to handle; all by default. */
    public Builder exchanges(Collection<Exchange> exchanges) {
      requireInference("exchanges");
      if (exchanges.isEmpty()) {
        throw new IllegalArgumentException("at least one exchange is needed");
      }
      this.inferred = EnumSet.copyOf(exchanges);
      return this;
    }

    /**
     * With {@link ExchangeResilienceInterceptor#builder()}: requests to {@code host} go to {@code exchange}, beside
     * its documented hosts. For a proxy, a simulator or a regional host. A {@code host:port} matches requests to that
     * host on that port only (several simulated exchanges on one loopback address); a bare host matches any port.
     *
     * @throws IllegalArgumentException if {@code host} has a scheme, a path, a query or user information, or is no
     *     host at all: it could never match a request
     */
    public Builder host(String host, Exchange exchange) {
      requireInference("host");
      extraHosts.put(HostKeys.of(host), Objects.requireNonNull(exchange, "exchange"));
      return this;
    }

    private void requireInference(String option) {
      if (exchange != null) {
        throw new IllegalStateException(option + "(...) is for an interceptor built with builder(), which tells the"
            + " exchange from the host; this one was built for " + exchange.id());
      }
    }

    public ExchangeResilienceInterceptor build() {
      ExchangeResilienceInterceptor interceptor = new ExchangeResilienceInterceptor(this);
      for (Object component : new Object[] {preparer, signer, reconciler, timeSync}) {
        if (component instanceof InterceptorAware aware) {
          aware.attach(interceptor, clock, sleeper);
        }
      }
      return interceptor;
    }
  }
}
