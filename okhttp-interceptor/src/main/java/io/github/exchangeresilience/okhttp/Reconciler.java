package io.github.exchangeresilience.okhttp;

import java.io.IOException;

/**
 * Finds out whether a request whose execution status is unknown did execute, usually by looking the order up by its
 * client order id. Called instead of a resend: the library never resends such a request blindly.
 *
 * <p>Runs on the calling thread, inside the interceptor. A reconciler that itself calls the exchange should use a
 * client that shares this interceptor's rate budget.
 */
@FunctionalInterface
public interface Reconciler {
  ReconcileResult reconcile(ReconcileRequest request) throws IOException;
}
