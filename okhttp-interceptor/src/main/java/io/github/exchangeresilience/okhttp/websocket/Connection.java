package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.decode.WebSocketFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * One OkHttp WebSocket of a session, with the requests written on it whose answer has not come. Its callbacks run on
 * OkHttp's reader thread and hand everything to the session's {@link Connections}, which never lets them throw.
 */
final class Connection extends WebSocketListener {
  /** Where a connection is in its life. */
  enum State {
    OPENING,
    LOGGING_IN,
    /** Logged in: takes requests. */
    READY,
    /** Replaced by a newer one: takes no requests, still receives the answers of those it took. */
    DRAINING,
    CLOSED
  }

  final int number;
  private final Connections owner;
  private final Map<String, CompletableFuture<WebSocketFrame>> pending = new ConcurrentHashMap<>();
  volatile WebSocket socket;
  volatile State state = State.OPENING;
  /** Whether the last ping of the API's keep-alive is still unanswered. */
  volatile boolean awaitingPong;
  /** When the login frame went out, for the breaker-free decision of its answer. */
  volatile long loginSentAt;
  final List<ScheduledFuture<?>> timers = new ArrayList<>();

  Connection(int number, Connections owner) {
    this.number = number;
    this.owner = owner;
  }

  /** Registers a request about to be written; the future completes with its answer, or fails with the connection. */
  CompletableFuture<WebSocketFrame> expect(String id) {
    CompletableFuture<WebSocketFrame> answer = new CompletableFuture<>();
    pending.put(id, answer);
    if (state == State.CLOSED) {
      // Lost while this request registered: it is failed here in case the connection's failure missed it.
      pending.remove(id);
      answer.completeExceptionally(new IOException("connection " + number + " lost"));
    }
    return answer;
  }

  /** Gives up waiting for {@code id}'s answer (timed out, or never written). */
  void forget(String id) {
    pending.remove(id);
    owner.drained(this);
  }

  /** Completes the request {@code id}'s answer; false when no request waits for it. */
  boolean answer(String id, WebSocketFrame frame) {
    CompletableFuture<WebSocketFrame> waiting = pending.remove(id);
    if (waiting == null) {
      return false;
    }
    waiting.complete(frame);
    return true;
  }

  int inFlight() {
    return pending.size();
  }

  /** Fails every request still waiting: its outcome is unknown. */
  void failAll(IOException cause) {
    for (String id : List.copyOf(pending.keySet())) {
      CompletableFuture<WebSocketFrame> waiting = pending.remove(id);
      if (waiting != null) {
        waiting.completeExceptionally(cause);
      }
    }
  }

  /** Queues a frame; false when the socket is closing or gone, and nothing was sent. */
  boolean send(String frame) {
    WebSocket current = socket;
    return current != null && state != State.CLOSED && current.send(frame);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    owner.opened(this);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    owner.received(this, text);
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    owner.dropped(WebSocketSessionListener.DropReason.BINARY);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    webSocket.close(1000, null);
    owner.lost(this, "closed by the exchange (" + code + (reason.isEmpty() ? "" : " " + reason) + ")", null);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    owner.lost(this, "closed (" + code + ")", null);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    if (response != null) {
      response.close();
    }
    owner.lost(this, "failed: " + t.getClass().getSimpleName(), t);
  }

  @Override
  public String toString() {
    return "Connection{" + number + " " + state + ", " + pending.size() + " in flight}";
  }
}
