package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.PolicyClass;
import java.util.Optional;

/**
 * The outcome of one item of a batch answer, read with the item fields of the exchange's specification.
 *
 * @param index the item's position in the answer, from 0
 * @param code the item's code as the exchange writes it; {@code null} for a Binance order item, which has none
 * @param message the item's message, bounded in length; may be empty
 * @param policyClass the item's class from the catalog; UNKNOWN for a code the catalog does not know
 * @param clientOrderId the item's client order id where the item echoes it, else {@code null}
 * @param orderId the exchange's order id where the item carries one, else {@code null}
 */
public record ItemResult(
    int index, String code, String message, PolicyClass policyClass, String clientOrderId, String orderId) {

  public Optional<String> clientOrderIdValue() {
    return Optional.ofNullable(clientOrderId);
  }

  public boolean succeeded() {
    return policyClass.isSuccess();
  }
}
