package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.WebSocketApi;

/**
 * A fault of the WebSocket transport the simulator can inject on an order frame (or, for the {@linkplain #isLogin()
 * login faults}, a login), each with its own probability in {@link SimulatorConfig}. The error frames of every class come from the
 * {@link FaultKind}s, answered as the exchange's WebSocket answers them. Whether the order is in the store afterwards
 * is fixed per kind ({@link #placesOrder()}), and is the ground truth a client's reconciliation is judged against.
 */
public enum WebSocketFault {
  /** The order is placed, then the connection is dropped without an answer. */
  DROP_PLACED(true),
  /** The connection is dropped as soon as the frame is read; the order is not placed. */
  DROP_NOT_PLACED(false),
  /** The order is placed and its answer sent after {@link SimulatorConfig#slowResponseDelay()}. */
  LATE_ANSWER(true),
  /** The order is placed, then the server closes the connection (1001, going away) without an answer. */
  SERVER_CLOSE(true),
  /**
   * The exchange restarts: OKX sends its upgrade notice and answers; Bybit refuses the order with its restart code (not
   * placed); Binance and Bitget answer, then close the connection (1001).
   */
  RESTART(true),
  /**
   * The order is placed and left unanswered, and the connection stops answering pings: the client's keep-alive must
   * find it dead. Not for Binance, whose pongs are the protocol's.
   */
  MISSED_PONG(true),
  /** A login is refused with a code that is no credentials problem (an internal error, a busy service). */
  LOGIN_FAILED(false),
  /** A login is refused for its key (wrong, revoked): the client must stop using the key, over REST as well. */
  LOGIN_KEY_REFUSED(false);

  private final boolean placesOrder;

  WebSocketFault(boolean placesOrder) {
    this.placesOrder = placesOrder;
  }

  /** Whether the order is in the store after the fault, where the exchange's own answer does not say otherwise. */
  public boolean placesOrder() {
    return placesOrder;
  }

  /** Whether the fault meets a login rather than an order frame. */
  public boolean isLogin() {
    return this == LOGIN_FAILED || this == LOGIN_KEY_REFUSED;
  }

  public boolean supportedBy(Exchange exchange) {
    WebSocketApi api = exchange.spec().webSocket();
    return switch (this) {
      case MISSED_PONG -> api.keepAlive().kind() != WebSocketApi.KeepAlive.Kind.PROTOCOL;
      case LOGIN_FAILED, LOGIN_KEY_REFUSED -> api.login() != null;
      default -> true;
    };
  }
}
