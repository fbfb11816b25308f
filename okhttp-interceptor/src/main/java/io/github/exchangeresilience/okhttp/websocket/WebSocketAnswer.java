package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.DecodedResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * What a WebSocket request came to: the exchange's answer frame, decoded, or, for an order whose answer never came,
 * the REST lookup that found it.
 */
public final class WebSocketAnswer {
  private final Exchange exchange;
  private final String operation;
  private final String clientOrderId;
  private final String frame;
  private final DecodedResponse decoded;

  private WebSocketAnswer(Exchange exchange, String operation, String clientOrderId, String frame,
      DecodedResponse decoded) {
    this.exchange = exchange;
    this.operation = operation;
    this.clientOrderId = clientOrderId;
    this.frame = Objects.requireNonNull(frame, "frame");
    this.decoded = decoded;
  }

  static WebSocketAnswer answered(Exchange exchange, String operation, String clientOrderId, String frame,
      DecodedResponse decoded) {
    return new WebSocketAnswer(exchange, operation, clientOrderId, frame, Objects.requireNonNull(decoded, "decoded"));
  }

  static WebSocketAnswer reconciled(Exchange exchange, String operation, String clientOrderId, String lookupBody) {
    return new WebSocketAnswer(exchange, operation, clientOrderId, lookupBody, null);
  }

  public Exchange exchange() {
    return exchange;
  }

  /** The operation as the exchange names it. */
  public String operation() {
    return operation;
  }

  /** The client order id the request carried: the application's, or the one the session gave a placement. */
  public Optional<String> clientOrderId() {
    return Optional.ofNullable(clientOrderId);
  }

  /**
   * The answer frame as it arrived; or, when a lookup found the order, what the reconciler handed back (the built-in
   * one: the order in the shape of the REST placement's answer).
   */
  public String frame() {
    return frame;
  }

  /** The answer frame, decoded; empty when the order was found by a lookup instead. */
  public Optional<DecodedResponse> decoded() {
    return Optional.ofNullable(decoded);
  }

  /** Whether the order's answer was lost and the reconciler found the order. */
  public boolean reconciled() {
    return decoded == null;
  }

  /** Whether the exchange acted on the request: it answered a success, or the lookup found the order. */
  public boolean succeeded() {
    return decoded == null || decoded.policyClass().isSuccess();
  }

  @Override
  public String toString() {
    return "WebSocketAnswer{" + exchange.id() + " " + operation
        + (decoded != null ? " " + decoded.policyClass() + decoded.code().map(code -> " " + code).orElse("")
            : " reconciled") + "}";
  }
}
