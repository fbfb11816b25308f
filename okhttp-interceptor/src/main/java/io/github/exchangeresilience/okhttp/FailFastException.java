package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;
import java.time.Instant;

/** The call failed locally, without reaching the network, because sending it now would only make things worse. */
public final class FailFastException extends ExchangeException {
  /** Why the call was refused locally. */
  public enum Reason {
    /** The exchange banned this scope (Binance 418, -1003 "banned until", Bybit 403) and the ban is in force. */
    BAN_IN_FORCE,
    /** The exchange's circuit breaker is open after repeated UNAVAILABLE answers. */
    CIRCUIT_OPEN,
    /** The exchange rejected this API key a moment ago; it is not tried again until the cool-down ends. */
    REJECTED_KEY,
    /** The local rate budget has no room within the configured maximum wait. */
    RATE_BUDGET_EXHAUSTED,
    /** A WebSocket session had no logged-in connection within the wait it allows: the request was not written. */
    NOT_CONNECTED
  }

  private final Reason reason;

  public FailFastException(Reason reason, Exchange exchange, String requestDescription, PolicyClass policyClass,
      Duration retryAfter, Instant bannedUntil) {
    super(describe(reason, exchange, requestDescription, bannedUntil, retryAfter), exchange, null, policyClass, 0,
        null, retryAfter, bannedUntil, null);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /**
   * No stack trace: the refusal is local and expected, its cause is its {@link #reason()}, and under a ban a bot may
   * meet thousands of them (Resilience4j's {@code CallNotPermittedException} is alike).
   */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  private static String describe(Reason reason, Exchange exchange, String requestDescription, Instant bannedUntil,
      Duration retryAfter) {
    String why = switch (reason) {
      case BAN_IN_FORCE -> "ban in force until " + bannedUntil;
      case CIRCUIT_OPEN -> "circuit breaker open";
      case REJECTED_KEY -> "API key rejected by the exchange, cooling down"
          + (retryAfter != null ? " for " + retryAfter : "");
      case RATE_BUDGET_EXHAUSTED -> "rate budget exhausted"
          + (retryAfter != null ? ", next permit in " + retryAfter : "");
      case NOT_CONNECTED -> "WebSocket session not connected"
          + (retryAfter != null ? " within " + retryAfter : "");
    };
    return exchange.id() + ": " + requestDescription + " not sent: " + why;
  }
}
