package io.github.exchangeresilience.samples.simulator;

/**
 * One order as a client asked for it, in neutral terms: each handler reads its exchange's parameter names into this.
 *
 * @param clientOrderId null when the client sent none
 */
record OrderRequest(String clientOrderId, String symbol, String side, String type, String quantity, String price) {

  boolean isMarket() {
    return "market".equalsIgnoreCase(type);
  }
}
