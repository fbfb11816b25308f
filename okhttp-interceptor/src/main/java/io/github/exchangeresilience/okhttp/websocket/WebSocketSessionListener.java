package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.DecodedResponse;
import java.time.Duration;

/**
 * Hears what becomes of a WebSocket session's connections, for the application's logs and alarms. What its requests
 * come to, the interceptor's {@code ResilienceListener} hears, with the REST calls. Every method has an empty default;
 * one that throws is logged once and skipped.
 */
public interface WebSocketSessionListener {
  WebSocketSessionListener NONE = new WebSocketSessionListener() {};

  /** Why a frame was counted and dropped rather than handed to a request. */
  enum DropReason {
    /** A binary frame: every supported API speaks text. */
    BINARY,
    /** Text that is not a JSON object, and not the keep-alive's answer. */
    NOT_JSON,
    /** An answer to no request waiting: an unknown id, or one whose request already timed out. */
    UNKNOWN_ID
  }

  /** A connection is open and logged in, and takes requests; {@code connection} counts from 1. */
  default void onConnected(Exchange exchange, int connection) {}

  /**
   * A connection is gone. Requests written on it whose answer had not come ({@code inFlight}) are of unknown outcome
   * and are reconciled, never resent blindly.
   */
  default void onDisconnected(Exchange exchange, int connection, String reason, int inFlight) {}

  /** The session will connect again after {@code wait}: {@code attempt} counts the tries since the last success. */
  default void onReconnectScheduled(Exchange exchange, int attempt, Duration wait) {}

  /** The exchange is about to close the connection (an upgrade, a restart, its age limit): a new one takes over. */
  default void onPlannedReconnect(Exchange exchange, int connection, String why) {}

  /** The exchange refused the login. */
  default void onLoginRefused(Exchange exchange, DecodedResponse answer) {}

  /** A frame that answers no request: a push, a notice, an error the exchange sent without a request id. */
  default void onUnsolicitedFrame(Exchange exchange, String frame) {}

  /** A frame was counted and dropped. */
  default void onFrameDropped(Exchange exchange, DropReason reason) {}
}
