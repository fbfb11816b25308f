package io.github.exchangeresilience.okhttp;

import java.util.Objects;

/**
 * Marks the request through which the library sees an operation a WebSocket session sent (an order placement, a
 * cancel, a login): the REST request it equals, read by the pacing, the reconciler and the listeners, and told apart
 * by this tag for descriptions and the metrics' {@code transport} tag.
 *
 * @param name the operation as the exchange names it, or its login's
 */
public record WebSocketOperation(String name) {
  public WebSocketOperation {
    Objects.requireNonNull(name, "name");
  }
}
