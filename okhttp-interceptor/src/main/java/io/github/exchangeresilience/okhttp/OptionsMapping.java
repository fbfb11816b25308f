package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decision.DecisionSettings;
import io.github.exchangeresilience.okhttp.internal.GuardSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.Map;

/**
 * The one mapping between the builder's options and the settings a built interceptor keeps, both ways: {@code build()}
 * turns options into settings, {@code newBuilder()} turns them back. An option added to {@link ResilienceOptions} is
 * added here twice, side by side, so that {@code newBuilder()} cannot forget it.
 */
final class OptionsMapping {
  private OptionsMapping() {}

  /** The settings of a new interceptor: the options, with Resilience4j's default registries where none was given. */
  static GuardSettings settings(ExchangeResilienceInterceptor.Builder b,
      Map<Exchange, Map<String, PolicyClass>> classOverrides) {
    ErrorCatalog base = b.catalog != null ? b.catalog : ErrorCatalog.builtIn();
    RetryRegistry retries = b.retryRegistry != null ? b.retryRegistry : RetryRegistry.ofDefaults();
    RateLimiterRegistry limiters = b.rateLimiterRegistry != null ? b.rateLimiterRegistry
        : RateLimiterRegistry.ofDefaults();
    CircuitBreakerRegistry breakers = b.circuitBreakerRegistry != null ? b.circuitBreakerRegistry
        : CircuitBreakerRegistry.ofDefaults();
    return new GuardSettings(
        new GuardSettings.RequestPolicy(base.withOverrides(classOverrides), b.bodyPrefixLimit,
            b.nonIdempotentMethods, b.idempotentEndpoints, b.throwOnError),
        new GuardSettings.RetryPolicy(b.maxAttempts, b.initialBackoff, b.backoffMultiplier, b.backoffJitter,
            b.maxBackoff, b.maxRetryDuration),
        new GuardSettings.Pacing(b.maxPacingWait, Map.copyOf(b.budgets), b.requestWeight,
            b.budgetStore != null ? b.budgetStore : RateBudgetStore.resilience4j(limiters, b.clock)),
        new DecisionSettings(b.maxRateLimitWait, b.maxServerWait, b.defaultBanDuration, b.rejectedKeyCooldown,
            b.handBackAnswers),
        new GuardSettings.Hooks(b.preparer, b.signer, b.reconciler, b.timeSync, b.listener),
        new GuardSettings.Resilience(retries, limiters, breakers, b.circuitBreakerConfig),
        new GuardSettings.Bans(b.banState != null ? b.banState : BanState.inMemory(),
            b.rejectedKeys != null ? b.rejectedKeys : BanState.inMemory(), b.banScope),
        b.clock, b.sleeper);
  }

  /** Back from a built interceptor's settings into {@code b}: the same instances, so that state stays shared. */
  static void options(GuardSettings s, ResilienceOptions<?> b) {
    b.bodyPrefixLimit = s.requests().bodyPrefixLimit();
    b.nonIdempotentMethods = s.requests().nonIdempotentMethods();
    b.idempotentEndpoints = s.requests().idempotentEndpoints();
    b.throwOnError = s.requests().throwOnError();
    b.maxAttempts = s.retry().maxAttempts();
    b.initialBackoff = s.retry().initialBackoff();
    b.backoffMultiplier = s.retry().multiplier();
    b.backoffJitter = s.retry().jitter();
    b.maxBackoff = s.retry().maxBackoff();
    b.maxRetryDuration = s.retry().maxRetryDuration();
    b.maxPacingWait = s.pacing().maxPacingWait();
    b.budgets.putAll(s.pacing().budgetOverrides());
    b.requestWeight = s.pacing().requestWeight();
    b.budgetStore = s.pacing().store();
    b.maxRateLimitWait = s.decision().maxRateLimitWait();
    b.maxServerWait = s.decision().maxServerWait();
    b.defaultBanDuration = s.decision().defaultBanDuration();
    b.rejectedKeyCooldown = s.decision().rejectedKeyCooldown();
    b.handBackAnswers = s.decision().handBackAnswers();
    b.preparer = s.hooks().preparer();
    b.signer = s.hooks().signer();
    b.reconciler = s.hooks().reconciler();
    b.timeSync = s.hooks().timeSync();
    b.listener = s.hooks().listener();
    b.retryRegistry = s.resilience().retries();
    b.rateLimiterRegistry = s.resilience().rateLimiters();
    b.circuitBreakerRegistry = s.resilience().circuitBreakers();
    b.circuitBreakerConfig = s.resilience().circuitBreakerConfig();
    b.banState = s.bans().bans();
    b.banScope = s.bans().scope();
    b.clock = s.clock();
    b.sleeper = s.sleeper();
  }
}
