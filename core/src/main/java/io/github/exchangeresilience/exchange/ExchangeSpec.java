package io.github.exchangeresilience.exchange;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every fact about one exchange beyond its error codes, in one place: its hosts, the envelope of its answers and its
 * decoder, its order endpoints and client order ids, how an order is looked up, where it tells its clock, its signing
 * parameters, its documented rate budgets and the headers that report them, when an answer is a ban, and its
 * WebSocket order API. The
 * decoder, the interceptor, the signers, the reconciler, the time sync, the metrics and the simulator all read it; no
 * other code names an exchange's paths, fields or headers.
 *
 * <p>{@link Exchange#spec()} gives the specification of each supported exchange. Adding an exchange is described in
 * the README ("Adding an exchange").
 */
public final class ExchangeSpec {
  private final Exchange exchange;
  private final Hosts hosts;
  private final Envelope envelope;
  private final DecoderFactory decoder;
  private final Orders orders;
  private final Lookups lookups;
  private final PlacementAnswer placementAnswer;
  private final ServerTime serverTime;
  private final Signing signing;
  private final List<RateBudget> budgets;
  private final RateLimitHeaders rateLimitHeaders;
  private final BanRules banRules;
  private final Set<String> metricEndpoints;
  private final WebSocketApi webSocket;

  private ExchangeSpec(Builder builder) {
    this.exchange = Objects.requireNonNull(builder.exchange, "exchange");
    this.hosts = require(builder.hosts, "hosts");
    this.envelope = require(builder.envelope, "envelope");
    this.decoder = require(builder.decoder, "decoder");
    this.orders = require(builder.orders, "orders");
    this.lookups = require(builder.lookups, "lookups");
    this.placementAnswer = require(builder.placementAnswer, "placementAnswer");
    this.serverTime = require(builder.serverTime, "serverTime");
    this.signing = require(builder.signing, "signing");
    this.budgets = List.copyOf(require(builder.budgets, "budgets"));
    if (budgets.isEmpty()) {
      // Every exchange documents its limits; the shortest window is also how long a rate-limited call waits when
      // neither the answer names a wait nor a budget paces it.
      throw new IllegalStateException(exchange.id() + "'s specification lacks its budgets: at least one");
    }
    this.rateLimitHeaders = builder.rateLimitHeaders;
    this.banRules = builder.banRules;
    this.metricEndpoints = Set.copyOf(builder.metricEndpoints);
    this.webSocket = require(builder.webSocket, "webSocket");
  }

  private <T> T require(T value, String fact) {
    if (value == null) {
      throw new IllegalStateException(exchange.id() + "'s specification lacks its " + fact);
    }
    return value;
  }

  public static Builder builder(Exchange exchange) {
    return new Builder(exchange);
  }

  public Exchange exchange() {
    return exchange;
  }

  public Hosts hosts() {
    return hosts;
  }

  public Envelope envelope() {
    return envelope;
  }

  public DecoderFactory decoder() {
    return decoder;
  }

  public Orders orders() {
    return orders;
  }

  public Lookups lookups() {
    return lookups;
  }

  /** The shape of a placement's answer, in which an order a lookup found is handed back. */
  public PlacementAnswer placementAnswer() {
    return placementAnswer;
  }

  public ServerTime serverTime() {
    return serverTime;
  }

  public Signing signing() {
    return signing;
  }

  /** The documented limits a client paces itself to. */
  public List<RateBudget> budgets() {
    return budgets;
  }

  public RateLimitHeaders rateLimitHeaders() {
    return rateLimitHeaders;
  }

  public BanRules banRules() {
    return banRules;
  }

  /** How the exchange takes orders over its WebSocket API. */
  public WebSocketApi webSocket() {
    return webSocket;
  }

  /**
   * The endpoints that get their own metric tag: order placements, cancels and lookups, the server time, and the
   * account endpoints a bot polls. Every other path is tagged {@code other}.
   */
  public Set<String> endpointTemplates() {
    Set<String> all = new LinkedHashSet<>(orders.singlePlacements());
    all.addAll(orders.batchPlacements());
    all.addAll(orders.cancels());
    lookups.queries().forEach(query -> all.add(query.path()));
    all.add(serverTime.path());
    all.addAll(metricEndpoints);
    return all;
  }

  @Override
  public String toString() {
    return "ExchangeSpec{" + exchange.id() + "}";
  }

  /** Writes an {@link ExchangeSpec}; {@link #build()} fails naming the first fact left out. */
  public static final class Builder {
    private final Exchange exchange;
    private Hosts hosts;
    private Envelope envelope;
    private DecoderFactory decoder;
    private Orders orders;
    private Lookups lookups;
    private PlacementAnswer placementAnswer;
    private ServerTime serverTime;
    private Signing signing;
    private List<RateBudget> budgets;
    private RateLimitHeaders rateLimitHeaders = RateLimitHeaders.NONE;
    private BanRules banRules = BanRules.NONE;
    private Set<String> metricEndpoints = Set.of();
    private WebSocketApi webSocket;

    private Builder(Exchange exchange) {
      this.exchange = exchange;
    }

    public Builder hosts(Hosts hosts) {
      this.hosts = hosts;
      return this;
    }

    public Builder envelope(Envelope envelope, DecoderFactory decoder) {
      this.envelope = envelope;
      this.decoder = decoder;
      return this;
    }

    public Builder orders(Orders orders) {
      this.orders = orders;
      return this;
    }

    public Builder lookups(Lookups lookups) {
      this.lookups = lookups;
      return this;
    }

    public Builder placementAnswer(PlacementAnswer placementAnswer) {
      this.placementAnswer = placementAnswer;
      return this;
    }

    public Builder serverTime(ServerTime serverTime) {
      this.serverTime = serverTime;
      return this;
    }

    public Builder signing(Signing signing) {
      this.signing = signing;
      return this;
    }

    public Builder budgets(List<RateBudget> budgets) {
      this.budgets = budgets;
      return this;
    }

    /** Where the exchange reports its limits; none by default. */
    public Builder rateLimitHeaders(RateLimitHeaders rateLimitHeaders) {
      this.rateLimitHeaders = Objects.requireNonNull(rateLimitHeaders, "rateLimitHeaders");
      return this;
    }

    /** When an answer is a ban; never by default. */
    public Builder banRules(BanRules banRules) {
      this.banRules = Objects.requireNonNull(banRules, "banRules");
      return this;
    }

    /** Endpoints beyond orders, lookups and the server time that get their own metric tag. */
    public Builder metricEndpoints(Set<String> metricEndpoints) {
      this.metricEndpoints = Set.copyOf(metricEndpoints);
      return this;
    }

    public Builder webSocket(WebSocketApi webSocket) {
      this.webSocket = webSocket;
      return this;
    }

    public ExchangeSpec build() {
      return new ExchangeSpec(this);
    }
  }
}
