package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decision.ReconcileOutcome;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ItemResult;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ReconcileRequest;
import io.github.exchangeresilience.okhttp.ReconcileResult;
import io.github.exchangeresilience.okhttp.Reconciler;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Asks the application's reconciler about an order in doubt, and about the items of a batch whose fate is unknown. */
final class Reconciliation {
  private static final MediaType JSON = MediaType.get("application/json");

  private final Reconciler reconciler;
  private final ResilienceListener listener;

  /** The reconciler's answer, or UNRESOLVED with what it threw. */
  record Answer(ReconcileResult result, RuntimeException failure) {
    ReconcileOutcome outcome() {
      return result.outcome();
    }
  }

  Reconciliation(Reconciler reconciler, ResilienceListener listener) {
    this.reconciler = reconciler;
    this.listener = listener;
  }

  /** Asks about the whole request. Without a reconciler, or when it throws, the answer is UNRESOLVED. */
  Answer ask(ExchangeRequest request, DecodedResponse decoded, IOException failure) throws IOException {
    ReconcileResult result = ReconcileResult.unresolved();
    RuntimeException thrown = null;
    if (reconciler != null) {
      try {
        result = reconciler.reconcile(new ReconcileRequest(request.exchange(), request, decoded, failure,
            request.clientOrderId(), null));
      } catch (RuntimeException e) {
        // A reconciler that fails could not tell: the order stays in doubt, the failure kept as the cause.
        thrown = e;
      }
    }
    listener.onReconcile(request.exchange(), request.request(), result.outcome());
    return new Answer(result, thrown);
  }

  /**
   * What a FOUND hands the application: the reconciler's response, or an HTTP 200 with the body it found; as the
   * answer to the request in doubt, marked {@link ReconcileResult#RECONCILED_HEADER}.
   */
  static Response found(ReconcileResult result, ExchangeRequest request) {
    Response found = result.response().orElseGet(() -> new Response.Builder()
        .request(request.request())
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .body(ResponseBody.create(result.body().orElse("{}"), JSON))
        .build());
    return found.newBuilder()
        .request(request.request())
        .header(ReconcileResult.RECONCILED_HEADER, ReconcileResult.RECONCILED_FOUND)
        .build();
  }

  /**
   * Batch items whose outcome is unknown are reported to the reconciler one by one. The batch itself is never resent:
   * its other items executed, or were refused for their own reasons; the answer goes to the application whatever the
   * reconciler says.
   */
  void unknownItems(ExchangeRequest request, DecodedResponse decoded) throws IOException {
    if (!hasUnknownItems(decoded)) {
      return;
    }
    for (ItemResult item : decoded.items()) {
      if (isUnknown(item)) {
        ReconcileResult result;
        try {
          result = reconciler.reconcile(new ReconcileRequest(request.exchange(), request, decoded, null,
              item.clientOrderId(), item));
        } catch (RuntimeException e) {
          result = ReconcileResult.unresolved();
        }
        listener.onReconcile(request.exchange(), request.request(), result.outcome());
        result.response().ifPresent(Response::close);
      }
    }
  }

  /** Whether {@link #unknownItems} has anything to ask the reconciler. */
  boolean hasUnknownItems(DecodedResponse decoded) {
    if (reconciler == null || !decoded.isBatch()) {
      return false;
    }
    for (ItemResult item : decoded.items()) {
      if (isUnknown(item)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUnknown(ItemResult item) {
    return item.policyClass() == PolicyClass.EXECUTION_UNKNOWN || item.policyClass() == PolicyClass.UNKNOWN;
  }
}
