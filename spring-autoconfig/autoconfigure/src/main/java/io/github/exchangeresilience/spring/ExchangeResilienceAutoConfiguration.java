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
 * <p>The application's own Resilience4j registries, {@link BanState}, {@link RateBudgetStore}, {@link Reconciler},
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
      ObjectProvider<ResilienceListener> listeners) {
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
    ExchangeResilienceProperties.Retry retry = properties.getRetry();
    ExchangeResilienceProperties.CircuitBreaker breaker = properties.getCircuitBreaker();
    ExchangeResilienceInterceptor.Builder builder = ExchangeResilienceInterceptor.builder()
        .exchanges(enabled)
        .throwOnError(properties.isThrowOnError())
        .bodyPrefixLimit((int) Math.min(Integer.MAX_VALUE, properties.getBodyPrefixLimit().toBytes()))
        .idempotentEndpoints(properties.getIdempotentEndpoints())
        .rejectedKeyCooldown(properties.getRejectedKeyCooldown())
        .maxAttempts(retry.getMaxAttempts())
        .backoff(retry.getInitialBackoff(), retry.getMultiplier(), retry.getJitter(), retry.getMaxBackoff())
        .maxRetryDuration(retry.getMaxDuration())
        .maxRateLimitWait(properties.getRateLimit().getMaxWait())
        .maxPacingWait(properties.getRateLimit().getMaxPacingWait())
        .maxServerWait(properties.getRateLimit().getMaxServerWait())
        .circuitBreakerConfig(CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(breaker.getSlidingWindowSize())
            .minimumNumberOfCalls(breaker.getMinimumNumberOfCalls())
            .failureRateThreshold(breaker.getFailureRateThreshold())
            .waitDurationInOpenState(breaker.getWaitDurationInOpenState())
            .permittedNumberOfCallsInHalfOpenState(breaker.getPermittedNumberOfCallsInHalfOpenState())
            .build())
        .banScope(properties.getBan().getScope())
        .defaultBanDuration(properties.getBan().getDefaultDuration())
        .retryRegistry(retryRegistry)
        .rateLimiterRegistry(rateLimiterRegistry)
        .circuitBreakerRegistry(circuitBreakerRegistry)
        .banState(banState)
        .listener(ResilienceListener.composite(listeners.orderedStream().toList()));
    Path catalogLocation = properties.getCatalog().getLocation();
    if (catalogLocation != null) {
      builder.catalog(catalog(catalogLocation));
    }
    budgetStore.ifAvailable(builder::rateBudgetStore);
    reconciler.ifAvailable(builder::reconciler);
    timeSync.ifAvailable(builder::timeSync);
    for (Exchange exchange : enabled) {
      ExchangeResilienceProperties.ExchangeSettings settings = properties.exchange(exchange);
      settings.getHosts().forEach(host -> builder.host(host, exchange));
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
    return builder.build();
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
