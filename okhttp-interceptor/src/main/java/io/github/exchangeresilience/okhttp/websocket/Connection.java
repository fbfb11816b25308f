package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.decode.WebSocketFrame;
import io.github.exchangeresilience.exchange.WebSocketApi;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * One OkHttp WebSocket of a session, with the requests written on it whose answer has not come. Its callbacks run on
 * OkHttp's reader thread; what concerns the session's connections goes to its {@link Connections}.
 */
final class Connection extends WebSocketListener {
  private static final System.Logger LOG = System.getLogger("io.github.exchangeresilience.okhttp.websocket");

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
  private final Map<String, Waiting> pending = new ConcurrentHashMap<>();
  volatile WebSocket socket;
  volatile State state = State.OPENING;
  /** Whether the last ping of the API's keep-alive is still unanswered. */
  volatile boolean awaitingPong;
  /** When the login frame went out, for the breaker-free decision of its answer. */
  volatile long loginSentAt;
  final List<ScheduledFuture<?>> timers = new java.util.concurrent.CopyOnWriteArrayList<>();

  Connection(int number, Connections owner) {
    this.number = number;
    this.owner = owner;
  }

  /** Told of a request's answer, or of its failure, once, on the thread that knows it first. */
  interface Answered {
    void answered(WebSocketFrame received, Throwable failure);
  }

  /**
   * A request written on a connection, waiting for its answer until its deadline ({@link System#nanoTime()}); then
   * {@link #expire} fails it with a {@link TimeoutException}. An {@link Answered} told of its outcome ({@link
   * #whenAnswered}) is what {@code whenComplete} would give, without the future and the stage it builds per request.
   */
  static final class Waiting extends CompletableFuture<WebSocketFrame> {
    private static final VarHandle THEN;
    /** In {@link #then} once completed: whoever comes to tell after that tells itself. */
    private static final Answered COMPLETED = (received, failure) -> {};

    static {
      try {
        THEN = MethodHandles.lookup().findVarHandle(Waiting.class, "then", Answered.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final long deadline;
    /** Who is told, once completed; {@code null} until someone asks; {@link #COMPLETED} once completed. */
    private volatile Answered then;

    Waiting(long deadline) {
      this.deadline = deadline;
    }

    /** Tells {@code answered} of the outcome once there is one, at once if there is: exactly once either way. */
    void whenAnswered(Answered answered) {
      if (THEN.compareAndSet(this, null, answered)) {
        return; // the completing thread tells it
      }
      WebSocketFrame received;
      try {
        received = getNow(null);
      } catch (CompletionException | CancellationException failed) {
        answered.answered(null, failed instanceof CompletionException ? failed.getCause() : failed);
        return;
      }
      answered.answered(received, null);
    }

    @Override
    public boolean complete(WebSocketFrame received) {
      return super.complete(received) && told(received, null);
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
      return super.completeExceptionally(failure) && told(null, failure);
    }

    /** Tells whoever asked before this completed; one who asks later is told on asking. */
    private boolean told(WebSocketFrame received, Throwable failure) {
      Answered answered = (Answered) THEN.getAndSet(this, COMPLETED);
      if (answered != null) {
        answered.answered(received, failure);
      }
      return true;
    }
  }

  /**
   * Registers a request about to be written; the future completes with its answer, or fails with the connection, or
   * with a {@link TimeoutException} once {@code deadline} passed.
   */
  Waiting expect(String id, long deadline) {
    Waiting answer = new Waiting(deadline);
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
    Waiting waiting = pending.remove(id);
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
      Waiting waiting = pending.remove(id);
      if (waiting != null) {
        waiting.completeExceptionally(cause);
      }
    }
  }

  /**
   * Fails each request whose deadline passed by {@code now} with a {@link TimeoutException}, forgotten first, so that
   * an answer coming later is counted and dropped.
   */
  void expire(long now) {
    boolean expired = false;
    for (Map.Entry<String, Waiting> entry : pending.entrySet()) {
      Waiting waiting = entry.getValue();
      if (now - waiting.deadline >= 0 && pending.remove(entry.getKey(), waiting)) {
        waiting.completeExceptionally(new TimeoutException("no answer by its deadline"));
        expired = true;
      }
    }
    if (expired) {
      owner.drained(this);
    }
  }

  /**
   * Looks for overdue answers every {@code period}: one timer per connection rather than one per request, whose
   * scheduling would wake the timer thread on every request.
   */
  void expireEvery(java.util.concurrent.ScheduledExecutorService scheduler, java.time.Duration period) {
    long nanos = period.toNanos();
    timers.add(scheduler.scheduleWithFixedDelay(() -> expire(System.nanoTime()), nanos, nanos,
        java.util.concurrent.TimeUnit.NANOSECONDS));
  }

  /** Queues a frame; false when the socket is closing or gone, and nothing was sent. */
  boolean send(String frame) {
    WebSocket current = socket;
    return current != null && state != State.CLOSED && current.send(frame);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    // OkHttp may open the socket before newWebSocket has returned it to Connections.open: without this, the login
    // would find no socket to go out on, and the connection would be dropped when no answer came.
    socket = webSocket;
    owner.opened(this);
  }

  /**
   * Routes one frame, on OkHttp's reader thread: the keep-alive's pong, the login's answer, an answer to the request
   * waiting for its id, a notice that the connection is going away, or the listener's; a frame that is not JSON or
   * answers nothing waiting is counted and dropped. Nothing thrown here reaches OkHttp.
   */
  @Override
  public void onMessage(WebSocket webSocket, String text) {
    try {
      WebSocketApi.KeepAlive keepAlive = owner.api().keepAlive();
      if (keepAlive.kind() == WebSocketApi.KeepAlive.Kind.TEXT && keepAlive.pong().equals(text)) {
        awaitingPong = false;
        return;
      }
      WebSocketFrame frame = owner.reader().read(text);
      if (!frame.json()) {
        owner.dropped(WebSocketSessionListener.DropReason.NOT_JSON);
      } else if (keepAlive.kind() == WebSocketApi.KeepAlive.Kind.JSON && frame.is(keepAlive.pong())) {
        awaitingPong = false;
      } else if (state == State.LOGGING_IN && isLoginAnswer(frame)) {
        owner.loginAnswered(this, frame);
      } else if (frame.id() != null) {
        if (answer(frame.id(), frame)) {
          owner.drained(this);
        } else {
          owner.dropped(WebSocketSessionListener.DropReason.UNKNOWN_ID);
        }
      } else {
        if (owner.isReconnectNotice(frame)) {
          owner.planReconnect(this, "the exchange's notice");
        }
        owner.unsolicited(text);
      }
    } catch (RuntimeException defect) {
      LOG.log(Level.WARNING, "exchange-resilience: WebSocket frame dropped: unexpected "
          + defect.getClass().getSimpleName(), defect);
      owner.dropped(WebSocketSessionListener.DropReason.NOT_JSON);
    }
  }

  private boolean isLoginAnswer(WebSocketFrame frame) {
    WebSocketApi api = owner.api();
    return frame.is(api.login().op()) || (frame.id() == null && frame.is(api.frames().errorEvent()));
  }

  /** Pings every {@code interval}; {@code dead} runs when a ping found the last one unanswered. */
  void keepAlive(java.util.concurrent.ScheduledExecutorService scheduler, String frame, java.time.Duration interval,
      Runnable dead) {
    long millis = interval.toMillis();
    timers.add(scheduler.scheduleWithFixedDelay(() -> {
      if (!ping(frame)) {
        dead.run();
      }
    }, millis, millis, java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  /**
   * Sends the keep-alive's ping; false, and the socket cancelled, when the last one is still unanswered: the
   * connection is dead though no failure was seen.
   */
  boolean ping(String frame) {
    if (state == State.CLOSED) {
      return true;
    }
    if (awaitingPong) {
      socket.cancel();
      return false;
    }
    awaitingPong = true;
    send(frame);
    return true;
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
