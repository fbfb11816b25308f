package io.github.exchangeresilience.decision;

/**
 * What the transport knows of the call a decision is about.
 *
 * @param idempotent whether resending cannot create a second order (GET, DELETE, cancels)
 * @param clientOrderId the client order id of a non-idempotent request, or {@code null}
 * @param paced whether a rate budget paces the request, so that a rate limit with no wait named empties it
 * @param clockResynced whether the one resend after a clock-skew answer was spent
 */
public record CallState(boolean idempotent, String clientOrderId, boolean paced, boolean clockResynced) {
  /** The same call after its clock was resynchronised for the one resend. */
  public CallState resynced() {
    return new CallState(idempotent, clientOrderId, paced, true);
  }
}
