package io.github.exchangeresilience.decode;

/** Where a decoded response's class came from. */
public enum DecisionSource {
  /**
   * The body decided: a code the catalog knows or the exchange documents as success, the per-item codes of a batch,
   * or a message text the exchange documents a meaning for (Binance's three HTTP 503 messages).
   */
  CODE,
  /** No known code: the class was decided from the HTTP status, conservatively. */
  HTTP_STATUS
}
