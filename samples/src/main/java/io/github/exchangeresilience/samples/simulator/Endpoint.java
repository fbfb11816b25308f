package io.github.exchangeresilience.samples.simulator;

/** The kinds of endpoint every simulated exchange has; each handler maps its own paths onto them. */
enum Endpoint {
  PLACE_ORDER(true),
  BATCH_ORDERS(true),
  /** Look an order up (open or not, unless the exchange splits them). */
  QUERY_ORDER(false),
  /** Bybit's closed-order history. */
  ORDER_HISTORY(false),
  SERVER_TIME(false);

  private final boolean placement;

  Endpoint(boolean placement) {
    this.placement = placement;
  }

  boolean isPlacement() {
    return placement;
  }
}
