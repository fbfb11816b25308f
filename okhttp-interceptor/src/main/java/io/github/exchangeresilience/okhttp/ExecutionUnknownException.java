package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;
import java.util.Optional;

/**
 * The request may or may not have executed, and no {@link Reconciler} could tell. The order must be looked up by its
 * client id before anything is sent again: the library never resends it blindly.
 */
public final class ExecutionUnknownException extends ExchangeException {
  private final String clientOrderId;

  public ExecutionUnknownException(String requestDescription, Exchange exchange, DecodedResponse decoded,
      String clientOrderId, Throwable cause) {
    super(describe(requestDescription, exchange, decoded, clientOrderId, cause), exchange,
        decoded == null ? null : decoded.code().orElse(null), PolicyClass.EXECUTION_UNKNOWN,
        decoded == null ? 0 : decoded.httpStatus(), decoded == null ? null : decoded.message(), null, null, cause);
    this.clientOrderId = clientOrderId;
  }

  /** The client order id the request carried, to look the order up by; empty when it carried none. */
  public Optional<String> clientOrderId() {
    return Optional.ofNullable(clientOrderId);
  }

  private static String describe(String requestDescription, Exchange exchange, DecodedResponse decoded,
      String clientOrderId, Throwable cause) {
    String what = decoded != null
        ? "answered " + decoded.code().map(code -> "code " + code + " ").orElse("") + "(HTTP " + decoded.httpStatus()
            + ")" + (decoded.message().isEmpty() ? "" : " \"" + decoded.message() + "\"")
        : "failed with " + cause.getClass().getSimpleName();
    return "execution status unknown: " + exchange.id() + " " + what + " to " + requestDescription
        + (clientOrderId != null ? "; reconcile client order id " + clientOrderId : "; no client order id")
        + "; not resent";
  }
}
