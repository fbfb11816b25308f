package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;

/**
 * The outcome of one attempt, as Resilience4j's {@code Retry} sees it: whether it may be retried, and the wait the
 * exchange asked for, if it asked for one. Resilience4j decides whether attempts remain and how long to back off.
 */
final class Attempt {
  private final PolicyClass handledAs;
  private final boolean retryable;
  private final Duration serverWait;

  private Attempt(PolicyClass handledAs, boolean retryable, Duration serverWait) {
    this.handledAs = handledAs;
    this.retryable = retryable;
    this.serverWait = serverWait;
  }

  /** An attempt to retry after the configured backoff with jitter. */
  static Attempt retryWithBackoff(PolicyClass handledAs) {
    return new Attempt(handledAs, true, null);
  }

  /** An attempt to retry after exactly {@code wait}: the exchange's Retry-After, window reset, or zero. */
  static Attempt retryAfter(PolicyClass handledAs, Duration wait) {
    return new Attempt(handledAs, true, wait);
  }

  PolicyClass handledAs() {
    return handledAs;
  }

  boolean retryable() {
    return retryable;
  }

  /** The wait the exchange demanded, or {@code null} to use the backoff. */
  Duration serverWait() {
    return serverWait;
  }
}
