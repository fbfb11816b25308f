package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decision.CallState;
import io.github.exchangeresilience.decision.Decision;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.WebSocketFrame;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.internal.ExchangeCore;
import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * The login of each new connection, where the exchange has one: signed afresh, answered within the request timeout,
 * and decided like any answer through the shared core, so that a refused key is refused for REST too, a clock skew
 * resyncs the clock, and a ban holds both transports back. A refused login closes the connection; the session connects
 * again with backoff (not before a refused key's cool-down ends).
 */
final class Logins {
  /** The login is decided like any answer, but no resend follows from it: the session connects again instead. */
  private static final CallState LOGIN = new CallState(true, null, false, false);

  private final Connections connections;
  private final ExchangeCore core;
  private final Exchange exchange;
  private final SessionSettings settings;
  private final Executor executor;
  private final ExchangeRequest loginRequest;

  Logins(Connections connections, ExchangeCore core, SessionSettings settings, Executor executor,
      ExchangeRequest loginRequest) {
    this.connections = connections;
    this.core = core;
    this.exchange = core.exchange();
    this.settings = settings;
    this.executor = executor;
    this.loginRequest = loginRequest;
  }

  /** Sends the login on a connection just opened. */
  void send(Connection connection) {
    String frame;
    try {
      frame = settings.signer().login();
    } catch (IOException | RuntimeException e) {
      connection.socket.close(1000, "no login");
      connections.lost(connection, "login not signed: " + e.getClass().getSimpleName(), e);
      return;
    }
    connection.state = Connection.State.LOGGING_IN;
    connection.loginSentAt = System.nanoTime();
    connection.send(frame);
    connections.schedule(connection, () -> {
      if (connection.state == Connection.State.LOGGING_IN) {
        connection.socket.cancel();
        connections.lost(connection, "no login answer within " + settings.requestTimeout(), null);
      }
    }, settings.requestTimeout());
  }

  void answered(Connection connection, WebSocketFrame frame) {
    DecodedResponse decoded = frame.decoded();
    Decision decision = core.decide(loginRequest, LOGIN, decoded, null, false, connection.loginSentAt, false);
    core.applyEffects(decision, loginRequest);
    if (decision.handledAs().isSuccess()) {
      connections.ready(connection);
      return;
    }
    connections.tell(listener -> listener.onLoginRefused(exchange, decoded));
    if (decision.handledAs() == PolicyClass.CLOCK_SKEW) {
      executor.execute(() -> {
        try {
          core.settings().hooks().timeSync().resync(exchange);
        } catch (IOException | RuntimeException e) {
          // The next login goes out with the old offset, as a REST resend would.
        }
      });
    }
    connection.socket.close(1000, "login refused");
    connections.lost(connection, "login refused: " + decoded.code().orElse(decision.handledAs().name()), null);
  }
}
