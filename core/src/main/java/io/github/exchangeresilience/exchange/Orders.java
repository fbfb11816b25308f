package io.github.exchangeresilience.exchange;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an exchange takes orders: the placement endpoints, single and batch, the client order id it keeps across
 * resends, the POST endpoints that are safe to resend (cancels), and the codes by which it refuses an order whose
 * client order id is taken (the order exists).
 *
 * @param clientOrderIdField the request field or parameter of the client order id
 * @param clientOrderIdFormat what the exchange accepts as a client order id
 * @param singlePlacements paths of single order placements (POST)
 * @param batchPlacements paths of batch order placements (POST)
 * @param batch how a batch placement carries its orders
 * @param cancels POST endpoints that are safe to resend: cancelling twice cancels once
 * @param duplicateClientOrderIdCodes codes that refuse an order because its client order id is taken
 */
public record Orders(String clientOrderIdField, Pattern clientOrderIdFormat, Set<String> singlePlacements,
    Set<String> batchPlacements, BatchFormat batch, Set<String> cancels, Set<String> duplicateClientOrderIdCodes) {
  public Orders {
    Objects.requireNonNull(clientOrderIdField, "clientOrderIdField");
    Objects.requireNonNull(clientOrderIdFormat, "clientOrderIdFormat");
    singlePlacements = Set.copyOf(singlePlacements);
    batchPlacements = Set.copyOf(batchPlacements);
    Objects.requireNonNull(batch, "batch");
    cancels = Set.copyOf(cancels);
    duplicateClientOrderIdCodes = Set.copyOf(duplicateClientOrderIdCodes);
  }

  /** Whether a request with {@code method} may place orders at all: placements are POSTs. */
  public boolean mayPlace(String method) {
    return "POST".equals(method);
  }

  public boolean isSinglePlacement(String method, String path) {
    return mayPlace(method) && singlePlacements.contains(path);
  }

  public boolean isBatchPlacement(String method, String path) {
    return mayPlace(method) && batchPlacements.contains(path);
  }

  public boolean isPlacement(String method, String path) {
    return isSinglePlacement(method, path) || isBatchPlacement(method, path);
  }
}
