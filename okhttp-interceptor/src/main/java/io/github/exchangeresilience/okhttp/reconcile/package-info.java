/**
 * Built-in reconcilers: {@link io.github.exchangeresilience.okhttp.reconcile.OrderLookupReconciler} looks an order in
 * doubt up by its client order id through the interceptor itself, and answers NOT_EXECUTED only when the exchange
 * says, again and again, that it does not exist.
 */
package io.github.exchangeresilience.okhttp.reconcile;
