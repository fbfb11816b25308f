package io.github.exchangeresilience.spring;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Shows, per exchange, the circuit breaker's state and the ban in force, if any.
 *
 * <p>A ban or an open breaker reports {@code DEGRADED}, not {@code DOWN}: restarting the application cannot lift an
 * exchange's ban, and an orchestrator that restarts on DOWN would only make things worse.
 */
public final class ExchangeResilienceHealthIndicator extends AbstractHealthIndicator {
  public static final Status DEGRADED = new Status("DEGRADED", "a ban is in force or a circuit breaker is open");

  private final ExchangeResilienceInterceptor interceptor;

  public ExchangeResilienceHealthIndicator(ExchangeResilienceInterceptor interceptor) {
    this.interceptor = interceptor;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean degraded = false;
    for (Exchange exchange : interceptor.exchanges()) {
      CircuitBreaker.State state = interceptor.circuitBreaker(exchange).getState();
      Instant bannedUntil = interceptor.bannedUntil(exchange).orElse(null);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("circuitBreaker", state.name());
      details.put("bannedUntil", bannedUntil == null ? "none" : bannedUntil.toString());
      builder.withDetail(exchange.id(), details);
      degraded |= bannedUntil != null || state == CircuitBreaker.State.OPEN
          || state == CircuitBreaker.State.FORCED_OPEN;
    }
    builder.status(degraded ? DEGRADED : Status.UP);
  }
}
