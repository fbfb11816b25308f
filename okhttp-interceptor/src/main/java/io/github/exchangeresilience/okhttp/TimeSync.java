package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;

/**
 * Resynchronises the local clock offset with the exchange after a CLOCK_SKEW answer, before the one resend. The
 * signing interceptor added after this one then signs the resend with a fresh timestamp.
 */
@FunctionalInterface
public interface TimeSync {
  /** Does nothing: the resend simply carries a new timestamp. */
  TimeSync NONE = exchange -> {};

  void resync(Exchange exchange) throws IOException;
}
