package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * The request was signed outside the interceptor (by an SDK, or by a signing interceptor placed before it) and the
 * exchange asked for a wait, or a reconcile took time, that would end after the request's receive window: resending
 * its bytes, with their stale timestamp and signature, would only be refused. It was not resent, and the answer that
 * asked for the wait says it was not executed either. Sign it afresh and send it again, or let the library sign every
 * attempt ({@code ExchangeSigning}, or a {@link RequestSigner}).
 */
public final class SignatureExpiredException extends ExchangeException {
  private final String clientOrderId;
  private final Instant expiredAt;

  public SignatureExpiredException(String requestDescription, Exchange exchange, DecodedResponse decoded,
      String clientOrderId, Instant expiredAt, Throwable cause) {
    super(describe(requestDescription, exchange, decoded, expiredAt), exchange,
        decoded == null ? null : decoded.code().orElse(null),
        decoded == null ? PolicyClass.TRANSIENT : decoded.policyClass(),
        decoded == null ? 0 : decoded.httpStatus(), decoded == null ? null : decoded.message(),
        decoded == null ? null : decoded.hints().retryAfter(), decoded == null ? null : decoded.hints().bannedUntil(),
        cause);
    this.clientOrderId = clientOrderId;
    this.expiredAt = expiredAt;
  }

  /** The client order id the request carried, if any. */
  public Optional<String> clientOrderId() {
    return Optional.ofNullable(clientOrderId);
  }

  /** The end of the request's receive window, as its timestamp and window (or the exchange's default) give it. */
  public Instant expiredAt() {
    return expiredAt;
  }

  private static String describe(String requestDescription, Exchange exchange, DecodedResponse decoded,
      Instant expiredAt) {
    String after = decoded == null ? "an I/O failure"
        : decoded.policyClass() + decoded.code().map(code -> " code " + code).orElse("") + " (HTTP "
            + decoded.httpStatus() + ")";
    return exchange.id() + ": " + requestDescription + " signed outside the interceptor; expired while waiting"
        + " (receive window ended " + expiredAt + ", after " + after + "), not resent";
  }
}
