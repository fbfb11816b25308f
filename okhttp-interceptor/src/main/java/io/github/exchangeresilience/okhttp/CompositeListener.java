package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/** Tells several listeners, in order. */
final class CompositeListener implements ResilienceListener {
  private final List<ResilienceListener> listeners;

  CompositeListener(List<ResilienceListener> listeners) {
    this.listeners = listeners;
  }

  @Override
  public void onResponse(Exchange exchange, Request request, DecodedResponse decoded, PolicyClass handledAs) {
    listeners.forEach(listener -> listener.onResponse(exchange, request, decoded, handledAs));
  }

  @Override
  public void onRetry(Exchange exchange, Request request, PolicyClass cause, int attempt, Duration wait) {
    listeners.forEach(listener -> listener.onRetry(exchange, request, cause, attempt, wait));
  }

  @Override
  public void onRateLimitWait(Exchange exchange, String budget, Duration wait) {
    listeners.forEach(listener -> listener.onRateLimitWait(exchange, budget, wait));
  }

  @Override
  public void onFailFast(Exchange exchange, Request request, FailFastException.Reason reason) {
    listeners.forEach(listener -> listener.onFailFast(exchange, request, reason));
  }

  @Override
  public void onReconcile(Exchange exchange, Request request, ReconcileResult.Outcome outcome) {
    listeners.forEach(listener -> listener.onReconcile(exchange, request, outcome));
  }

  @Override
  public void onBan(Exchange exchange, String scope, Instant until) {
    listeners.forEach(listener -> listener.onBan(exchange, scope, until));
  }

  @Override
  public void onBudgetFallback(Exchange exchange, String budget) {
    listeners.forEach(listener -> listener.onBudgetFallback(exchange, budget));
  }

  @Override
  public void onIoFailure(Exchange exchange, Request request, Exception failure) {
    listeners.forEach(listener -> listener.onIoFailure(exchange, request, failure));
  }
}
