package io.github.exchangeresilience.decision;

import java.time.Instant;

/**
 * What the transport knows of the call a decision is about.
 *
 * @param idempotent whether resending cannot create a second order (GET, DELETE, cancels)
 * @param clientOrderId the client order id of a non-idempotent request, or {@code null}
 * @param paced whether a rate budget paces the request, so that a rate limit with no wait named empties it
 * @param clockResynced whether the one resend after a clock-skew answer was spent
 * @param signatureExpiresAt when the request was signed outside the library (by an SDK, or a signing interceptor
 *     after this one, with no signer of the library's), the end of its receive window: every resend carries the same
 *     bytes, so it can only be resent before then. {@code null} when the library signs each attempt, or nothing does
 */
public record CallState(boolean idempotent, String clientOrderId, boolean paced, boolean clockResynced,
    Instant signatureExpiresAt) {

  /** A call the library signs itself, or one that is not signed. */
  public CallState(boolean idempotent, String clientOrderId, boolean paced, boolean clockResynced) {
    this(idempotent, clientOrderId, paced, clockResynced, null);
  }

  /** The same call after its clock was resynchronised for the one resend. */
  public CallState resynced() {
    return new CallState(idempotent, clientOrderId, paced, true, signatureExpiresAt);
  }

  /** The same call, signed outside the library, its receive window ending at {@code expiresAt}. */
  public CallState signedOutside(Instant expiresAt) {
    return new CallState(idempotent, clientOrderId, paced, clockResynced, expiresAt);
  }

  /** Whether the request was signed outside the library, so that a resend would carry its stale signature. */
  public boolean isSignedOutside() {
    return signatureExpiresAt != null;
  }
}
