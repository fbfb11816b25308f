package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.okhttp.signing.ClientOrderIds;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Every setting of a WebSocket session, each with its one default, a public constant. Everything a decision needs
 * (retries, budgets, bans, breaker, reconciler, catalog) is the interceptor's the session is built from.
 *
 * @param <B> the builder, returned by every setter
 */
public abstract class WebSocketSessionOptions<B extends WebSocketSessionOptions<B>> {
  /** How long a request waits for its answer before its outcome is unknown. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** How long a request waits for a logged-in connection before it fails fast. */
  public static final Duration DEFAULT_CONNECT_WAIT = Duration.ofSeconds(10);
  /** Reconnecting: exponential from 100 ms, doubling, 50 % jitter, at most 30 s. */
  public static final IntervalFunction DEFAULT_RECONNECT_BACKOFF =
      IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(100), 2.0, 0.5, Duration.ofSeconds(30));

  OkHttpClient client;
  String url;
  HttpUrl restBaseUrl;
  WebSocketSigner signer;
  WebSocketSessionListener listener = WebSocketSessionListener.NONE;
  Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
  Duration connectWait = DEFAULT_CONNECT_WAIT;
  Duration keepAliveInterval;
  IntervalFunction reconnectBackoff = DEFAULT_RECONNECT_BACKOFF;
  ClientOrderIds clientOrderIds;

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The client the WebSocket is opened with (its dispatcher, proxy, timeouts); a new one by default. */
  public B client(OkHttpClient client) {
    this.client = Objects.requireNonNull(client, "client");
    return self();
  }

  /** The endpoint; the exchange's live order-entry endpoint by default (its specification's testnet one for tests). */
  public B url(String url) {
    this.url = Objects.requireNonNull(url, "url");
    return self();
  }

  /**
   * Where the reconciler looks up an order whose answer was lost: the exchange's REST host; its first live host by
   * default. Set it with the interceptor's REST base URL (testnet, a proxy, a simulator).
   */
  public B restBaseUrl(HttpUrl restBaseUrl) {
    this.restBaseUrl = Objects.requireNonNull(restBaseUrl, "restBaseUrl");
    return self();
  }

  /** Signs the login and the requests: {@code ExchangeSigning.webSocketSigner()}. Required. */
  public B signer(WebSocketSigner signer) {
    this.signer = Objects.requireNonNull(signer, "signer");
    return self();
  }

  /** Hears connects, disconnects, reconnects, refused logins, unsolicited and dropped frames. */
  public B listener(WebSocketSessionListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return self();
  }

  /**
   * How long a request waits for its answer; {@link #DEFAULT_REQUEST_TIMEOUT} by default. Each connection looks for
   * overdue answers every tenth of it (between 10 ms and a second), so a request gives up within that much more.
   */
  public B requestTimeout(Duration requestTimeout) {
    this.requestTimeout = positive(requestTimeout, "requestTimeout");
    return self();
  }

  /** How long a request waits for a logged-in connection; zero fails fast at once. */
  public B connectWait(Duration connectWait) {
    Objects.requireNonNull(connectWait, "connectWait");
    if (connectWait.isNegative()) {
      throw new IllegalArgumentException("connectWait must not be negative: " + connectWait);
    }
    this.connectWait = connectWait;
    return self();
  }

  /** How often the connection is pinged; the exchange's documented interval by default. */
  public B keepAliveInterval(Duration keepAliveInterval) {
    this.keepAliveInterval = positive(keepAliveInterval, "keepAliveInterval");
    return self();
  }

  /** The wait before each reconnect, by attempt since the last success; Resilience4j's {@code IntervalFunction}. */
  public B reconnectBackoff(IntervalFunction reconnectBackoff) {
    this.reconnectBackoff = Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
    return self();
  }

  /** Where the client order ids of placements that lack one come from; random ids without a prefix by default. */
  public B clientOrderIds(ClientOrderIds clientOrderIds) {
    this.clientOrderIds = Objects.requireNonNull(clientOrderIds, "clientOrderIds");
    return self();
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}
