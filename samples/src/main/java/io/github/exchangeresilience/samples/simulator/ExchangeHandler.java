package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * What every simulated exchange does the same way: route, rate-limit, inject faults, keep the order store and count.
 * Subclasses say how their exchange names things and shapes its answers.
 *
 * <p>Each request is handled whole under this handler's lock, so one exchange's store, windows and random draws change
 * in the order requests arrive. Only a slow answer's delay happens outside the lock, in MockWebServer's writer.
 *
 * <p>The order of checks follows the exchanges: a ban or a rate limit refuses before anything is read, then the
 * request is validated, then a fault may strike, then orders are created item by item.
 */
abstract class ExchangeHandler extends Dispatcher {
  private static final String BAD_GATEWAY_PAGE = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
      + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";
  private static final String SERVICE_UNAVAILABLE_PAGE = "<html>\r\n<head><title>503 Service Temporarily Unavailable"
      + "</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n"
      + "</html>\r\n";

  protected final Exchange exchange;
  protected final SimulatorConfig config;
  protected final Counters counters = new Counters();
  protected final OrderStore store = new OrderStore();
  private final Clock clock;
  private final FaultInjector faults;
  private final FaultLog faultLog;
  final WebSocketSide webSocket;
  private long orderSequence;

  ExchangeHandler(Exchange exchange, SimulatorConfig config, FaultLog faultLog) {
    this.exchange = exchange;
    this.config = config;
    this.clock = config.clock();
    this.faults = new FaultInjector(exchange, config);
    this.faultLog = faultLog;
    this.webSocket = new WebSocketSide(this, exchange, config);
  }

  // ---- What each exchange says differently ----

  /** The endpoint a request addresses, or null for a path the simulator does not serve. */
  abstract Endpoint route(SimRequest request);

  /**
   * The endpoint of a request to an exchange whose placements are POSTs to {@code place} and {@code batch}, and whose
   * reads (order lookups, server time) are GETs to the paths of {@code reads}.
   */
  static Endpoint route(SimRequest request, String place, String batch, Map<String, Endpoint> reads) {
    String path = request.path();
    if (request.isPost()) {
      return path.equals(place) ? Endpoint.PLACE_ORDER : path.equals(batch) ? Endpoint.BATCH_ORDERS : null;
    }
    return request.isGet() ? reads.get(path) : null;
  }

  /**
   * Reads the order items of a placement. An item the exchange would refuse on its own carries its error; a request
   * the exchange refuses whole throws.
   */
  abstract List<Outcome> parsePlacement(Endpoint endpoint, SimRequest request) throws BadRequest;

  /** Refuses a request for rate or ban, or returns null to admit it; counts what it refuses. */
  abstract Reply admit(Endpoint endpoint, SimRequest request, int units, long now);

  /** Adds the exchange's rate-limit headers to an answer (every answer, refused ones included). */
  void addRateHeaders(Reply reply, Endpoint endpoint, long now) {}

  abstract Reply renderPlacement(Outcome outcome, long now);

  abstract Reply renderBatch(List<Outcome> outcomes, long now);

  /** Answers {@link Endpoint#QUERY_ORDER} and {@link Endpoint#ORDER_HISTORY}. */
  abstract Reply query(Endpoint endpoint, SimRequest request, long now) throws BadRequest;

  abstract Reply serverTime(long now);

  abstract ItemError duplicate();

  abstract ItemError insufficientMargin();

  /** The exchange's own answer to a coded fault: a timeout, a clock skew, or one of Binance's 503 variants. */
  abstract Reply codedFault(FaultKind kind, long now);

  /** The order id of the {@code sequence}-th order, in the exchange's format. */
  abstract String orderId(long sequence);

  /** The client order id the exchange assigns when the client sent none; "" where the exchange leaves it empty. */
  String assignedClientOrderId(String orderId) {
    return "";
  }

  Reply notFound(SimRequest request) {
    return Reply.json(404, Json.write(json -> {
      json.writeStartObject();
      json.writeNumberField("status", 404);
      json.writeStringField("error", "Not Found");
      json.writeStringField("path", request.path());
      json.writeEndObject();
    }));
  }

  // ---- The shared flow ----

  @Override
  public final MockResponse dispatch(RecordedRequest recorded) {
    if (recorded.getUrl().encodedPath().equals(webSocket.path())) {
      return webSocket.upgrade();
    }
    SimRequest request = SimRequest.of(recorded);
    Reply reply;
    synchronized (this) {
      reply = handle(request);
    }
    return reply.toMockResponse(config.slowResponseDelay());
  }

  /** A WebSocket operation, handled as the REST request it equals, in arrival order with the REST requests. */
  Reply handleSocketRequest(SimRequest request) {
    synchronized (this) {
      return handle(request);
    }
  }

  private Reply handle(SimRequest request) {
    long now = clock.millis();
    counters.requests++;
    Endpoint endpoint = route(request);
    if (endpoint == null) {
      return notFound(request);
    }
    List<Outcome> items = List.of();
    BadRequest invalid = null;
    if (endpoint.isPlacement()) {
      try {
        items = parsePlacement(endpoint, request);
      } catch (BadRequest e) {
        invalid = e;
      }
    }
    int units = endpoint == Endpoint.BATCH_ORDERS ? Math.max(1, items.size()) : 1;
    Reply reply = admit(endpoint, request, units, now);
    if (reply == null) {
      reply = invalid != null ? invalid.reply() : answer(endpoint, request, items, now);
    }
    if (reply.takesRateHeaders()) {
      addRateHeaders(reply, endpoint, now);
    }
    return reply;
  }

  private Reply answer(Endpoint endpoint, SimRequest request, List<Outcome> items, long now) {
    if (endpoint.isPlacement()) {
      return place(endpoint, request, items, now);
    }
    FaultKind fault = faults.forRead();
    if (fault != null) {
      record(fault, request, List.of(), false, now);
      if (fault == FaultKind.CONNECTION_RESET || fault == FaultKind.SLOW_RESPONSE) {
        return withEffect(readAnswer(endpoint, request, now), fault);
      }
      return faultAnswer(fault, now);
    }
    return readAnswer(endpoint, request, now);
  }

  private Reply readAnswer(Endpoint endpoint, SimRequest request, long now) {
    if (endpoint == Endpoint.SERVER_TIME) {
      return serverTime(now);
    }
    try {
      return query(endpoint, request, now);
    } catch (BadRequest e) {
      return e.reply();
    }
  }

  private Reply place(Endpoint endpoint, SimRequest request, List<Outcome> items, long now) {
    FaultKind fault = faults.forPlacement();
    if (fault != null && !fault.placesOrder()) {
      record(fault, request, clientOrderIds(items), false, now);
      return faultAnswer(fault, now);
    }
    List<Outcome> outcomes = new ArrayList<>(items.size());
    for (Outcome item : items) {
      outcomes.add(create(item, request, fault == null, now));
    }
    Reply reply = endpoint == Endpoint.BATCH_ORDERS ? renderBatch(outcomes, now) : renderPlacement(outcomes.get(0), now);
    if (fault == null) {
      return reply;
    }
    boolean placed = outcomes.stream().anyMatch(Outcome::created);
    record(fault, request, clientOrderIds(outcomes), placed, now);
    if (fault == FaultKind.CONNECTION_RESET || fault == FaultKind.SLOW_RESPONSE) {
      return withEffect(reply, fault);
    }
    return faultAnswer(fault, now);
  }

  /**
   * Creates one item's order unless it is invalid, a duplicate, or rejected for margin. The margin draw is made only
   * when no request-level fault struck, so each request has at most one kind of fault and a "placed" fault always
   * leaves every valid item in the store.
   */
  private Outcome create(Outcome item, SimRequest request, boolean mayReject, long now) {
    if (item.error() != null) {
      return item;
    }
    OrderRequest order = item.request();
    if (store.contains(order.clientOrderId())) {
      counters.duplicateAttempts++;
      return Outcome.invalid(order, duplicate());
    }
    if (mayReject && faults.rejectsItem()) {
      record(FaultKind.INSUFFICIENT_MARGIN, request, List.of(item.clientOrderId()), false, now);
      return Outcome.invalid(order, insufficientMargin());
    }
    String orderId = orderId(++orderSequence);
    String clientOrderId = order.clientOrderId() != null ? order.clientOrderId() : assignedClientOrderId(orderId);
    SimulatedOrder created = new SimulatedOrder(exchange, orderId, clientOrderId, order.symbol(), order.side(),
        order.type(), order.quantity(), order.price() == null ? "0" : order.price(),
        order.isMarket() ? SimulatedOrder.Status.FILLED : SimulatedOrder.Status.NEW, now);
    store.add(created);
    return new Outcome(order, created, null);
  }

  private Reply faultAnswer(FaultKind kind, long now) {
    if (kind == FaultKind.HTML_502_PLACED || kind == FaultKind.HTML_502_NOT_PLACED) {
      // A CDN's page, not the API's: no rate-limit headers, no envelope.
      return Reply.html(502, BAD_GATEWAY_PAGE).withoutRateHeaders();
    }
    return codedFault(kind, now);
  }

  /** The bare 503 page of an exchange that documents no code for maintenance. */
  static Reply serviceUnavailablePage() {
    return Reply.html(503, SERVICE_UNAVAILABLE_PAGE).withoutRateHeaders();
  }

  synchronized void scriptPlacement(FaultKind kind) {
    requireSupported(kind);
    faults.scriptPlacement(kind);
  }

  synchronized void scriptRead(FaultKind kind) {
    requireSupported(kind);
    faults.scriptRead(kind);
  }

  private void requireSupported(FaultKind kind) {
    if (!kind.supportedBy(exchange)) {
      throw new IllegalArgumentException(exchange.id() + " has no " + kind + " answer");
    }
  }

  private static Reply withEffect(Reply reply, FaultKind fault) {
    return reply.effect(fault == FaultKind.CONNECTION_RESET ? Reply.Effect.RESET : Reply.Effect.SLOW);
  }

  private void record(FaultKind kind, SimRequest request, List<String> clientOrderIds, boolean placed, long now) {
    counters.faultsInjected++;
    faultLog.record(exchange, kind, request.path(), clientOrderIds, placed, now);
  }

  private static List<String> clientOrderIds(List<Outcome> outcomes) {
    return outcomes.stream().map(Outcome::clientOrderId).toList();
  }

  // ---- Read access for the simulator ----

  synchronized ExchangeStats stats() {
    return new ExchangeStats(exchange, counters.requests, store.size(), counters.duplicateAttempts,
        counters.rateLimitRefusals, counters.bans, counters.bannedRequests, counters.faultsInjected);
  }

  synchronized List<SimulatedOrder> snapshotOrders() {
    return store.all();
  }

  synchronized Optional<SimulatedOrder> findOrder(String clientOrderId) {
    return store.byClientOrderId(clientOrderId);
  }
}
