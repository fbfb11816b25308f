package io.github.exchangeresilience.exchange;

/**
 * The fields of one item of a batch answer. Any may be {@code null} where the exchange's items lack it.
 *
 * @param code the item's code
 * @param message the item's message
 * @param clientOrderId the client order id the item echoes
 * @param orderId the exchange's order id
 */
public record ItemFields(String code, String message, String clientOrderId, String orderId) {}
