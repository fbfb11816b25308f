package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.catalog.Exchange;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Tells the application's session listener, each event apart from the others, and counts dropped frames. */
final class SessionEvents {
  private static final System.Logger LOG = System.getLogger("io.github.exchangeresilience.okhttp.websocket");

  private final Exchange exchange;
  private final WebSocketSessionListener listener;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  SessionEvents(Exchange exchange, WebSocketSessionListener listener) {
    this.exchange = exchange;
    this.listener = listener;
  }

  /** Tells the listener; one that throws is logged once and skipped, never allowed to disturb the session. */
  void tell(Consumer<WebSocketSessionListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      if (failureLogged.compareAndSet(false, true)) {
        LOG.log(Level.WARNING, "exchange-resilience: WebSocket session listener threw; its events are skipped where"
            + " it throws (logged once)", e);
      }
    }
  }

  void dropped(WebSocketSessionListener.DropReason reason) {
    dropped.incrementAndGet();
    tell(each -> each.onFrameDropped(exchange, reason));
  }

  long droppedFrames() {
    return dropped.get();
  }
}
