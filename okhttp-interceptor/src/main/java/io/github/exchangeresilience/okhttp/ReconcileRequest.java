package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ItemResult;
import java.io.IOException;
import java.util.Optional;

/**
 * What a {@link Reconciler} is asked about.
 *
 * @param exchange the exchange the request went to
 * @param request the request in doubt, as prepared for its first attempt and read once (its OkHttp request, body and
 *     client order id)
 * @param decoded the answer that left the outcome unknown; {@code null} when there was none (a timeout, a reset)
 * @param failure the I/O failure that left the outcome unknown; {@code null} when the exchange answered
 * @param clientOrderId the client order id the request (or batch item) carries, {@code null} when it carries none
 * @param item the batch item in doubt, {@code null} for a single request
 */
public record ReconcileRequest(
    Exchange exchange,
    ExchangeRequest request,
    DecodedResponse decoded,
    IOException failure,
    String clientOrderId,
    ItemResult item) {

  public Optional<DecodedResponse> decodedValue() {
    return Optional.ofNullable(decoded);
  }

  public Optional<IOException> failureValue() {
    return Optional.ofNullable(failure);
  }

  public Optional<String> clientOrderIdValue() {
    return Optional.ofNullable(clientOrderId);
  }

  public Optional<ItemResult> itemValue() {
    return Optional.ofNullable(item);
  }
}
