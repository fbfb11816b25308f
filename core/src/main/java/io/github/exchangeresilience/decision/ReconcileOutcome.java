package io.github.exchangeresilience.decision;

/** What a reconciler found out about a request whose execution was unknown. */
public enum ReconcileOutcome {
  /** The request did execute: the order exists (open, filled, cancelled or expired). */
  FOUND,
  /** The request did not execute: resending it with the same client order id is now safe. */
  NOT_EXECUTED,
  /** It could not tell. The call fails as unknown, with the client order id to look the order up by. */
  UNRESOLVED
}
