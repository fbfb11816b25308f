package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.decision.ReconcileOutcome;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Response;

/** A {@link Reconciler}'s answer. */
public final class ReconcileResult {
  /**
   * The header every answer a reconcile found carries, with the value {@value #RECONCILED_FOUND}: the order's fate
   * was unknown and a lookup found it, so this is not the exchange's answer to the placement itself (an
   * {@code OrderLookupReconciler} hands it back in the placement's shape, so an SDK parses it as one).
   */
  public static final String RECONCILED_HEADER = "X-Exchange-Resilience-Reconciled";
  public static final String RECONCILED_FOUND = "found";

  private static final ReconcileResult NOT_EXECUTED = new ReconcileResult(ReconcileOutcome.NOT_EXECUTED, null, null);

  private final ReconcileOutcome outcome;
  private final Response response;
  private final String body;

  private ReconcileResult(ReconcileOutcome outcome, Response response, String body) {
    this.outcome = outcome;
    this.response = response;
    this.body = body;
  }

  /**
   * The order exists; {@code response} (for example the exchange's answer to the order query) is returned to the
   * application in place of the answer that left the outcome unknown.
   */
  public static ReconcileResult found(Response response) {
    return new ReconcileResult(ReconcileOutcome.FOUND, Objects.requireNonNull(response, "response"), null);
  }

  /** The order exists; the application receives an HTTP 200 answer with this JSON body, such as the order. */
  public static ReconcileResult found(String jsonBody) {
    return new ReconcileResult(ReconcileOutcome.FOUND, null, Objects.requireNonNull(jsonBody, "jsonBody"));
  }

  public static ReconcileResult notExecuted() {
    return NOT_EXECUTED;
  }

  public static ReconcileResult unresolved() {
    return new ReconcileResult(ReconcileOutcome.UNRESOLVED, null, null);
  }

  public ReconcileOutcome outcome() {
    return outcome;
  }

  public Optional<Response> response() {
    return Optional.ofNullable(response);
  }

  public Optional<String> body() {
    return Optional.ofNullable(body);
  }

  @Override
  public String toString() {
    return "ReconcileResult{" + outcome + "}";
  }
}
