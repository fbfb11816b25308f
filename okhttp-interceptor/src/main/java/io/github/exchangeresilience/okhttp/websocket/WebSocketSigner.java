package io.github.exchangeresilience.okhttp.websocket;

import java.io.IOException;
import java.util.Map;

/**
 * Signs what a WebSocket session sends, by its exchange's recipe: the login frame after each connect, or what each
 * request carries (the API key, a timestamp and a signature among the parameters, or a signing timestamp in the
 * request's header object). {@code ExchangeSigning.webSocketSigner()} is the library's, from
 * the same credentials and exchange clock as the REST signer. Called once per connect and once per attempt, so that
 * each carries a fresh timestamp; an implementation must never log or throw what it signs with.
 */
public interface WebSocketSigner {
  /** The login frame to send once connected, or {@code null} where the exchange signs each request instead. */
  String login() throws IOException;

  /**
   * Adds to one request what signs it: parameters (in {@code params}, which keeps its order) or header fields (in
   * {@code header}, sent in the frame's header object where the exchange has one). Anything an earlier attempt added
   * is replaced.
   */
  void sign(Map<String, Object> params, Map<String, String> header) throws IOException;

  /**
   * Whether {@link #sign} adds anything to a request. Where it does not (the exchange signs the login alone), a session
   * neither calls it nor copies the parameters for it. True unless an implementation knows better.
   */
  default boolean signsRequests() {
    return true;
  }
}
