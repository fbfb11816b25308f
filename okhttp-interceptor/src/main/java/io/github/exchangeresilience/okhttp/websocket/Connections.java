package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.WebSocketFrame;
import io.github.exchangeresilience.decode.WebSocketFrameReader;
import io.github.exchangeresilience.exchange.WebSocketApi;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.internal.ExchangeCore;
import io.github.exchangeresilience.okhttp.internal.Failures;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The connections of one session: opens one, logs it in, keeps it alive, and replaces it when it is lost (with
 * backoff and jitter) or when the exchange is about to close it (a notice, a restart code, its age limit), in which
 * case the new connection takes the requests while the old one still receives the answers of those it took. Requests
 * wait for a logged-in connection within a bound.
 */
final class Connections {
  private static final Duration MIN_EXPIRY_PERIOD = Duration.ofMillis(10);
  private static final Duration MAX_EXPIRY_PERIOD = Duration.ofSeconds(1);

  private final ExchangeCore core;
  private final Exchange exchange;
  private final WebSocketApi api;
  private final SessionSettings settings;
  private final OkHttpClient client;
  private final Request upgrade;
  /** Reads and decides frames through the exchange's decoder on the catalog's WebSocket view. */
  private final WebSocketFrameReader reader;
  private final ExchangeRequest loginRequest;
  private final Logins login;
  private final ScheduledExecutorService scheduler;
  private final SessionEvents events;
  private final AtomicLong connects = new AtomicLong();
  private final Object lock = new Object();
  /** Written under the lock; read without it by {@link #ready}. */
  private volatile Connection current;
  private Connection opening;
  private boolean started;
  private boolean closed;
  private int reconnectAttempt;

  Connections(ExchangeCore core, SessionSettings settings, ScheduledExecutorService scheduler, Executor executor,
      ExchangeRequest loginRequest) {
    this.core = core;
    this.exchange = core.exchange();
    this.api = core.spec().webSocket();
    this.settings = settings;
    this.client = settings.client().newBuilder().pingInterval(api.keepAlive().kind()
        == WebSocketApi.KeepAlive.Kind.PROTOCOL ? settings.keepAliveInterval().toMillis() : 0, TimeUnit.MILLISECONDS)
        .build();
    this.upgrade = new Request.Builder().url(settings.url()).build();
    this.reader = new WebSocketFrameReader(core.spec(),
        ResponseDecoder.of(exchange, core.settings().requests().catalog().forWebSocket()));
    this.loginRequest = loginRequest;
    this.scheduler = scheduler;
    this.events = new SessionEvents(exchange, settings.listener());
    this.login = new Logins(this, core, settings, executor, loginRequest);
  }

  long droppedFrames() {
    return events.droppedFrames();
  }

  long connects() {
    return connects.get();
  }

  void start() {
    synchronized (lock) {
      startOnce();
    }
  }

  private void startOnce() {
    if (!started && !closed) {
      started = true;
      open();
    }
  }

  /** The logged-in connection if there is one now, without waiting; else {@code null}, and connecting has begun. */
  Connection ready() {
    Connection ready = current;
    if (ready == null) {
      start();
    }
    return ready;
  }

  /** The logged-in connection, waiting for one within {@code bound}; refused locally when none comes. */
  Connection await(ExchangeRequest outgoing) throws IOException {
    Duration bound = settings.connectWait();
    long deadline = System.nanoTime() + bound.toNanos();
    synchronized (lock) {
      startOnce();
      while (current == null && !closed) {
        Instant keyFree = keyFreeAt(outgoing);
        if (keyFree != null) { // a login refused the key meanwhile
          throw Failures.failFast(core.listener(), outgoing, FailFastException.Reason.REJECTED_KEY,
              Duration.between(core.settings().clock().instant(), keyFree), null);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for a WebSocket connection");
        }
      }
      if (closed) {
        throw new IOException(exchange.id() + ": WebSocket session closed");
      }
      if (current == null) {
        throw Failures.failFast(core.listener(), outgoing, FailFastException.Reason.NOT_CONNECTED, bound, null);
      }
      return current;
    }
  }

  /**
   * The exchange is about to close {@code connection} or takes no new requests on it: it takes none from now on and
   * drains (the answers of the requests it took still arrive), while a new one is opened; requests wait for it.
   */
  void planReconnect(Connection connection, String why) {
    synchronized (lock) {
      if (closed || connection != current) {
        return;
      }
      current = null;
      connection.state = Connection.State.DRAINING;
      if (opening == null) {
        open();
      }
    }
    tell(listener -> listener.onPlannedReconnect(exchange, connection.number, why));
    drained(connection);
  }

  void close() {
    Connection[] open;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      open = new Connection[] {current, opening};
      current = null;
      opening = null;
      lock.notifyAll();
    }
    for (Connection connection : open) {
      if (connection != null && connection.socket != null) {
        connection.socket.close(1000, "session closed");
        lost(connection, "session closed", null);
      }
    }
  }

  // ---- Connection life ----

  /** Opens a connection; under the lock. */
  private void open() {
    Connection connection = new Connection((int) connects.incrementAndGet(), this);
    opening = connection;
    connection.socket = client.newWebSocket(upgrade, connection);
  }

  void opened(Connection connection) {
    if (api.login() == null) {
      ready(connection);
    } else {
      login.send(connection);
    }
  }

  void loginAnswered(Connection connection, WebSocketFrame frame) {
    login.answered(connection, frame);
  }

  void ready(Connection connection) {
    Connection replaced;
    synchronized (lock) {
      if (closed || connection.state == Connection.State.CLOSED) {
        return;
      }
      replaced = current;
      current = connection;
      if (opening == connection) {
        opening = null;
      }
      connection.state = Connection.State.READY;
      reconnectAttempt = 0;
      lock.notifyAll();
    }
    if (replaced != null) {
      replaced.state = Connection.State.DRAINING;
      drained(replaced);
    }
    connection.expireEvery(scheduler, expiryPeriod(settings.requestTimeout()));
    WebSocketApi.KeepAlive keepAlive = api.keepAlive();
    if (keepAlive.kind() != WebSocketApi.KeepAlive.Kind.PROTOCOL) {
      connection.keepAlive(scheduler, keepAlive.ping(), settings.keepAliveInterval(),
          () -> lost(connection, "no pong within " + settings.keepAliveInterval(), null));
    }
    if (keepAlive.maxConnectionAge() != null) {
      // Replaced ahead of the exchange's limit, so that no request meets the forced close.
      Duration age = keepAlive.maxConnectionAge();
      schedule(connection, () -> planReconnect(connection, "connection age limit " + age), age.minus(age.dividedBy(48)));
    }
    tell(listener -> listener.onConnected(exchange, connection.number));
  }

  /**
   * How often a connection looks for overdue answers: a tenth of the request timeout, between 10 ms and a second, so
   * that a request gives up within about a tenth more than its timeout.
   */
  static Duration expiryPeriod(Duration requestTimeout) {
    Duration tenth = requestTimeout.dividedBy(10);
    return tenth.compareTo(MIN_EXPIRY_PERIOD) < 0 ? MIN_EXPIRY_PERIOD
        : tenth.compareTo(MAX_EXPIRY_PERIOD) > 0 ? MAX_EXPIRY_PERIOD : tenth;
  }

  /** A draining connection with nothing left in flight is closed. */
  void drained(Connection connection) {
    if (connection.state == Connection.State.DRAINING && connection.inFlight() == 0 && connection.socket != null) {
      connection.socket.close(1000, "replaced");
    }
  }

  void lost(Connection connection, String reason, Throwable cause) {
    boolean reconnect;
    synchronized (lock) {
      if (connection.state == Connection.State.CLOSED) {
        return;
      }
      connection.state = Connection.State.CLOSED;
      connection.timers.forEach(timer -> timer.cancel(false));
      if (current == connection) {
        current = null;
      }
      if (opening == connection) {
        opening = null;
      }
      reconnect = !closed && current == null && opening == null;
      lock.notifyAll(); // waiting requests look at the key again
    }
    int inFlight = connection.inFlight();
    connection.failAll(new IOException(exchange.id() + ": WebSocket connection " + connection.number + " " + reason
        + " with the request in flight", cause));
    tell(listener -> listener.onDisconnected(exchange, connection.number, reason, inFlight));
    if (reconnect) {
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    int attempt;
    synchronized (lock) {
      attempt = ++reconnectAttempt;
    }
    Duration wait = Duration.ofMillis(settings.reconnectBackoff().apply(attempt));
    // A rejected key is not tried again before its cool-down ends.
    Instant keyFree = keyFreeAt(loginRequest);
    Duration cooling = keyFree == null ? Duration.ZERO : Duration.between(core.settings().clock().instant(), keyFree);
    wait = cooling.compareTo(wait) > 0 ? cooling : wait;
    Duration delay = wait;
    tell(listener -> listener.onReconnectScheduled(exchange, attempt, delay));
    schedule(null, () -> {
      synchronized (lock) {
        if (!closed && current == null && opening == null) {
          open();
        }
      }
    }, delay);
  }

  /** When the key {@code request} is signed with may be tried again, if the exchange refused it; else null. */
  private Instant keyFreeAt(ExchangeRequest request) {
    Instant now = core.settings().clock().instant();
    return core.settings().bans().rejectedKeys().bannedUntil(request.keyScope(), now).orElse(null);
  }

  /** Runs {@code task} after {@code delay}, cancelled with {@code connection} where one is given; not once closed. */
  void schedule(Connection connection, Runnable task, Duration delay) {
    try {
      java.util.concurrent.ScheduledFuture<?> timer = scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
      if (connection != null) {
        connection.timers.add(timer);
      }
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // The session closed: nothing more is scheduled.
    }
  }

  // ---- Frames, routed by each connection ----

  WebSocketApi api() {
    return api;
  }

  WebSocketFrameReader reader() {
    return reader;
  }

  /** A notice whose code says the connection is going away. */
  boolean isReconnectNotice(WebSocketFrame frame) {
    return frame.is(api.frames().noticeEvent())
        && frame.decoded().codeIsOneOf(api.frames().reconnectCodes());
  }

  void unsolicited(String text) {
    tell(listener -> listener.onUnsolicitedFrame(exchange, text));
  }

  void dropped(WebSocketSessionListener.DropReason reason) {
    events.dropped(reason);
  }

  void tell(Consumer<WebSocketSessionListener> event) {
    events.tell(event);
  }
}
