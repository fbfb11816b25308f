package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;

/**
 * An order the simulator created, as the exchange would hold it. Market orders fill at once; every other type rests
 * open. Nothing ever cancels or fills an open order later: the simulator tracks placement, not matching.
 *
 * @param clientOrderId the client's id (the specification's client order id field), the one Binance or Bitget
 *     generated when none was sent, or {@code ""} on OKX and Bybit
 * @param createdAtMillis the simulator clock's time of creation
 */
public record SimulatedOrder(
    Exchange exchange,
    String orderId,
    String clientOrderId,
    String symbol,
    String side,
    String type,
    String quantity,
    String price,
    Status status,
    long createdAtMillis) {

  /** Open on the book, or filled at once (market orders). */
  public enum Status {
    NEW,
    FILLED
  }
}
