package io.github.exchangeresilience.decode;

/** What the decoder found in the body, so that a caller can tell a real exchange answer from a proxy's. */
public enum BodyShape {
  /** A JSON body in the exchange's envelope (or, for Binance success, a JSON object or array without a code). */
  JSON,
  /** No body at all. */
  EMPTY,
  /** An HTML page, typically from a CDN, load balancer or proxy in front of the exchange. */
  HTML,
  /** Text that is not JSON: plain text, XML, binary. */
  NOT_JSON,
  /** JSON that ends before it is complete: the connection or a proxy cut the body short. */
  TRUNCATED_JSON,
  /**
   * A body that could not be read at all: its {@code Content-Encoding} could not be undone (corrupt gzip or deflate
   * data, or an encoding the client cannot read). What it said is unknown.
   */
  UNREADABLE
}
