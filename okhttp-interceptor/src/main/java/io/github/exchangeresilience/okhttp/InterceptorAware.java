package io.github.exchangeresilience.okhttp;

import java.time.Clock;

/**
 * A preparer, signer, reconciler or time sync that needs the interceptor it belongs to: to send its own requests (an
 * order lookup, the server time) through it, so that they share its rate budgets, bans and circuit breaker, and to
 * read time and wait on its clock and sleeper. {@link ExchangeResilienceInterceptor.Builder#build()} attaches each
 * such component before the interceptor is returned; an interceptor built again from
 * {@link ExchangeResilienceInterceptor#newBuilder()}, which shares the first one's state, takes it over.
 */
public interface InterceptorAware {
  void attach(ExchangeResilienceInterceptor interceptor, Clock clock, Sleeper sleeper);
}
