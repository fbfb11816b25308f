package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;

/**
 * The exchange answered and the answer is final: an AUTH or ACCOUNT_RESTRICTED refusal, or (with
 * {@code throwOnError}) a rejection or an answer whose retries ran out.
 */
public final class ExchangeErrorException extends ExchangeException {
  private final transient DecodedResponse decoded;

  public ExchangeErrorException(String requestDescription, DecodedResponse decoded) {
    super(describe(requestDescription, decoded), decoded.exchange(), decoded.code().orElse(null),
        decoded.policyClass(), decoded.httpStatus(), decoded.message(), decoded.hints().retryAfter(),
        decoded.hints().bannedUntil(), null);
    this.decoded = decoded;
  }

  /** The decoded answer, with per-item results of a batch. */
  public DecodedResponse decoded() {
    return decoded;
  }

  static String describe(String requestDescription, DecodedResponse decoded) {
    PolicyClass policyClass = decoded.policyClass();
    return decoded.exchange().id() + " answered " + policyClass
        + decoded.code().map(code -> " code " + code).orElse("")
        + " (HTTP " + decoded.httpStatus() + ") to " + requestDescription
        + (decoded.message().isEmpty() ? "" : ": " + decoded.message());
  }
}
