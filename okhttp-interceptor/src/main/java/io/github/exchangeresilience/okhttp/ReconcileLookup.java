package io.github.exchangeresilience.okhttp;

import okhttp3.Request;

/**
 * Marks a request as a {@link Reconciler}'s lookup of an order in doubt. The interceptor paces such a lookup and honours
 * bans like any call, but an open circuit breaker does not stop it and it does not count toward the breaker: an order
 * whose execution is unknown must be resolved even while ordinary traffic is kept away, and lookups are few and
 * read-only.
 */
public final class ReconcileLookup {
  private static final ReconcileLookup MARK = new ReconcileLookup();

  private ReconcileLookup() {}

  /** {@code lookup}, marked as a reconcile lookup. */
  public static Request mark(Request lookup) {
    return lookup.newBuilder().tag(ReconcileLookup.class, MARK).build();
  }

  public static boolean isMarked(Request request) {
    return request.tag(ReconcileLookup.class) != null;
  }
}
