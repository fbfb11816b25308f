package io.github.exchangeresilience.catalog;

/**
 * What a response means for the caller, and so how it must be handled. Every catalog entry carries exactly one.
 *
 * <p>The safety rule behind the classes: a request that may have executed is {@link #EXECUTION_UNKNOWN}, never
 * {@link #TRANSIENT}; only TRANSIENT, RATE_LIMITED and CLOCK_SKEW answers say the exchange did not act on the request.
 */
public enum PolicyClass {
  /** The request succeeded. */
  SUCCESS,
  /** A batch partly succeeded; each item carries its own outcome. */
  PARTIAL_SUCCESS,
  /** Refused for rate, not executed: back off, honour Retry-After and bans. */
  RATE_LIMITED,
  /** Key, signature, permission or IP whitelist problem: fail fast, never retry. */
  AUTH,
  /** Timestamp outside the accepted window, not executed: resync the clock and resend once. */
  CLOCK_SKEW,
  /** Not executed, a later try may succeed: retry with backoff and jitter. */
  TRANSIENT,
  /** May or may not have executed: never resend blindly, reconcile. */
  EXECUTION_UNKNOWN,
  /** The service or endpoint is down or in maintenance: open the circuit breaker. */
  UNAVAILABLE,
  /** The account is frozen, banned or in liquidation: fail fast. */
  ACCOUNT_RESTRICTED,
  /** A business or validation refusal: passed through, never retried. */
  REJECTED,
  /** A code the catalog does not know; the decoder decides from the HTTP status instead. */
  UNKNOWN;

  /** True for SUCCESS and PARTIAL_SUCCESS: the exchange acted on (part of) the request. */
  public boolean isSuccess() {
    return this == SUCCESS || this == PARTIAL_SUCCESS;
  }

  /** True where the exchange states the request was not executed and a later identical request may succeed. */
  public boolean isRetryable() {
    return this == RATE_LIMITED || this == TRANSIENT || this == CLOCK_SKEW;
  }
}
