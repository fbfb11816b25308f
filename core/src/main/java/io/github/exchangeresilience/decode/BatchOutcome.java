package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.PolicyClass;
import java.util.List;

/**
 * The class of a batch answer from its items: SUCCESS if every item succeeded, PARTIAL_SUCCESS if some did, else the
 * class of the item that calls for the most care. The order puts "may have executed" first, then the failures a
 * retry would make worse, then those a retry may cure, then plain refusals.
 */
final class BatchOutcome {
  private BatchOutcome() {}

  static PolicyClass of(List<ItemResult> items) {
    int succeeded = 0;
    PolicyClass worst = PolicyClass.REJECTED;
    for (ItemResult item : items) {
      if (item.succeeded()) {
        succeeded++;
      } else if (severity(item.policyClass()) > severity(worst)) {
        worst = item.policyClass();
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

  private static int severity(PolicyClass policyClass) {
    switch (policyClass) {
      case UNKNOWN:
      case EXECUTION_UNKNOWN:
        return 8;
      case ACCOUNT_RESTRICTED:
        return 7;
      case AUTH:
        return 6;
      case RATE_LIMITED:
        return 5;
      case CLOCK_SKEW:
        return 4;
      case UNAVAILABLE:
        return 3;
      case TRANSIENT:
        return 2;
      default:
        return 1; // REJECTED
    }
  }
}
