package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decision.ReconcileOutcome;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.okhttp.internal.CompositeListener;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/**
 * Hears what the interceptor decides, for metrics and logs. Every method has an empty default; implementations must
 * be fast and should not throw: one that throws is logged once and skipped, never allowed to change a call's outcome. The request is passed so that a listener can map it to a bounded endpoint name; it
 * must never tag or log the request's headers or query as they are.
 */
public interface ResilienceListener {
  ResilienceListener NONE = new ResilienceListener() {};

  /** One listener that tells each of {@code listeners}, in order; {@link #NONE} among them is left out. */
  static ResilienceListener composite(List<? extends ResilienceListener> listeners) {
    List<ResilienceListener> all = listeners.stream().map(java.util.Objects::requireNonNull)
        .filter(listener -> listener != NONE).map(ResilienceListener.class::cast).toList();
    return all.isEmpty() ? NONE : new CompositeListener(all);
  }

  /** An answer arrived and was decoded; {@code handledAs} is the class it was routed by. */
  default void onResponse(Exchange exchange, Request request, DecodedResponse decoded, PolicyClass handledAs) {}

  /** The call will be sent again after {@code wait}, because of an answer of class {@code cause}. */
  default void onRetry(Exchange exchange, Request request, PolicyClass cause, int attempt, Duration wait) {}

  /** The call waited {@code wait} for a permit of the named rate budget (or for the exchange's window to reset). */
  default void onRateLimitWait(Exchange exchange, String budget, Duration wait) {}

  /** The call was refused locally without reaching the network. */
  default void onFailFast(Exchange exchange, Request request, FailFastException.Reason reason) {}

  /** A reconciler answered for a request whose execution status was unknown. */
  default void onReconcile(Exchange exchange, Request request, ReconcileOutcome outcome) {}

  /** The exchange banned a scope until {@code until}. */
  default void onBan(Exchange exchange, String scope, Instant until) {}

  /**
   * A shared rate budget store could not reach its shared state (Redis unavailable), so one reservation on the named
   * budget was served by this process's local share instead.
   */
  default void onBudgetFallback(Exchange exchange, String budget) {}

  /**
   * The exchange named a wait or a ban ({@code Retry-After}, a window reset, "banned until") longer than the
   * interceptor's {@code maxServerWait}; it was held to {@code cap}. A proxy's or a clock's mistake, most likely.
   */
  default void onServerWaitCapped(Exchange exchange, Duration named, Duration cap) {}

  /** The call failed with an I/O error before any answer arrived. */
  default void onIoFailure(Exchange exchange, Request request, Exception failure) {}

  /**
   * A call the interceptor handled ended, on the thread that carried it: with an answer handed to the application
   * ({@code failure} is {@code null}), or with {@code failure}, the exception the interceptor threw (an
   * {@link ExchangeException} with its class, code and, for an order in doubt, its client order id; or the I/O failure
   * itself). For an SDK that wraps what OkHttp throws and drops the cause, this is where the application gets the
   * interceptor's outcome back; {@link LastCallOutcome} keeps it per thread.
   */
  default void onCallEnded(Exchange exchange, Request request, IOException failure) {}
}
