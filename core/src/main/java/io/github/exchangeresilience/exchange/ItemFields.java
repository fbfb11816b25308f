package io.github.exchangeresilience.exchange;

/**
 * The fields of one item of a batch answer. Any may be {@code null} where the exchange's items lack it.
 *
 * @param code the item's code: OKX {@code sCode}, Bitget {@code errorCode}
 * @param message the item's message: OKX {@code sMsg}
 * @param clientOrderId the client order id the item echoes: OKX {@code clOrdId}
 * @param orderId the exchange's order id: OKX {@code ordId}
 */
public record ItemFields(String code, String message, String clientOrderId, String orderId) {}
