package io.github.exchangeresilience.samples.simulator;

/**
 * What became of one order item: created ({@link #order()} set) or refused ({@link #error()} set). Before creation an
 * item that failed validation already carries its error.
 */
record Outcome(OrderRequest request, SimulatedOrder order, ItemError error) {

  static Outcome pending(OrderRequest request) {
    return new Outcome(request, null, null);
  }

  static Outcome invalid(OrderRequest request, ItemError error) {
    return new Outcome(request, null, error);
  }

  boolean created() {
    return order != null;
  }

  /** The client order id the client sent, or the one the exchange generated; "" if neither. */
  String clientOrderId() {
    if (order != null) {
      return order.clientOrderId();
    }
    return request == null || request.clientOrderId() == null ? "" : request.clientOrderId();
  }
}
