package io.github.exchangeresilience.decision;

import java.time.Duration;
import java.util.Objects;

/** What the transport does next with a call: return, reconcile, resend, or fail. */
public sealed interface Step permits Step.Return, Step.Reconcile, Step.Resend, Step.Fail {
  /** Return the answer to the application as it is, or what the reconciler found. */
  Return RETURN = new Return(false);
  /** Return a success, first handing the reconciler the batch items whose outcome is unknown. */
  Return RETURN_RECONCILING_ITEMS = new Return(true);

  /** How a call fails. */
  enum Failure {
    /** The exchange refused for the key or the account (AUTH, ACCOUNT_RESTRICTED): its answer as an exception. */
    EXCHANGE_ERROR,
    /** The answer banned the scope: every call fails locally until the ban ends. */
    BAN_IN_FORCE,
    /** The I/O failure itself, as it happened. */
    IO_FAILURE,
    /** The reconciler established the request did not execute, and no attempt is left to resend it. */
    NOT_EXECUTED,
    /** It may or may not have executed, and the reconciler could not tell: look it up by its client order id. */
    EXECUTION_UNKNOWN,
    /**
     * It was signed outside the library and its receive window would be over before a resend could leave: resending
     * its stale bytes would only be refused. It was not executed; sign it afresh and send it again.
     */
    SIGNATURE_EXPIRED
  }

  /** @param reconcileUnknownItems whether batch items of unknown outcome go to the reconciler first */
  record Return(boolean reconcileUnknownItems) implements Step {}

  /**
   * Ask the reconciler.
   *
   * @param clientOrderId the id to look the order up by; {@code null} when the request carried none
   * @param orderExists whether the exchange said the order exists (its client order id is taken): a reconciler that
   *     cannot find it is not believed
   */
  record Reconcile(String clientOrderId, boolean orderExists) implements Step {}

  /**
   * Send again, if the retry allows another attempt in time.
   *
   * @param delay exactly how long to wait first (the exchange named it, or zero); {@code null} for the configured
   *     backoff with jitter
   * @param whenExhausted what to do instead when no attempt is left
   */
  record Resend(Duration delay, Step whenExhausted) implements Step {
    public Resend {
      Objects.requireNonNull(whenExhausted, "whenExhausted");
      if (whenExhausted instanceof Resend) {
        throw new IllegalArgumentException("an exhausted retry does not resend");
      }
    }

    /** Whether the wait is the configured backoff rather than one the exchange named. */
    public boolean backoff() {
      return delay == null;
    }
  }

  record Fail(Failure failure) implements Step {
    public Fail {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
