package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.RequestPreparer;
import io.github.exchangeresilience.okhttp.RequestSigner;
import io.github.exchangeresilience.okhttp.reconcile.OrderLookupReconciler;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import io.github.exchangeresilience.okhttp.websocket.WebSocketSigner;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The library holds the credentials and signs for one exchange: every attempt is signed afresh inside the retry,
 * every order placement gets a client order id that all its attempts keep, an order in doubt is looked up by that id,
 * and a CLOCK_SKEW answer resynchronises with the exchange's server time before the one resend.
 *
 * <pre>{@code
 * ExchangeSigning signing = ExchangeSigning.forExchange(Exchange.BINANCE_USDM,
 *     CredentialsProvider.environment("BINANCE"));
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .retryOnConnectionFailure(false)
 *     .addInterceptor(signing.configure(ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)).build())
 *     .build();
 * }</pre>
 *
 * <p>{@link #configure} sets the interceptor's request preparer, signer, reconciler and time sync; build the
 * interceptor for this one exchange, and once: the reconciler and the time sync send their own requests through it.
 * Add no signing interceptor of your own: every request to the exchange is signed here, public market data excepted.
 */
public final class ExchangeSigning {
  private final Exchange exchange;
  private final CredentialsProvider credentials;
  private final ServerTimeSync timeSync;
  private final RequestSigner signer;
  private final RequestPreparer preparer;
  private final OrderLookupReconciler reconciler;
  private final WebSocketSigner webSocketSigner;

  private ExchangeSigning(Builder builder) {
    this.exchange = builder.exchange;
    this.credentials = builder.credentials;
    ExchangeSpec spec = exchange.spec();
    this.timeSync = builder.client != null
        ? ServerTimeSync.forExchange(exchange, builder.client)
        : ServerTimeSync.forExchange(exchange);
    SigningOptions options = new SigningOptions(builder.recvWindow, builder.demoTrading, builder.locale,
        builder.orderExpiry);
    this.signer = ExchangeSigner.of(spec, credentials, timeSync, options);
    this.webSocketSigner = new WebSocketSigning(spec, credentials, timeSync, options);
    this.preparer = new ClientOrderIdPreparer(spec,
        builder.clientOrderIds != null ? builder.clientOrderIds : ClientOrderIds.create());
    OrderLookupReconciler.Builder reconciler = OrderLookupReconciler.builder(exchange)
        .lookups(builder.lookups)
        .clock(timeSync.clock())
        .orderExpiry(builder.orderExpiry);
    if (builder.lookupBackoff != null) {
      reconciler.backoff(builder.lookupBackoff);
    }
    if (builder.client != null) {
      reconciler.client(builder.client);
    }
    this.reconciler = reconciler.build();
  }

  /** Signing for {@code exchange} with the default settings. */
  public static ExchangeSigning forExchange(Exchange exchange, CredentialsProvider credentials) {
    return builder(exchange, credentials).build();
  }

  public static Builder builder(Exchange exchange, CredentialsProvider credentials) {
    return new Builder(exchange, credentials);
  }

  /**
   * Sets {@code builder}'s request preparer, signer, reconciler and time sync, and returns it. {@code builder} must be
   * {@link ExchangeResilienceInterceptor#builder(Exchange)} of this exchange; its {@code build()} fails otherwise.
   */
  public ExchangeResilienceInterceptor.Builder configure(ExchangeResilienceInterceptor.Builder builder) {
    return builder
        .requestPreparer(preparer)
        .signer(signer)
        .reconciler(reconciler)
        .timeSync(timeSync);
  }

  public Exchange exchange() {
    return exchange;
  }

  /**
   * Signs a WebSocket session's login and requests ({@code ExchangeWebSocketSession.Builder#signer}) with the same
   * credentials, options and exchange clock as the REST requests.
   */
  public WebSocketSigner webSocketSigner() {
    return webSocketSigner;
  }

  /** The time sync: the offset to the exchange's clock, and the exchange's clock as this process knows it. */
  public ServerTimeSync serverTime() {
    return timeSync;
  }

  @Override
  public String toString() {
    return "ExchangeSigning{" + exchange.id() + ", " + credentials + "}";
  }

  /** Configures an {@link ExchangeSigning}. */
  public static final class Builder {
    private final Exchange exchange;
    private final CredentialsProvider credentials;
    private Duration recvWindow = Duration.ofSeconds(5);
    private boolean demoTrading;
    private String locale = "en-US";
    private Duration orderExpiry;
    private ClientOrderIds clientOrderIds;
    private int lookups = 4;
    private IntervalFunction lookupBackoff;
    private OkHttpClient client;

    private Builder(Exchange exchange, CredentialsProvider credentials) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
      this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Binance {@code recvWindow} and Bybit {@code X-BAPI-RECV-WINDOW}: how long after its timestamp the exchange
     * accepts a request; 5 s by default. An application's own Binance {@code recvWindow} parameter is kept.
     */
    public Builder recvWindow(Duration recvWindow) {
      Objects.requireNonNull(recvWindow, "recvWindow");
      if (recvWindow.isNegative() || recvWindow.isZero() || recvWindow.toMillis() > 60_000) {
        throw new IllegalArgumentException("recvWindow must be between 1 ms and 60 s: " + recvWindow);
      }
      this.recvWindow = recvWindow;
      return this;
    }

    /** OKX {@code x-simulated-trading: 1}, Bitget {@code paptrading: 1}: orders go to demo trading. */
    public Builder demoTrading(boolean demoTrading) {
      this.demoTrading = demoTrading;
      return this;
    }

    /** Bitget {@code locale} header, the language of its messages; {@code en-US} by default. */
    public Builder locale(String locale) {
      this.locale = Objects.requireNonNull(locale, "locale");
      return this;
    }

    /**
     * Where the exchange has one (OKX {@code expTime}): every order placement attempt carries its signing time +
     * {@code orderExpiry}, after which the exchange discards it; an order in doubt is then known not to exist once that time has passed and the lookups
     * still do not find it. Off by default.
     */
    public Builder orderExpiry(Duration orderExpiry) {
      if (exchange.spec().signing().orderExpiryHeader() == null) {
        throw new IllegalStateException("an order expiry is not a feature of " + exchange.id() + "'s API");
      }
      Objects.requireNonNull(orderExpiry, "orderExpiry");
      if (orderExpiry.isNegative() || orderExpiry.isZero()) {
        throw new IllegalArgumentException("orderExpiry must be positive: " + orderExpiry);
      }
      this.orderExpiry = orderExpiry;
      return this;
    }

    /** Where the client order ids of placements that lack one come from; random ids without a prefix by default. */
    public Builder clientOrderIds(ClientOrderIds clientOrderIds) {
      this.clientOrderIds = Objects.requireNonNull(clientOrderIds, "clientOrderIds");
      return this;
    }

    /** Rounds of lookups of an order in doubt before "does not exist" counts as NOT_EXECUTED; 4 by default. */
    public Builder lookups(int lookups) {
      if (lookups < 1) {
        throw new IllegalArgumentException("at least one lookup is needed: " + lookups);
      }
      this.lookups = lookups;
      return this;
    }

    /** The wait between rounds of lookups; exponential from 250 ms, doubling, at most 2 s by default. */
    public Builder lookupBackoff(IntervalFunction lookupBackoff) {
      this.lookupBackoff = Objects.requireNonNull(lookupBackoff, "lookupBackoff");
      return this;
    }

    /**
     * The client that order lookups and server time requests are made with (pool, proxy, timeouts); the interceptor
     * is added to it. A client of their own by default.
     */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    public ExchangeSigning build() {
      return new ExchangeSigning(this);
    }
  }
}
