package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.FakeTime;
import io.github.exchangeresilience.okhttp.signing.Credentials;
import io.github.exchangeresilience.okhttp.signing.CredentialsProvider;
import io.github.exchangeresilience.okhttp.signing.ExchangeSigning;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A session on a {@link FakeWebSocketExchange}, built from an interceptor configured by {@code ExchangeSigning} as an
 * application would: the library's signer, its order-lookup reconciler (one round) and its time sync, on a clock that
 * moves only when the library waits.
 */
final class SessionFixture implements AutoCloseable {
  static final Credentials CREDENTIALS = Credentials.of("test-api-key", "test-api-secret", "test-passphrase");
  /**
   * How long a session waits for an answer the fake exchange does send: long enough that no scheduling pause of a loaded
   * build machine turns it into a timeout and a second connection.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /** The timeout of a test whose exchange leaves an order unanswered, and which waits it out. */
  static final Duration WAITED_OUT_TIMEOUT = Duration.ofSeconds(1);

  final Exchange exchange;
  final FakeWebSocketExchange server;
  final FakeTime time = new FakeTime(Instant.parse("2026-03-01T00:00:00Z"));
  final ExchangeSigning signing;
  final ExchangeResilienceInterceptor interceptor;
  final ExchangeWebSocketSession session;
  final List<String> events = new CopyOnWriteArrayList<>();
  final OkHttpClient rest;

  SessionFixture(Exchange exchange) {
    this(exchange, interceptor -> {}, session -> {});
  }

  SessionFixture(Exchange exchange, Consumer<ExchangeResilienceInterceptor.Builder> interceptorSettings,
      Consumer<ExchangeWebSocketSession.Builder> sessionSettings) {
    this.exchange = exchange;
    this.server = new FakeWebSocketExchange(exchange);
    this.signing = ExchangeSigning.builder(exchange, CredentialsProvider.of(CREDENTIALS))
        .lookups(1)
        .lookupBackoff(IntervalFunction.of(Duration.ofMillis(1)))
        .build();
    ExchangeResilienceInterceptor.Builder builder = signing.configure(ExchangeResilienceInterceptor.builder(exchange))
        .clock(time)
        .sleeper(time);
    interceptorSettings.accept(builder);
    this.interceptor = builder.build();
    ExchangeWebSocketSession.Builder session = ExchangeWebSocketSession.builder(interceptor, exchange)
        .url(server.webSocketUrl())
        .restBaseUrl(server.restUrl())
        .signer(signing.webSocketSigner())
        .requestTimeout(REQUEST_TIMEOUT)
        .connectWait(Duration.ofSeconds(8))
        .reconnectBackoff(IntervalFunction.of(Duration.ofMillis(20)))
        .listener(new Recorder());
    sessionSettings.accept(session);
    this.session = session.build();
    this.rest = new OkHttpClient.Builder().retryOnConnectionFailure(false).addInterceptor(interceptor).build();
  }

  /** A session whose exchange leaves some order unanswered: its timeout is {@link #WAITED_OUT_TIMEOUT}. */
  static SessionFixture waitingOutTimeouts(Exchange exchange) {
    return new SessionFixture(exchange, interceptor -> {}, session -> session.requestTimeout(WAITED_OUT_TIMEOUT));
  }

  /** A limit order in the exchange's own parameters, without a client order id. */
  Map<String, Object> order() {
    return switch (exchange) {
      case BINANCE_USDM -> Map.of("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "timeInForce", "GTC",
          "quantity", "1", "price", "100");
      case OKX -> Map.of("instId", "BTC-USDT-SWAP", "tdMode", "cross", "side", "buy", "ordType", "limit", "sz", "1",
          "px", "100");
      case BYBIT -> Map.of("category", "linear", "symbol", "BTCUSDT", "side", "Buy", "orderType", "Limit", "qty", "1",
          "price", "100");
      case BITGET -> Map.of("category", "usdt-futures", "symbol", "BTCUSDT", "side", "buy", "orderType", "limit",
          "qty", "1", "price", "100");
    };
  }

  static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** A REST call through the same interceptor. */
  Response restCall(String path) throws Exception {
    return rest.newCall(new Request.Builder().url(server.restUrl().resolve(path)).build()).execute();
  }

  /** Waits until {@code condition} holds, for at most ten seconds. */
  static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }

  @Override
  public void close() {
    session.close();
    server.close();
    rest.dispatcher().executorService().shutdown();
  }

  private final class Recorder implements WebSocketSessionListener {
    @Override
    public void onConnected(Exchange exchange, int connection) {
      events.add("connected " + connection);
    }

    @Override
    public void onDisconnected(Exchange exchange, int connection, String reason, int inFlight) {
      events.add("disconnected " + connection + " " + reason + " in flight " + inFlight);
    }

    @Override
    public void onReconnectScheduled(Exchange exchange, int attempt, Duration wait) {
      events.add("reconnect " + attempt);
    }

    @Override
    public void onPlannedReconnect(Exchange exchange, int connection, String why) {
      events.add("planned " + connection + " " + why);
    }

    @Override
    public void onLoginRefused(Exchange exchange, DecodedResponse answer) {
      events.add("login refused " + answer.code().orElse("-"));
    }

    @Override
    public void onUnsolicitedFrame(Exchange exchange, String frame) {
      events.add("unsolicited " + frame);
    }

    @Override
    public void onFrameDropped(Exchange exchange, DropReason reason) {
      events.add("dropped " + reason);
    }
  }
}
