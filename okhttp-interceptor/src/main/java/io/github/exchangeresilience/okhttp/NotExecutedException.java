package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;
import java.util.Optional;

/**
 * The request did not execute, as the {@link Reconciler} established, and no attempt was left to send it again. Unlike
 * {@link ExecutionUnknownException}, the outcome is known: nothing happened on the exchange, and the application may
 * decide afresh whether to send it.
 */
public final class NotExecutedException extends ExchangeException {
  private final String clientOrderId;

  public NotExecutedException(String requestDescription, Exchange exchange, DecodedResponse decoded, String clientOrderId,
      Throwable cause) {
    super(exchange.id() + ": " + requestDescription + " did not execute (reconciled"
            + (clientOrderId != null ? ", client order id " + clientOrderId : "") + ") and was not sent again:"
            + " no attempts left",
        exchange, decoded == null ? null : decoded.code().orElse(null),
        decoded == null ? PolicyClass.EXECUTION_UNKNOWN : decoded.policyClass(),
        decoded == null ? 0 : decoded.httpStatus(), decoded == null ? null : decoded.message(), null, null, cause);
    this.clientOrderId = clientOrderId;
  }

  /** The client order id the request carried, if it carried one. */
  public Optional<String> clientOrderId() {
    return Optional.ofNullable(clientOrderId);
  }
}
