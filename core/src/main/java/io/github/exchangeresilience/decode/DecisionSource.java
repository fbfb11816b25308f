package io.github.exchangeresilience.decode;

/** Where a decoded response's class came from. */
public enum DecisionSource {
  /** The body carried a code the catalog knows (or per-item codes of a batch). */
  CODE,
  /** No known code: the class was decided from the HTTP status, conservatively. */
  HTTP_STATUS
}
