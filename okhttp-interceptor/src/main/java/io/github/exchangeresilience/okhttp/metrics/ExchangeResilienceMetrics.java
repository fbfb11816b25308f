package io.github.exchangeresilience.okhttp.metrics;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decision.ReconcileOutcome;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.RateLimitHints;
import io.github.exchangeresilience.okhttp.EndpointTemplates;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import io.github.exchangeresilience.okhttp.WebSocketOperation;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Request;

/**
 * Micrometer meters for what the exchanges tell a client, registered under {@value #PREFIX}. Pass it to the
 * interceptor as its {@link ResilienceListener}.
 *
 * <p>Every tag value is bounded: {@code exchange} and {@code class} are enums, {@code code} is a catalog code or
 * {@code unknown} or {@code none}, {@code endpoint} is one of the configured {@link EndpointTemplates} or {@code other},
 * {@code reason} and {@code outcome} are enums, {@code transport} is {@code rest} or {@code websocket} (an operation a
 * WebSocket session sent). No message, key, order id or raw path is ever a tag.
 */
public final class ExchangeResilienceMetrics implements ResilienceListener {
  public static final String PREFIX = "exchange.resilience";
  public static final String RESPONSES = PREFIX + ".responses";
  public static final String RETRIES = PREFIX + ".retries";
  public static final String RATE_LIMIT_WAITS = PREFIX + ".rate.limit.waits";
  public static final String FAIL_FASTS = PREFIX + ".fail.fasts";
  public static final String RECONCILES = PREFIX + ".reconciles";
  public static final String UNKNOWN_CODES = PREFIX + ".unknown.codes";
  public static final String IO_FAILURES = PREFIX + ".io.failures";
  public static final String BANS = PREFIX + ".bans";
  public static final String BAN_UNTIL = PREFIX + ".ban.until";
  public static final String BUDGET_FALLBACKS = PREFIX + ".budget.fallbacks";
  public static final String SERVER_WAITS_CAPPED = PREFIX + ".server.waits.capped";
  /** How much of each limit the exchange reports used (Binance's weight and order counts), by limit name. */
  public static final String RATE_LIMIT_USED = PREFIX + ".rate.limit.used";
  /** What is left of each limit the exchange reports (Bybit's), by limit name. */
  public static final String RATE_LIMIT_REMAINING = PREFIX + ".rate.limit.remaining";

  private static final String RETRIES_HELP = "Requests sent again, by the class of the answer that caused it";
  private static final String RATE_LIMIT_WAITS_HELP = "Time spent waiting for a rate budget or the exchange's window";
  private static final String FAIL_FASTS_HELP = "Calls refused locally without reaching the network";
  private static final String RECONCILES_HELP = "Reconciler answers for requests whose execution status was unknown";
  private static final String UNKNOWN_CODES_HELP = "Answers whose code the catalog does not know, decided from the HTTP status";
  private static final String BANS_HELP = "Bans the exchange imposed";
  private static final String BAN_UNTIL_HELP = "End of the latest ban, in seconds since the epoch";

  /** The classes whose answers are resent: rate limits, clock skew, busy and down, and orders found not executed. */
  private static final List<PolicyClass> RETRIED_CLASSES = List.of(PolicyClass.RATE_LIMITED, PolicyClass.CLOCK_SKEW,
      PolicyClass.TRANSIENT, PolicyClass.UNAVAILABLE, PolicyClass.EXECUTION_UNKNOWN);
  /** The {@code transport} tag's values: a REST call, or an operation a WebSocket session sent. */
  private static final List<String> TRANSPORTS = List.of("rest", "websocket");

  private final MeterRegistry registry;
  private final EndpointTemplates endpoints;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  private ExchangeResilienceMetrics(MeterRegistry registry, EndpointTemplates endpoints) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
  }

  /** Meters in {@code registry}, endpoints named by the default templates. */
  public static ExchangeResilienceMetrics of(MeterRegistry registry) {
    return new ExchangeResilienceMetrics(registry, EndpointTemplates.defaults());
  }

  public static ExchangeResilienceMetrics of(MeterRegistry registry, EndpointTemplates endpoints) {
    return new ExchangeResilienceMetrics(registry, endpoints);
  }

  /**
   * Binds resilience4j-micrometer's standard metrics of every Retry, RateLimiter and CircuitBreaker in these
   * registries, present and future, so the interceptor's instances appear beside the application's own.
   */
  public static void bindResilience4j(MeterRegistry meterRegistry, RetryRegistry retries,
      RateLimiterRegistry rateLimiters, CircuitBreakerRegistry circuitBreakers) {
    TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meterRegistry);
    TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meterRegistry);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(meterRegistry);
  }

  @Override
  public void onResponse(Exchange exchange, Request request, DecodedResponse decoded, PolicyClass handledAs) {
    String endpoint = endpoints.endpointOf(request);
    String code = decoded.entry().isPresent() ? decoded.code().orElse("none")
        : decoded.code().isPresent() ? "unknown" : "none";
    Counter.builder(RESPONSES)
        .description("Exchange answers by the class they were handled as")
        .tags(Tags.of("exchange", exchange.id(), "class", handledAs.name(), "code", code, "endpoint", endpoint,
            "transport", transport(request)))
        .register(registry)
        .increment();
    if (decoded.unknownCode()) {
      Counter.builder(UNKNOWN_CODES)
          .description(UNKNOWN_CODES_HELP)
          .tags("exchange", exchange.id(), "endpoint", endpoint, "transport", transport(request))
          .register(registry)
          .increment();
    }
    recordHints(exchange, decoded.hints());
  }

  /** The limit readings of the last answer; the limit names are the specification's, a bounded set. */
  private void recordHints(Exchange exchange, RateLimitHints hints) {
    hints.used().forEach((limit, used) -> gauge(RATE_LIMIT_USED,
        "How much of a rate limit the exchange reported used in its last answer",
        Tags.of("exchange", exchange.id(), "limit", limit)).set(used));
    hints.remaining().forEach((limit, remaining) -> gauge(RATE_LIMIT_REMAINING,
        "What is left of a rate limit as the exchange reported it in its last answer",
        Tags.of("exchange", exchange.id(), "limit", limit)).set(remaining));
  }

  @Override
  public void onRetry(Exchange exchange, Request request, PolicyClass cause, int attempt, Duration wait) {
    Counter.builder(RETRIES)
        .description(RETRIES_HELP)
        .tags("exchange", exchange.id(), "class", cause.name(), "endpoint", endpoints.endpointOf(request),
            "transport", transport(request))
        .register(registry)
        .increment();
  }

  @Override
  public void onRateLimitWait(Exchange exchange, String budget, Duration wait) {
    Timer.builder(RATE_LIMIT_WAITS)
        .description(RATE_LIMIT_WAITS_HELP)
        .tags("exchange", exchange.id(), "budget", budget)
        .register(registry)
        .record(wait);
  }

  @Override
  public void onFailFast(Exchange exchange, Request request, FailFastException.Reason reason) {
    Counter.builder(FAIL_FASTS)
        .description(FAIL_FASTS_HELP)
        .tags("exchange", exchange.id(), "reason", reason.name(), "endpoint", endpoints.endpointOf(request),
            "transport", transport(request))
        .register(registry)
        .increment();
  }

  @Override
  public void onReconcile(Exchange exchange, Request request, ReconcileOutcome outcome) {
    Counter.builder(RECONCILES)
        .description(RECONCILES_HELP)
        .tags("exchange", exchange.id(), "outcome", outcome.name(), "endpoint", endpoints.endpointOf(request),
            "transport", transport(request))
        .register(registry)
        .increment();
  }

  @Override
  public void onBan(Exchange exchange, String scope, Instant until) {
    Counter.builder(BANS)
        .description(BANS_HELP)
        .tags("exchange", exchange.id(), "scope", scope)
        .register(registry)
        .increment();
    gauge(BAN_UNTIL, BAN_UNTIL_HELP,
        Tags.of("exchange", exchange.id(), "scope", scope)).set(until.getEpochSecond());
  }

  @Override
  public void onBudgetFallback(Exchange exchange, String budget) {
    Counter.builder(BUDGET_FALLBACKS)
        .description("Reservations served by this process's local share while the shared budget store was unavailable")
        .tags("exchange", exchange.id(), "budget", budget)
        .register(registry)
        .increment();
  }

  @Override
  public void onServerWaitCapped(Exchange exchange, Duration named, Duration cap) {
    Counter.builder(SERVER_WAITS_CAPPED)
        .description("Waits and bans named on the wire beyond maxServerWait, held to it")
        .tags("exchange", exchange.id())
        .register(registry)
        .increment();
  }

  @Override
  public void onIoFailure(Exchange exchange, Request request, Exception failure) {
    Counter.builder(IO_FAILURES)
        .description("Calls that failed with an I/O error before an answer arrived")
        .tags("exchange", exchange.id(), "exception", failure.getClass().getSimpleName(),
            "endpoint", endpoints.endpointOf(request), "transport", transport(request))
        .register(registry)
        .increment();
  }

  /**
   * Registers at zero every counter and timer a dashboard of these meters queries for {@code exchange}, for each
   * reason, class and outcome and each of its endpoints (and {@code other}) on both transports, and its ban scope's ban
   * counter and gauge. Prometheus sees no increase in a series that appears with its first count: without this, the
   * first ban shows as none and the first fail-fast of a reason as a rate of 0. {@code exchange.resilience.responses}
   * is left out: it is also tagged by code, a set too large to register ahead.
   *
   * @param banScope the ban scope as the interceptor names it ({@code <exchange-id>:<scope>}, such as
   *     {@code binance-usdm:ip})
   */
  public void registerAtZero(Exchange exchange, String banScope) {
    Set<String> paths = new LinkedHashSet<>();
    for (String template : endpoints.templates()) {
      if (exchange.spec().endpointTemplates().contains(template)
          || Arrays.stream(Exchange.values())
              .noneMatch(other -> other.spec().endpointTemplates().contains(template))) {
        paths.add(template); // the exchange's own, and those configured beyond every exchange's
      }
    }
    paths.add(EndpointTemplates.OTHER);
    Tags exchangeTag = Tags.of("exchange", exchange.id());
    for (String endpoint : paths) {
      for (String transport : TRANSPORTS) {
        registerAtZero(exchangeTag.and("endpoint", endpoint, "transport", transport));
      }
    }
    Set<String> budgets = new LinkedHashSet<>();
    budgets.add("exchange");
    exchange.spec().budgets().forEach(budget -> budgets.add(budget.name()));
    for (String budget : budgets) {
      Timer.builder(RATE_LIMIT_WAITS).description(RATE_LIMIT_WAITS_HELP).tags(exchangeTag.and("budget", budget))
          .register(registry);
    }
    Tags scope = exchangeTag.and("scope", banScope);
    Counter.builder(BANS).description(BANS_HELP).tags(scope).register(registry);
    gauge(BAN_UNTIL, BAN_UNTIL_HELP, scope);
  }

  /** The counters of one endpoint and transport, at zero, for each class, reason and outcome. */
  private void registerAtZero(Tags tags) {
    for (PolicyClass cause : RETRIED_CLASSES) {
      Counter.builder(RETRIES).description(RETRIES_HELP).tags(tags.and("class", cause.name())).register(registry);
    }
    for (FailFastException.Reason reason : FailFastException.Reason.values()) {
      Counter.builder(FAIL_FASTS).description(FAIL_FASTS_HELP).tags(tags.and("reason", reason.name()))
          .register(registry);
    }
    for (ReconcileOutcome outcome : ReconcileOutcome.values()) {
      Counter.builder(RECONCILES).description(RECONCILES_HELP).tags(tags.and("outcome", outcome.name()))
          .register(registry);
    }
    Counter.builder(UNKNOWN_CODES).description(UNKNOWN_CODES_HELP).tags(tags).register(registry);
  }

  /** {@code websocket} for an operation a WebSocket session sent, else {@code rest}. */
  private static String transport(Request request) {
    return request.tag(WebSocketOperation.class) != null ? TRANSPORTS.get(1) : TRANSPORTS.get(0);
  }

  private AtomicLong gauge(String name, String description, Tags tags) {
    String key = name + tags;
    return gauges.computeIfAbsent(key, k -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder(name, value, AtomicLong::get).description(description).tags(tags).strongReference(true)
          .register(registry);
      return value;
    });
  }
}
