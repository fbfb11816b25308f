package io.github.exchangeresilience.spring;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.okhttp.BanState;
import io.github.exchangeresilience.okhttp.EndpointTemplates;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.RateBudgetStore;
import io.github.exchangeresilience.okhttp.Reconciler;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import io.github.exchangeresilience.okhttp.ResilienceOptions;
import io.github.exchangeresilience.okhttp.TimeSync;
import io.github.exchangeresilience.okhttp.metrics.ExchangeResilienceMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpObservationInterceptor;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of exchange-resilience: one {@link ExchangeResilienceInterceptor} for every enabled exchange,
 * told apart by host, an {@link OkHttpClient} set up with it, Micrometer metrics when a {@link MeterRegistry} is
 * present (the library's, Resilience4j's, and Micrometer's OkHttp metrics of that client), and a health indicator
 * when Spring Boot's health support is.
 *
 * <p>Properties are applied only when set; an {@link ExchangeResilienceInterceptorCustomizer} bean adjusts what no
 * property covers. The application's own Resilience4j registries, {@link BanState}, {@link RateBudgetStore}, {@link Reconciler},
 * {@link TimeSync} and {@link ResilienceListener} beans are used when it has them; with
 * {@code exchange-resilience.budget.redis.enabled=true}, {@link ExchangeResilienceRedisAutoConfiguration} provides
 * budgets and bans shared through Redis.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({OkHttpClient.class, ExchangeResilienceInterceptor.class})
@ConditionalOnBooleanProperty(name = "exchange-resilience.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ExchangeResilienceProperties.class)
public final class ExchangeResilienceAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  RetryRegistry exchangeResilienceRetryRegistry() {
    return RetryRegistry.ofDefaults();
  }

  @Bean
  @ConditionalOnMissingBean
  RateLimiterRegistry exchangeResilienceRateLimiterRegistry() {
    return RateLimiterRegistry.ofDefaults();
  }

  @Bean
  @ConditionalOnMissingBean
  CircuitBreakerRegistry exchangeResilienceCircuitBreakerRegistry() {
    return CircuitBreakerRegistry.ofDefaults();
  }

  @Bean
  @ConditionalOnMissingBean
  BanState exchangeResilienceBanState() {
    return BanState.inMemory();
  }

  @Bean
  @ConditionalOnMissingBean
  ExchangeResilienceInterceptor exchangeResilienceInterceptor(ExchangeResilienceProperties properties,
      RetryRegistry retryRegistry, RateLimiterRegistry rateLimiterRegistry,
      CircuitBreakerRegistry circuitBreakerRegistry, BanState banState, ObjectProvider<RateBudgetStore> budgetStore,
      ObjectProvider<Reconciler> reconciler, ObjectProvider<TimeSync> timeSync,
      ObjectProvider<ResilienceListener> listeners, ObjectProvider<ExchangeResilienceInterceptorCustomizer> customizers) {
    Set<Exchange> enabled = EnumSet.noneOf(Exchange.class);
    for (Exchange exchange : Exchange.values()) {
      if (properties.exchange(exchange).isEnabled()) {
        enabled.add(exchange);
      }
    }
    if (enabled.isEmpty()) {
      throw new IllegalStateException("exchange-resilience: every exchange is disabled; set"
          + " exchange-resilience.enabled=false to turn the library off instead");
    }
    ExchangeResilienceInterceptor.Builder builder = ExchangeResilienceInterceptor.builder()
        .exchanges(enabled)
        .retryRegistry(retryRegistry)
        .rateLimiterRegistry(rateLimiterRegistry)
        .circuitBreakerRegistry(circuitBreakerRegistry)
        .banState(banState)
        .listener(ResilienceListener.composite(listeners.orderedStream().toList()));
    applyProperties(properties, builder);
    Path catalogLocation = properties.getCatalog().getLocation();
    if (catalogLocation != null) {
      builder.catalog(catalog(catalogLocation));
    }
    budgetStore.ifAvailable(builder::rateBudgetStore);
    reconciler.ifAvailable(builder::reconciler);
    timeSync.ifAvailable(builder::timeSync);
    for (Exchange exchange : enabled) {
      ExchangeResilienceProperties.ExchangeSettings settings = properties.exchange(exchange);
      List<String> hosts = settings.getHosts();
      for (int i = 0; i < hosts.size(); i++) {
        try {
          builder.host(hosts.get(i), exchange);
        } catch (IllegalArgumentException e) {
          // A host with a scheme or a path would never match a request: the exchange would go unprotected, silently.
          throw new InvalidConfigurationPropertyValueException(
              "exchange-resilience.exchanges." + exchange.id() + ".hosts[" + i + "]", hosts.get(i), e.getMessage());
        }
      }
      if (!settings.getBudgets().isEmpty()) {
        List<RateBudget> budgets = settings.getBudgets().stream()
            .map(ExchangeResilienceProperties.Budget::toRateBudget)
            .toList();
        builder.rateBudgets(exchange, budgets);
      }
      for (Map.Entry<String, PolicyClass> override : settings.getClassOverrides().entrySet()) {
        builder.classOverride(exchange, override.getKey(), override.getValue());
      }
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /** Each property that is set, and only those: an unset one keeps the builder's default. */
  private static void applyProperties(ExchangeResilienceProperties properties,
      ExchangeResilienceInterceptor.Builder builder) {
    PropertyMapper map = PropertyMapper.get();
    map.from(properties.getThrowOnError()).to(builder::throwOnError);
    map.from(properties.getHandBackAnswers()).to(builder::handBackAnswers);
    map.from(properties.getBodyPrefixLimit()).as(size -> (int) Math.min(Integer.MAX_VALUE, size.toBytes()))
        .to(builder::bodyPrefixLimit);
    map.from(properties.getIdempotentEndpoints()).when(paths -> !paths.isEmpty()).to(builder::idempotentEndpoints);
    map.from(properties.getRejectedKeyCooldown()).to(builder::rejectedKeyCooldown);
    ExchangeResilienceProperties.Retry retry = properties.getRetry();
    map.from(retry.getMaxAttempts()).to(builder::maxAttempts);
    if (retry.getInitialBackoff() != null || retry.getMultiplier() != null || retry.getJitter() != null
        || retry.getMaxBackoff() != null) {
      builder.backoff(
          orDefault(retry.getInitialBackoff(), ResilienceOptions.DEFAULT_INITIAL_BACKOFF),
          orDefault(retry.getMultiplier(), ResilienceOptions.DEFAULT_BACKOFF_MULTIPLIER),
          orDefault(retry.getJitter(), ResilienceOptions.DEFAULT_BACKOFF_JITTER),
          orDefault(retry.getMaxBackoff(), ResilienceOptions.DEFAULT_MAX_BACKOFF));
    }
    map.from(retry.getMaxDuration()).to(builder::maxRetryDuration);
    ExchangeResilienceProperties.RateLimit rateLimit = properties.getRateLimit();
    map.from(rateLimit.getMaxWait()).to(builder::maxRateLimitWait);
    map.from(rateLimit.getMaxPacingWait()).to(builder::maxPacingWait);
    map.from(rateLimit.getMaxServerWait()).to(builder::maxServerWait);
    map.from(circuitBreakerConfig(properties.getCircuitBreaker())).to(builder::circuitBreakerConfig);
    map.from(properties.getBan().getScope()).to(builder::banScope);
    map.from(properties.getBan().getDefaultDuration()).to(builder::defaultBanDuration);
  }

  /** The library's breaker configuration with the properties that are set; {@code null} when none is. */
  private static CircuitBreakerConfig circuitBreakerConfig(ExchangeResilienceProperties.CircuitBreaker breaker) {
    if (breaker.getFailureRateThreshold() == null && breaker.getSlidingWindowSize() == null
        && breaker.getMinimumNumberOfCalls() == null && breaker.getWaitDurationInOpenState() == null
        && breaker.getPermittedNumberOfCallsInHalfOpenState() == null) {
      return null;
    }
    CircuitBreakerConfig.Builder config = CircuitBreakerConfig.from(ResilienceOptions.DEFAULT_CIRCUIT_BREAKER_CONFIG);
    PropertyMapper map = PropertyMapper.get();
    map.from(breaker.getFailureRateThreshold()).to(config::failureRateThreshold);
    map.from(breaker.getSlidingWindowSize()).to(config::slidingWindowSize);
    map.from(breaker.getMinimumNumberOfCalls()).to(config::minimumNumberOfCalls);
    map.from(breaker.getWaitDurationInOpenState()).to(config::waitDurationInOpenState);
    map.from(breaker.getPermittedNumberOfCallsInHalfOpenState()).to(config::permittedNumberOfCallsInHalfOpenState);
    return config.build();
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static ErrorCatalog catalog(Path location) {
    try {
      return ErrorCatalog.fromDirectory(location);
    } catch (IOException e) {
      throw new IllegalStateException("exchange-resilience.catalog.location: cannot load the catalog from "
          + location + ": " + e.getMessage(), e);
    }
  }

  @Bean
  @ConditionalOnMissingBean
  ExchangeResilienceOkHttpCustomizer exchangeResilienceOkHttpCustomizer(ExchangeResilienceInterceptor interceptor) {
    return new ExchangeResilienceOkHttpCustomizer(interceptor);
  }

  @Bean
  @ConditionalOnMissingBean
  OkHttpClient exchangeResilienceOkHttpClient(ExchangeResilienceOkHttpCustomizer customizer,
      ObjectProvider<OkHttpClientMetrics> metrics) {
    OkHttpClient.Builder builder = customizer.customize(new OkHttpClient.Builder());
    metrics.ifAvailable(httpMetrics -> httpMetrics.applyTo(builder));
    return builder.build();
  }

  private static EndpointTemplates endpointTemplates(ExchangeResilienceProperties properties) {
    return EndpointTemplates.defaults(properties.getMetrics().getEndpoints().toArray(String[]::new));
  }

  /** Meters of the library, and Resilience4j's own, in the application's MeterRegistry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, TaggedRetryMetrics.class})
  @ConditionalOnBean(MeterRegistry.class)
  @ConditionalOnBooleanProperty(name = "exchange-resilience.metrics.enabled", matchIfMissing = true)
  static class MetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ExchangeResilienceMetrics exchangeResilienceMetrics(MeterRegistry registry,
        ExchangeResilienceProperties properties) {
      return ExchangeResilienceMetrics.of(registry, endpointTemplates(properties));
    }

    /**
     * The dashboard's counters at zero for every enabled exchange and each reason, class and outcome, bound when Boot
     * binds the registry's binders: the first ban or fail-fast then shows as an increase, not as a new series.
     */
    @Bean
    MeterBinder exchangeResilienceMetersAtZero(ExchangeResilienceMetrics metrics,
        ExchangeResilienceInterceptor interceptor) {
      return registry -> interceptor.exchanges()
          .forEach(exchange -> metrics.registerAtZero(exchange, interceptor.banScope(exchange)));
    }

    // Boot binds every MeterBinder bean to the registry; an application that already binds Resilience4j keeps its own.
    @Bean
    @ConditionalOnMissingBean
    TaggedRetryMetrics exchangeResilienceRetryMetrics(RetryRegistry registry) {
      return TaggedRetryMetrics.ofRetryRegistry(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    TaggedRateLimiterMetrics exchangeResilienceRateLimiterMetrics(RateLimiterRegistry registry) {
      return TaggedRateLimiterMetrics.ofRateLimiterRegistry(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    TaggedCircuitBreakerMetrics exchangeResilienceCircuitBreakerMetrics(CircuitBreakerRegistry registry) {
      return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry);
    }
  }

  /**
   * Micrometer's OkHttp metrics for the auto-configured client, tagged by exchange and endpoint template. Observations
   * go through the application's ObservationRegistry when it has one (so they reach its tracing too), else straight
   * into the MeterRegistry.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, OkHttpObservationInterceptor.class})
  @ConditionalOnBean(MeterRegistry.class)
  @ConditionalOnBooleanProperty(name = "exchange-resilience.metrics.enabled", matchIfMissing = true)
  static class HttpClientMetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OkHttpClientMetrics exchangeResilienceOkHttpClientMetrics(MeterRegistry meterRegistry,
        ObjectProvider<ObservationRegistry> observationRegistry, ExchangeResilienceInterceptor interceptor,
        ExchangeResilienceProperties properties) {
      ObservationRegistry observations = observationRegistry.getIfAvailable(() -> {
        ObservationRegistry own = ObservationRegistry.create();
        own.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
        return own;
      });
      return new OkHttpClientMetrics(observations, interceptor, endpointTemplates(properties));
    }
  }

  /** Breaker states and bans in force, under /actuator/health. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("exchangeResilience")
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "exchangeResilienceHealthIndicator")
    ExchangeResilienceHealthIndicator exchangeResilienceHealthIndicator(ExchangeResilienceInterceptor interceptor) {
      return new ExchangeResilienceHealthIndicator(interceptor);
    }
  }
}
