package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decision.ReconcileOutcome;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Request;

/**
 * Tells several listeners, in order, each apart from the others: a listener that throws is logged (once per listener
 * class) and the call goes on. A listener hears of outcomes after they are decided; its failure must never turn an
 * order that went out into an exception that reads as "not sent".
 */
public final class CompositeListener implements ResilienceListener {
  private static final System.Logger LOG = System.getLogger(ResilienceListener.class.getName());
  private static final Set<Class<?>> LOGGED = ConcurrentHashMap.newKeySet();

  /** An array, walked by index: an event costs no iterator. */
  private final ResilienceListener[] listeners;

  public CompositeListener(List<ResilienceListener> listeners) {
    this.listeners = listeners.toArray(new ResilienceListener[0]);
  }

  private static void failed(ResilienceListener listener, RuntimeException e) {
    if (LOGGED.add(listener.getClass())) {
      LOG.log(Level.WARNING, "exchange-resilience: listener " + listener.getClass().getName()
          + " threw; its events are skipped where it throws (logged once)", e);
    }
  }

  @Override
  public void onResponse(Exchange exchange, Request request, DecodedResponse decoded, PolicyClass handledAs) {
    for (ResilienceListener listener : listeners) {
      try {
        listener.onResponse(exchange, request, decoded, handledAs);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  @Override
  public void onRetry(Exchange exchange, Request request, PolicyClass cause, int attempt, Duration wait) {
    for (ResilienceListener listener : listeners) {
      try {
        listener.onRetry(exchange, request, cause, attempt, wait);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  @Override
  public void onRateLimitWait(Exchange exchange, String budget, Duration wait) {
    for (ResilienceListener listener : listeners) {
      try {
        listener.onRateLimitWait(exchange, budget, wait);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  @Override
  public void onFailFast(Exchange exchange, Request request, FailFastException.Reason reason) {
    for (ResilienceListener listener : listeners) {
      try {
        listener.onFailFast(exchange, request, reason);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  @Override
  public void onReconcile(Exchange exchange, Request request, ReconcileOutcome outcome) {
    for (ResilienceListener listener : listeners) {
      try {
        listener.onReconcile(exchange, request, outcome);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  @Override
  public void onBan(Exchange exchange, String scope, Instant until) {
    for (ResilienceListener listener : listeners) {
      try {
        listener.onBan(exchange, scope, until);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  @Override
  public void onBudgetFallback(Exchange exchange, String budget) {
    for (ResilienceListener listener : listeners) {
      try {
        listener.onBudgetFallback(exchange, budget);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  @Override
  public void onIoFailure(Exchange exchange, Request request, Exception failure) {
    for (ResilienceListener listener : listeners) {
      try {
        listener.onIoFailure(exchange, request, failure);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  @Override
  public void onServerWaitCapped(Exchange exchange, Duration named, Duration cap) {
    for (ResilienceListener listener : listeners) {
      try {
        listener.onServerWaitCapped(exchange, named, cap);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  @Override
  public void onCallEnded(Exchange exchange, Request request, java.io.IOException failure) {
    for (ResilienceListener listener : listeners) {
      try {
        listener.onCallEnded(exchange, request, failure);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }
}
