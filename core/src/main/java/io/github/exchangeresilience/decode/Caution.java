package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.PolicyClass;

/**
 * Which of two classes calls for more care, where an answer says two things at once: a batch's failed items, a code
 * read before the body broke and what its status says, a code key written twice. "May have executed" ranks first,
 * then the failures a retry would make worse, then those a retry may cure, then plain refusals, then success.
 */
final class Caution {
  private Caution() {}

  /** The class of {@code a} and {@code b} that calls for more care; {@code a} when they rank alike. */
  static PolicyClass mostCautious(PolicyClass a, PolicyClass b) {
    return rank(b) > rank(a) ? b : a;
  }

  /** Whether nothing calls for more care than {@code policyClass}. */
  static boolean isMostCautious(PolicyClass policyClass) {
    return rank(policyClass) == rank(PolicyClass.EXECUTION_UNKNOWN);
  }

  static int rank(PolicyClass policyClass) {
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
      case REJECTED:
        return 1;
      default:
        return 0; // SUCCESS, PARTIAL_SUCCESS
    }
  }
}
