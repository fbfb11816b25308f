package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.WebSocketApi;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.WebSocketOperation;
import io.github.exchangeresilience.okhttp.internal.ExchangeCore;
import io.github.exchangeresilience.okhttp.internal.InterceptorAccess;
import io.github.exchangeresilience.okhttp.signing.ClientOrderIds;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Places and cancels orders over an exchange's WebSocket API with the same catalog, decisions and shared state as the
 * REST interceptor it is built from: the same rate budgets, bans, rejected keys, pause, circuit breaker, retry,
 * reconciler and listener, since the exchanges count both transports together.
 *
 * <pre>{@code
 * ExchangeSigning signing = ExchangeSigning.forExchange(Exchange.OKX, credentials);
 * ExchangeResilienceInterceptor interceptor = signing.configure(ExchangeResilienceInterceptor.builder(Exchange.OKX))
 *     .build();
 * try (ExchangeWebSocketSession session = ExchangeWebSocketSession.builder(interceptor, Exchange.OKX)
 *     .signer(signing.webSocketSigner())
 *     .build()) {
 *   // The order's parameters as the exchange's WebSocket placement takes them; a client order id is added if absent.
 *   WebSocketAnswer placed = session.placeOrder(order).get();
 * }
 * }</pre>
 *
 * <p>Each request's future completes with the exchange's answer, or exceptionally with the same typed exceptions as
 * REST: {@code ExecutionUnknownException} (with the client order id) when an order's answer was lost and the reconciler
 * could not tell, {@code FailFastException} when it was refused locally (a ban, a rejected key, an open breaker, no
 * connection within {@link Builder#connectWait}), {@code ExchangeErrorException}, {@code NotExecutedException}. A
 * placement always carries a client order id, the application's or one the session gives it, and keeps it across
 * resends; an order whose answer never came is looked up by it, never resent blindly.
 *
 * <p>Threads: when nothing makes a request wait (a logged-in connection, no ban or pause, a rate permit at once), its
 * frame is written from the calling thread, which then returns (with a shared Redis store, that thread makes the
 * store's calls); its answer is decoded and decided on OkHttp's reader thread, which completes the future when the
 * answer ends the request (the listener's {@code onResponse} runs there too). Whatever may wait, for a connection, a
 * permit, a lookup, a resend, goes to the session's own executor: the reader thread never waits. Stages chained on a
 * future without an executor ({@code thenApply}, {@code thenAccept}) may run on that reader thread, where they hold up
 * every later answer of the connection: chain work that blocks with the {@code *Async} variants and an executor of
 * your own.
 */
public final class ExchangeWebSocketSession implements AutoCloseable {
  private static final AtomicInteger SESSIONS = new AtomicInteger();

  private final ExchangeResilienceInterceptor interceptor;
  private final Exchange exchange;
  private final ExchangeSpec spec;
  private final ExchangeCore core;
  private final SessionSettings settings;
  private final RequestFrames frames;
  /** Request ids: unique within the session, which is all an answer is matched by, and short. */
  private final AtomicLong requestIds = new AtomicLong();
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final Connections connections;
  /** The REST placement an order placement equals, without a body: each order adds its parameters. */
  private final Request placement;
  /** What a cancel and a status equal: reads of the REST placement's path, the same for every request. */
  private final ExchangeRequest cancel;
  private final ExchangeRequest status;

  private ExchangeWebSocketSession(Builder builder) {
    this.interceptor = builder.interceptor;
    this.exchange = builder.exchange;
    this.spec = exchange.spec();
    this.core = InterceptorAccess.core(interceptor, exchange);
    this.settings = builder.settings();
    this.frames = new RequestFrames(spec.webSocket().requests());
    String name = "exchange-resilience-ws-" + exchange.id() + "-" + SESSIONS.incrementAndGet();
    this.executor = Executors.newCachedThreadPool(daemon(name));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon(name + "-timer"));
    WebSocketApi.Requests requests = spec.webSocket().requests();
    HttpUrl restPlacement = settings.restBaseUrl().newBuilder().encodedPath(requests.restPlacement()).build();
    this.placement = operationRequest(requests.place(), restPlacement);
    this.cancel = read(requests.cancel(), restPlacement);
    this.status = requests.status() != null ? read(requests.status(), restPlacement) : null;
    WebSocketApi.Login login = spec.webSocket().login();
    HttpUrl webSocketPath = settings.restBaseUrl().newBuilder()
        .encodedPath(HttpUrl.get(settings.url().replaceFirst("^ws", "http")).encodedPath()).build();
    this.connections = new Connections(core, settings, scheduler, executor,
        read(login != null ? login.op() : "login", webSocketPath));
    if (core.settings().hooks().timeSync() instanceof ServerTimeSync sync) {
      sync.observe(settings.restBaseUrl()); // the clock is asked where the orders are looked up
    }
  }

  /** A session for {@code exchange}, sharing {@code interceptor}'s state; the interceptor must handle the exchange. */
  public static Builder builder(ExchangeResilienceInterceptor interceptor, Exchange exchange) {
    return new Builder(interceptor, exchange);
  }

  /** A builder holding this session's settings, for a second session sharing the same interceptor. */
  public Builder newBuilder() {
    return new Builder(interceptor, exchange).settings(settings);
  }

  public Exchange exchange() {
    return exchange;
  }

  /** Connects and logs in now rather than on the first request; returns at once. */
  public ExchangeWebSocketSession connect() {
    connections.start();
    return this;
  }

  /** Places one order: its parameters as the exchange's WebSocket placement takes them. */
  public CompletableFuture<WebSocketAnswer> placeOrder(Map<String, ?> order) {
    String idField = spec.orders().clientOrderIdField();
    Object given = order.get(idField);
    Map<String, Object> fixed = given == null || given.toString().isEmpty()
        ? Parameters.withAdded(order, idField, settings.clientOrderIds().next())
        : Parameters.copyOf(order);
    String clientOrderId = String.valueOf(fixed.get(idField));
    return new SessionCall(this, spec.webSocket().requests().place(), fixed, clientOrderId,
        ExchangeRequest.known(placement, RequestFrames.jsonBody(fixed), spec, false, clientOrderId)).start();
  }

  /** Cancels one order; resending a cancel cannot create anything, so it is retried like any idempotent request. */
  public CompletableFuture<WebSocketAnswer> cancelOrder(Map<String, ?> order) {
    return new SessionCall(this, spec.webSocket().requests().cancel(), Parameters.copyOf(order), null, cancel).start();
  }

  /** Asks an order's status, where the exchange's WebSocket API has such an operation; fails at once elsewhere. */
  public CompletableFuture<WebSocketAnswer> orderStatus(Map<String, ?> order) {
    String status = spec.webSocket().requests().status();
    if (status == null) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException(exchange.id()
          + "'s WebSocket API has no order status operation: look the order up over REST"));
    }
    return new SessionCall(this, status, Parameters.copyOf(order), null, this.status).start();
  }

  /** Frames counted and dropped: binary, not JSON, or answering no waiting request. */
  public long droppedFrames() {
    return connections.droppedFrames();
  }

  /** Connections opened so far, the first included. */
  public long connects() {
    return connections.connects();
  }

  /** Closes the connections; requests still waiting for an answer fail as of unknown outcome. */
  @Override
  public void close() {
    connections.close();
    scheduler.shutdownNow();
    executor.shutdown();
  }

  /**
   * The REST request an operation equals, read by the pacing, the reconciler and the listeners: a placement is the
   * exchange's REST placement with the same parameters (added per order), which its lookups find by client order id;
   * a cancel or a status is a read of it; the login is a read of the WebSocket's path, which no endpoint template
   * names. Built once per session: only a placement's body differs from one request to the next.
   */
  private static Request operationRequest(String operation, HttpUrl url) {
    return new Request.Builder().url(url).tag(WebSocketOperation.class, new WebSocketOperation(operation)).build();
  }

  /** An operation that equals a read: resending it is safe, and it has no client order id. */
  private ExchangeRequest read(String operation, HttpUrl url) {
    return ExchangeRequest.known(operationRequest(operation, url), null, spec, true, null);
  }

  ExchangeCore core() {
    return core;
  }

  /** Where whatever may wait runs: connection waits, pacing waits, lookups, resends. */
  ExecutorService executor() {
    return executor;
  }

  SessionSettings settings() {
    return settings;
  }

  Connections connections() {
    return connections;
  }

  RequestFrames frames() {
    return frames;
  }

  String nextRequestId() {
    return Long.toString(requestIds.incrementAndGet());
  }

  Set<String> reconnectCodes() {
    return spec.webSocket().frames().reconnectCodes();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public String toString() {
    return "ExchangeWebSocketSession{" + exchange.id() + " " + settings.url() + "}";
  }

  /** Configures an {@link ExchangeWebSocketSession}; {@link #signer} is required. */
  public static final class Builder extends WebSocketSessionOptions<Builder> {
    private final ExchangeResilienceInterceptor interceptor;
    private final Exchange exchange;

    private Builder(ExchangeResilienceInterceptor interceptor, Exchange exchange) {
      this.interceptor = java.util.Objects.requireNonNull(interceptor, "interceptor");
      this.exchange = java.util.Objects.requireNonNull(exchange, "exchange");
      if (!interceptor.exchanges().contains(exchange)) {
        throw new IllegalArgumentException("the interceptor does not handle " + exchange.id());
      }
    }

    private Builder settings(SessionSettings settings) {
      client = settings.client();
      url = settings.url();
      restBaseUrl = settings.restBaseUrl();
      signer = settings.signer();
      listener = settings.listener();
      requestTimeout = settings.requestTimeout();
      connectWait = settings.connectWait();
      keepAliveInterval = settings.keepAliveInterval();
      reconnectBackoff = settings.reconnectBackoff();
      clientOrderIds = settings.clientOrderIds();
      return this;
    }

    private SessionSettings settings() {
      WebSocketApi api = exchange.spec().webSocket();
      return new SessionSettings(client != null ? client : new okhttp3.OkHttpClient(),
          url != null ? url : api.urls().live(),
          restBaseUrl != null ? restBaseUrl : HttpUrl.get(exchange.spec().hosts().defaultBaseUrl()),
          signer, listener, requestTimeout, connectWait,
          keepAliveInterval != null ? keepAliveInterval : api.keepAlive().interval(), reconnectBackoff,
          clientOrderIds != null ? clientOrderIds : ClientOrderIds.create());
    }

    public ExchangeWebSocketSession build() {
      if (signer == null) {
        throw new IllegalStateException("a WebSocket session signs its login or its requests: set signer(...),"
            + " such as ExchangeSigning.webSocketSigner()");
      }
      return new ExchangeWebSocketSession(this);
    }
  }
}
