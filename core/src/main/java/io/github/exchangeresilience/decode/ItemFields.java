package io.github.exchangeresilience.decode;

/**
 * The field names of one kind of batch item; a {@code null} name is a field the item does not have.
 *
 * @param code the item's code: OKX {@code sCode}, Binance and Bybit {@code code}, Bitget {@code errorCode}
 * @param message the item's message
 * @param clientOrderId the echoed client order id
 * @param orderId the exchange's order id
 */
record ItemFields(String code, String message, String clientOrderId, String orderId) {}
