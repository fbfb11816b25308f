package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.PolicyClass;
import java.util.List;

/**
 * The class of a batch answer from its items: SUCCESS if every item succeeded, PARTIAL_SUCCESS if some did, else the
 * class of the item that calls for the most care ({@link Caution}).
 */
final class BatchOutcome {
  private BatchOutcome() {}

  static PolicyClass of(List<ItemResult> items) {
    int succeeded = 0;
    PolicyClass worst = PolicyClass.REJECTED;
    for (ItemResult item : items) {
      if (item.succeeded()) {
        succeeded++;
      } else {
        worst = Caution.mostCautious(worst, item.policyClass());
      }
    }
    if (succeeded == items.size()) {
      return PolicyClass.SUCCESS;
    }
    if (succeeded > 0) {
      return PolicyClass.PARTIAL_SUCCESS;
    }
    // An item code we do not know may hide anything: it ranks as EXECUTION_UNKNOWN.
    return worst == PolicyClass.UNKNOWN ? PolicyClass.EXECUTION_UNKNOWN : worst;
  }
}
