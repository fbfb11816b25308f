package io.github.exchangeresilience.samples.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.ItemFields;
import io.github.exchangeresilience.exchange.OrderLookup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OKX v5: the placement, batch placement, order lookup and server time endpoints of its specification. Every answer is
 * the specification's code and message with a {@code data} array, codes as strings; an order answer's items carry
 * their own code and message (the specification's item fields) and the top-level code is 0 (all placed), 1 (none) or
 * 2 (some). Request-level errors use the HTTP status OKX documents for the code.
 */
final class OkxHandler extends ExchangeHandler {
  private static final ExchangeSpec SPEC = Exchange.OKX.spec();
  private static final String PLACE = SpecReads.pathUnder(SPEC.orders().singlePlacements(), "/");
  private static final String BATCH = SpecReads.pathUnder(SPEC.orders().batchPlacements(), "/");
  private static final OrderLookup LOOKUP = SpecReads.lookupFor(SPEC.lookups().queries(), PLACE);
  private static final String CODE = SPEC.envelope().codeField();
  private static final String MESSAGE = SPEC.envelope().messageField();
  private static final String CLIENT_ORDER_ID = SPEC.orders().clientOrderIdField();
  private static final ItemFields FIELDS = SPEC.envelope().items();
  /** The reads this exchange serves: its order lookups and its server time, by path. */
  private static final Map<String, Endpoint> READS = Map.of(
      LOOKUP.path(), Endpoint.QUERY_ORDER,
      SPEC.serverTime().path(), Endpoint.SERVER_TIME);
  private static final int MAX_BATCH = 20;

  private final EndpointWindows windows;

  OkxHandler(SimulatorConfig config, FaultLog faultLog) {
    super(Exchange.OKX, config, faultLog);
    this.windows = new EndpointWindows(config)
        .limit(Endpoint.PLACE_ORDER, RateLimitRule.OKX_PLACE_ORDER)
        .limit(Endpoint.BATCH_ORDERS, RateLimitRule.OKX_BATCH_ORDERS)
        .limit(Endpoint.QUERY_ORDER, RateLimitRule.OKX_GET_ORDER)
        .limit(Endpoint.SERVER_TIME, RateLimitRule.OKX_PUBLIC_TIME);
  }

  /** A request-level answer with an empty data array. */
  static Reply error(int status, String code, String message) {
    return Reply.json(status, Json.write(json -> {
      json.writeStartObject();
      json.writeStringField(CODE, code);
      json.writeStringField(MESSAGE, message);
      json.writeArrayFieldStart("data");
      json.writeEndArray();
      json.writeEndObject();
    }));
  }

  @Override
  Endpoint route(SimRequest request) {
    return route(request, PLACE, BATCH, READS);
  }


  @Override
  List<Outcome> parsePlacement(Endpoint endpoint, SimRequest request) throws BadRequest {
    Object body;
    try {
      body = request.json();
    } catch (Json.MalformedJsonException e) {
      throw new BadRequest(error(400, "50002", "Json data format error."));
    }
    List<Object> elements = endpoint == Endpoint.BATCH_ORDERS ? Json.array(body) : List.of(body);
    if (elements == null || elements.isEmpty() || elements.size() > MAX_BATCH) {
      throw new BadRequest(error(400, "50002", "Json data format error."));
    }
    List<Outcome> items = new ArrayList<>();
    for (Object element : elements) {
      Map<String, Object> object = Json.object(element);
      if (object == null) {
        throw new BadRequest(error(400, "50002", "Json data format error."));
      }
      items.add(parseOrder(object));
    }
    return items;
  }

  private static Outcome parseOrder(Map<String, Object> object) throws BadRequest {
    // OKX refuses the whole request for a missing parameter, before looking at any order.
    for (String name : List.of("instId", "side", "ordType", "sz")) {
      if (Json.text(object, name) == null || Json.text(object, name).isEmpty()) {
        throw new BadRequest(error(400, "50014", "Parameter " + name + " can not be empty."));
      }
    }
    String clientOrderId = Json.text(object, CLIENT_ORDER_ID);
    OrderRequest order = new OrderRequest(clientOrderId == null || clientOrderId.isEmpty() ? null : clientOrderId,
        Json.text(object, "instId"), Json.text(object, "side"), Json.text(object, "ordType"), Json.text(object, "sz"),
        Json.text(object, "px"));
    if (order.clientOrderId() != null
        && !SPEC.orders().clientOrderIdFormat().matcher(order.clientOrderId()).matches()) {
      return Outcome.invalid(order, new ItemError(200, "51000", "Parameter " + CLIENT_ORDER_ID + " error"));
    }
    if (!order.isMarket() && order.price() == null) {
      return Outcome.invalid(order, new ItemError(200, "51000", "Parameter px error"));
    }
    return Outcome.pending(order);
  }

  @Override
  Reply admit(Endpoint endpoint, SimRequest request, int units, long now) {
    if (windows.tryAcquire(endpoint, units, now)) {
      return null;
    }
    counters.rateLimitRefusals++;
    return error(config.okxRateLimitStatus(), "50011", "Requests too frequent.");
  }

  @Override
  Reply renderPlacement(Outcome outcome, long now) {
    return renderBatch(List.of(outcome), now);
  }

  @Override
  Reply renderBatch(List<Outcome> outcomes, long now) {
    long created = outcomes.stream().filter(Outcome::created).count();
    String code = created == outcomes.size() ? "0" : created == 0 ? "1" : "2";
    String message = created == outcomes.size() ? "" : created == 0 ? "All operations failed"
        : "Bulk operation partially succeeded.";
    return Reply.json(200, Json.write(json -> {
      json.writeStartObject();
      json.writeStringField(CODE, code);
      json.writeStringField(MESSAGE, message);
      json.writeArrayFieldStart("data");
      for (Outcome outcome : outcomes) {
        json.writeStartObject();
        json.writeStringField(FIELDS.clientOrderId(), outcome.clientOrderId());
        json.writeStringField(FIELDS.orderId(), outcome.created() ? outcome.order().orderId() : "");
        json.writeStringField("tag", "");
        json.writeStringField("ts", String.valueOf(now));
        json.writeStringField(FIELDS.code(), outcome.created() ? "0" : outcome.error().code());
        json.writeStringField(FIELDS.message(), outcome.created() ? "Order placed" : outcome.error().message());
        json.writeEndObject();
      }
      json.writeEndArray();
      // OKX's gateway times, in microseconds.
      json.writeStringField("inTime", String.valueOf(now * 1000));
      json.writeStringField("outTime", String.valueOf(now * 1000 + 150));
      json.writeEndObject();
    }));
  }

  @Override
  Reply query(Endpoint endpoint, SimRequest request, long now) throws BadRequest {
    String instrumentParameter = SpecReads.parameter(LOOKUP, "instId");
    String instId = request.param(instrumentParameter);
    if (instId == null) {
      throw new BadRequest(error(400, "50014", "Parameter " + instrumentParameter + " can not be empty."));
    }
    String clientOrderId = request.param(SpecReads.clientOrderIdParameter(LOOKUP));
    String orderId = request.param(FIELDS.orderId());
    if (clientOrderId == null && orderId == null) {
      throw new BadRequest(error(200, "51003", "Either client order ID or order ID is required."));
    }
    // OKX looks the order up by ordId first when both are sent.
    Optional<SimulatedOrder> found = orderId != null ? store.byOrderId(orderId) : store.byClientOrderId(clientOrderId);
    Optional<SimulatedOrder> order = found.filter(o -> o.symbol().equals(instId));
    if (order.isEmpty()) {
      return error(200, "51603", "Order does not exist.");
    }
    return Reply.json(200, Json.write(json -> {
      json.writeStartObject();
      json.writeStringField(CODE, "0");
      json.writeStringField(MESSAGE, "");
      json.writeArrayFieldStart("data");
      writeOrder(json, order.get());
      json.writeEndArray();
      json.writeEndObject();
    }));
  }

  private static void writeOrder(JsonGenerator json, SimulatedOrder order) throws IOException {
    boolean filled = order.status() == SimulatedOrder.Status.FILLED;
    json.writeStartObject();
    json.writeStringField("instType", "SWAP");
    json.writeStringField("instId", order.symbol());
    json.writeStringField(FIELDS.orderId(), order.orderId());
    json.writeStringField(FIELDS.clientOrderId(), order.clientOrderId());
    json.writeStringField("tag", "");
    json.writeStringField("px", order.price());
    json.writeStringField("sz", order.quantity());
    json.writeStringField("ordType", order.type());
    json.writeStringField("side", order.side());
    json.writeStringField("state", filled ? "filled" : "live");
    json.writeStringField("accFillSz", filled ? order.quantity() : "0");
    json.writeStringField("fillSz", filled ? order.quantity() : "0");
    json.writeStringField("avgPx", filled ? order.price() : "");
    json.writeStringField("cTime", String.valueOf(order.createdAtMillis()));
    json.writeStringField("uTime", String.valueOf(order.createdAtMillis()));
    json.writeEndObject();
  }

  @Override
  Reply serverTime(long now) {
    return Reply.json(200, Json.write(json -> {
      json.writeStartObject();
      json.writeStringField(CODE, "0");
      json.writeStringField(MESSAGE, "");
      json.writeArrayFieldStart("data");
      json.writeStartObject();
      json.writeStringField(SpecReads.millisecondsField(SPEC.serverTime()), String.valueOf(now));
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    }));
  }

  @Override
  ItemError duplicate() {
    return new ItemError(200, "51016", "Duplicated " + CLIENT_ORDER_ID);
  }

  @Override
  ItemError insufficientMargin() {
    return new ItemError(200, "51008", "Order placement failed due to insufficient balance.");
  }

  @Override
  Reply codedFault(FaultKind kind, long now) {
    switch (kind) {
      case TIMEOUT_PLACED:
      case TIMEOUT_NOT_PLACED:
        return error(400, "50004", "Endpoint request timeout (does not mean that the request was successful or "
            + "failed, please check the request result).");
      case CLOCK_SKEW:
        return error(401, "50102", "Timestamp request expired.");
      case BUSY:
        return error(429, "50013", "System is busy, please try again later.");
      case AUTH_REJECTED:
        return error(401, "50111", "Invalid OK_ACCESS_KEY.");
      case ACCOUNT_RESTRICTED:
        return error(200, "50007", "Account blocked.");
      case MAINTENANCE:
        return error(503, "50001", "Service temporarily unavailable, please try again later.");
      default:
        throw new IllegalArgumentException("not an OKX fault: " + kind);
    }
  }

  @Override
  String orderId(long sequence) {
    return String.valueOf(600_000_000_000_000_000L + sequence);
  }
}
