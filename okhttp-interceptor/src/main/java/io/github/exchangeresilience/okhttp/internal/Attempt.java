package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;

/**
 * One attempt's outcome as Resilience4j's {@code Retry} sees it: the class it was handled as, and the wait the
 * decision named, if it named one. Resilience4j decides whether attempts remain and how long to back off.
 *
 * @param handledAs the class the attempt was handled as
 * @param serverWait the wait named (by the exchange, or zero); {@code null} for the backoff
 */
record Attempt(PolicyClass handledAs, Duration serverWait) {
  boolean retryable() {
    return true;
  }
}
