package io.github.exchangeresilience.spring;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.exchange.RateBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of exchange-resilience, under {@code exchange-resilience.*}. A setting left unset keeps the library's
 * default, the public constant its builder reads ({@code ResilienceOptions.DEFAULT_*},
 * {@code RedisBackend.DEFAULT_*}): a property is applied only when it is set, so the defaults are written once. What
 * no property covers (a request weight, a signer, a preparer) is set with an
 * {@link ExchangeResilienceInterceptorCustomizer} bean.
 */
@ConfigurationProperties("exchange-resilience")
public class ExchangeResilienceProperties {
  /** Whether to configure the exchange-resilience interceptor at all. */
  private boolean enabled = true;

  /**
   * Whether every final non-success answer (a rejection, retries used up) becomes an ExchangeErrorException instead of
   * being handed back unchanged.
   */
  private Boolean throwOnError;

  /**
   * Hand AUTH, ACCOUNT_RESTRICTED and ban answers back unchanged, for an SDK that raises its own typed exceptions;
   * unset keeps ResilienceOptions.DEFAULT_HAND_BACK_ANSWERS (false).
   */
  private Boolean handBackAnswers;

  /** How much of each response body is read to find its code. The body itself stays whole for the application. */
  private DataSize bodyPrefixLimit;

  /** Paths of POST or PUT endpoints that are safe to resend, beside each exchange's documented cancel endpoints. */
  private Set<String> idempotentEndpoints = new LinkedHashSet<>();

  /** How long calls with an API key the exchange just rejected fail locally. */
  private Duration rejectedKeyCooldown;

  private final Retry retry = new Retry();

  private final RateLimit rateLimit = new RateLimit();

  private final CircuitBreaker circuitBreaker = new CircuitBreaker();

  private final Ban ban = new Ban();

  private final Metrics metrics = new Metrics();

  private final BudgetStore budget = new BudgetStore();

  private final Catalog catalog = new Catalog();

  /** Per-exchange settings, keyed by exchange id: binance-usdm, okx, bybit, bitget. Every exchange is on by default. */
  private Map<Exchange, ExchangeSettings> exchanges = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Boolean getHandBackAnswers() {
    return handBackAnswers;
  }

  public void setHandBackAnswers(Boolean handBackAnswers) {
    this.handBackAnswers = handBackAnswers;
  }

  public Boolean getThrowOnError() {
    return throwOnError;
  }

  public void setThrowOnError(Boolean throwOnError) {
    this.throwOnError = throwOnError;
  }

  public DataSize getBodyPrefixLimit() {
    return bodyPrefixLimit;
  }

  public void setBodyPrefixLimit(DataSize bodyPrefixLimit) {
    this.bodyPrefixLimit = bodyPrefixLimit;
  }

  public Set<String> getIdempotentEndpoints() {
    return idempotentEndpoints;
  }

  public void setIdempotentEndpoints(Set<String> idempotentEndpoints) {
    this.idempotentEndpoints = idempotentEndpoints;
  }

  public Duration getRejectedKeyCooldown() {
    return rejectedKeyCooldown;
  }

  public void setRejectedKeyCooldown(Duration rejectedKeyCooldown) {
    this.rejectedKeyCooldown = rejectedKeyCooldown;
  }

  public Retry getRetry() {
    return retry;
  }

  public RateLimit getRateLimit() {
    return rateLimit;
  }

  public CircuitBreaker getCircuitBreaker() {
    return circuitBreaker;
  }

  public Ban getBan() {
    return ban;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public BudgetStore getBudget() {
    return budget;
  }

  public Catalog getCatalog() {
    return catalog;
  }

  public Map<Exchange, ExchangeSettings> getExchanges() {
    return exchanges;
  }

  public void setExchanges(Map<Exchange, ExchangeSettings> exchanges) {
    this.exchanges = exchanges;
  }

  /** The settings of one exchange, defaults where none were given. */
  ExchangeSettings exchange(Exchange exchange) {
    return exchanges.getOrDefault(exchange, new ExchangeSettings());
  }

  /** Retries of TRANSIENT, RATE_LIMITED and CLOCK_SKEW answers. */
  public static class Retry {
    /** Attempts in all, the first included. */
    private Integer maxAttempts;

    /** The first backoff wait; it grows by the multiplier with each attempt. */
    private Duration initialBackoff;

    /** How much each backoff wait grows over the one before. */
    private Double multiplier;

    /** The random share of each backoff wait, from 0 (none) to 1. */
    private Double jitter;

    /** The longest backoff wait. */
    private Duration maxBackoff;

    /** The longest a call may spend retrying, waits included. */
    private Duration maxDuration;

    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(Double multiplier) {
      this.multiplier = multiplier;
    }

    public Double getJitter() {
      return jitter;
    }

    public void setJitter(Double jitter) {
      this.jitter = jitter;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public Duration getMaxDuration() {
      return maxDuration;
    }

    public void setMaxDuration(Duration maxDuration) {
      this.maxDuration = maxDuration;
    }
  }

  /** Waiting on rate limits. */
  public static class RateLimit {
    /** The longest Retry-After or window reset honoured in-line; a longer one ends the call. */
    private Duration maxWait;

    /** The longest a call waits for a permit of a local rate budget before failing fast. */
    private Duration maxPacingWait;

    /**
     * The longest wait or ban an exchange's answer can impose (Retry-After, a window reset, "banned until"); a longer
     * one is held to it, counted and logged once.
     */
    private Duration maxServerWait;

    public Duration getMaxWait() {
      return maxWait;
    }

    public void setMaxWait(Duration maxWait) {
      this.maxWait = maxWait;
    }

    public Duration getMaxPacingWait() {
      return maxPacingWait;
    }

    public void setMaxPacingWait(Duration maxPacingWait) {
      this.maxPacingWait = maxPacingWait;
    }

    public Duration getMaxServerWait() {
      return maxServerWait;
    }

    public void setMaxServerWait(Duration maxServerWait) {
      this.maxServerWait = maxServerWait;
    }
  }

  /** The circuit breaker of each exchange, tripped by UNAVAILABLE answers and I/O failures only. */
  public static class CircuitBreaker {
    /** Failure rate, in percent, at which the breaker opens. */
    private Float failureRateThreshold;

    /** How many recent calls the failure rate is computed over. */
    private Integer slidingWindowSize;

    /** How many calls must be seen before the failure rate counts. */
    private Integer minimumNumberOfCalls;

    /** How long the breaker stays open before letting a probe through. */
    private Duration waitDurationInOpenState;

    /** How many probe calls a half-open breaker lets through. */
    private Integer permittedNumberOfCallsInHalfOpenState;

    public Float getFailureRateThreshold() {
      return failureRateThreshold;
    }

    public void setFailureRateThreshold(Float failureRateThreshold) {
      this.failureRateThreshold = failureRateThreshold;
    }

    public Integer getSlidingWindowSize() {
      return slidingWindowSize;
    }

    public void setSlidingWindowSize(Integer slidingWindowSize) {
      this.slidingWindowSize = slidingWindowSize;
    }

    public Integer getMinimumNumberOfCalls() {
      return minimumNumberOfCalls;
    }

    public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
      this.minimumNumberOfCalls = minimumNumberOfCalls;
    }

    public Duration getWaitDurationInOpenState() {
      return waitDurationInOpenState;
    }

    public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
      this.waitDurationInOpenState = waitDurationInOpenState;
    }

    public Integer getPermittedNumberOfCallsInHalfOpenState() {
      return permittedNumberOfCallsInHalfOpenState;
    }

    public void setPermittedNumberOfCallsInHalfOpenState(Integer permittedNumberOfCallsInHalfOpenState) {
      this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
    }
  }

  /** The error-code catalog codes are classified by. */
  public static class Catalog {
    /**
     * A directory of catalog data files regenerated from newer exchange pages (CatalogCli regenerate or import
     * --out): <exchange-id>.json per exchange; exchanges without a file keep the built-in catalog. Unset: the
     * catalog built into the library.
     */
    private Path location;

    public Path getLocation() {
      return location;
    }

    public void setLocation(Path location) {
      this.location = location;
    }
  }

  /** Bans imposed by the exchanges. */
  public static class Ban {
    /** What a ban covers, such as the egress IP of this process. Processes sharing one IP should share the scope. */
    private String scope;

    /** How long a ban lasts when the exchange does not say. */
    private Duration defaultDuration;

    public String getScope() {
      return scope;
    }

    public void setScope(String scope) {
      this.scope = scope;
    }

    public Duration getDefaultDuration() {
      return defaultDuration;
    }

    public void setDefaultDuration(Duration defaultDuration) {
      this.defaultDuration = defaultDuration;
    }
  }

  /** Where rate budgets and bans are kept: in this process by default, or shared through Redis. */
  public static class BudgetStore {
    private final Redis redis = new Redis();

    public Redis getRedis() {
      return redis;
    }
  }

  /**
   * Rate budgets and bans shared through Redis by every process of one IP or account. Needs lettuce-core and
   * com.bucket4j:bucket4j_jdk17-lettuce on the class path.
   */
  public static class Redis {
    /** Whether to keep rate budgets and bans in Redis, shared by every process with the same key prefix and scope. */
    private boolean enabled = false;

    /**
     * Redis URI, such as redis://localhost:6379/0. When unset, the application's own Lettuce RedisClient bean, or the
     * client of Spring Data Redis's LettuceConnectionFactory, is reused; without either, redis://localhost:6379.
     */
    private String uri;

    /** The prefix of every key this library writes. */
    private String keyPrefix;

    /**
     * The label of the processes that share a budget, such as the egress IP; processes with different labels do not
     * share. Defaults to exchange-resilience.ban.scope.
     */
    private String scope;

    /** Labels per budget name that differ from the scope, such as orders: account-7 for per-account order budgets. */
    private Map<String, String> budgetScopes = new LinkedHashMap<>();

    /**
     * The share of each budget one process keeps to while Redis is unreachable, above 0 and at most 1: 1/N for N
     * processes keeps them all within the limit.
     */
    private Double localShare;

    /** The longest a call waits for one Redis command before falling back to local memory. */
    private Duration timeout;

    /** How often an unreachable Redis is probed. */
    private Duration probeInterval;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getUri() {
      return uri;
    }

    public void setUri(String uri) {
      this.uri = uri;
    }

    public String getKeyPrefix() {
      return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    public String getScope() {
      return scope;
    }

    public void setScope(String scope) {
      this.scope = scope;
    }

    public Map<String, String> getBudgetScopes() {
      return budgetScopes;
    }

    public void setBudgetScopes(Map<String, String> budgetScopes) {
      this.budgetScopes = budgetScopes;
    }

    public Double getLocalShare() {
      return localShare;
    }

    public void setLocalShare(Double localShare) {
      this.localShare = localShare;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Duration getProbeInterval() {
      return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
      this.probeInterval = probeInterval;
    }
  }

  /** Micrometer metrics. */
  public static class Metrics {
    /** Whether to register exchange-resilience meters when a MeterRegistry is present. */
    private boolean enabled = true;

    /**
     * Path templates for the endpoint tag, beside the built-in ones; a segment in braces matches any value, such as
     * /api/v1/orders/{id}. Paths matching none are tagged "other".
     */
    private List<String> endpoints = new ArrayList<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public List<String> getEndpoints() {
      return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
      this.endpoints = endpoints;
    }
  }

  /** The settings of one exchange. */
  public static class ExchangeSettings {
    /** Whether requests to this exchange are handled. */
    private boolean enabled = true;

    /**
     * Hosts that belong to this exchange beside its documented ones: a proxy, a simulator, a regional host. A host
     * matches any port; host:port matches that port only. A scheme or a path fails start-up.
     */
    private List<String> hosts = new ArrayList<>();

    /** Rate budgets replacing the documented ones; leave empty for the documented defaults. */
    private List<Budget> budgets = new ArrayList<>();

    /** Codes to handle as another policy class than the catalog gives, such as 51008: TRANSIENT. */
    private Map<String, PolicyClass> classOverrides = new LinkedHashMap<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public List<String> getHosts() {
      return hosts;
    }

    public void setHosts(List<String> hosts) {
      this.hosts = hosts;
    }

    public List<Budget> getBudgets() {
      return budgets;
    }

    public void setBudgets(List<Budget> budgets) {
      this.budgets = budgets;
    }

    public Map<String, PolicyClass> getClassOverrides() {
      return classOverrides;
    }

    public void setClassOverrides(Map<String, PolicyClass> classOverrides) {
      this.classOverrides = classOverrides;
    }
  }

  /** One rate budget. */
  public static class Budget {
    /** A short name, unique per exchange, such as ip or orders. */
    private String name;

    /** Permits (requests, or request weight) per period. */
    private int limit;

    /** The window the exchange counts in. */
    private Duration period;

    /** Which requests draw on it. */
    private RateBudget.Scope scope = RateBudget.Scope.ALL_REQUESTS;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public int getLimit() {
      return limit;
    }

    public void setLimit(int limit) {
      this.limit = limit;
    }

    public Duration getPeriod() {
      return period;
    }

    public void setPeriod(Duration period) {
      this.period = period;
    }

    public RateBudget.Scope getScope() {
      return scope;
    }

    public void setScope(RateBudget.Scope scope) {
      this.scope = scope;
    }

    RateBudget toRateBudget() {
      return new RateBudget(name, limit, period, scope);
    }
  }
}
