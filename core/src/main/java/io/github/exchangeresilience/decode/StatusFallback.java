package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.PolicyClass;

/**
 * The class of a response whose body gave no code we know, from its HTTP status alone. Conservative: a 2xx answer is
 * a success only when its body is JSON without a code (or empty); a code we do not know, or a body we cannot read,
 * inside a 2xx may hide an error, and the request may or may not have executed.
 *
 * <p>The exchange's own documented statuses (Bybit's 403 for an IP rate-limit breach) take precedence; the decoder
 * looks them up in the catalog before it falls back to this table.
 */
final class StatusFallback {
  private StatusFallback() {}

  /**
   * @param shape what the body was
   * @param codePresent whether the body carried a code field the catalog could not classify
   */
  static PolicyClass classify(int status, BodyShape shape, boolean codePresent) {
    if (status >= 200 && status < 300) {
      boolean readable = (shape == BodyShape.JSON && !codePresent) || shape == BodyShape.EMPTY;
      return readable ? PolicyClass.SUCCESS : PolicyClass.EXECUTION_UNKNOWN;
    }
    switch (status) {
      case 418: // Binance: the IP is banned for ignoring 429s
      case 429:
        return PolicyClass.RATE_LIMITED;
      case 401:
      case 403:
        return PolicyClass.AUTH;
      case 408:
        return PolicyClass.TRANSIENT;
      case 503:
        return PolicyClass.UNAVAILABLE;
      default:
        break;
    }
    if (status >= 500 && status < 600) {
      return PolicyClass.TRANSIENT;
    }
    if (status >= 400 && status < 500) {
      return PolicyClass.REJECTED;
    }
    // 1xx, 3xx, no status at all (a WebSocket frame), nonsense: we cannot tell what happened.
    return PolicyClass.EXECUTION_UNKNOWN;
  }

  static boolean isSuccessful(int status) {
    return status >= 200 && status < 300;
  }
}
