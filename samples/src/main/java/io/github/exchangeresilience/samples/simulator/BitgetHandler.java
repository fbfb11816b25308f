package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.BitgetSpec;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.ItemFields;
import io.github.exchangeresilience.exchange.OrderLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bitget v2 futures ("mix"): the placement, batch placement and order lookup endpoints its specification lists for
 * futures, and the server time. Every answer is the specification's code ({@code "00000"} for success) and message,
 * the request time and {@code data}; errors carry their string code at HTTP 400 ({@code data} null), and a rate-limit
 * refusal answers HTTP 429 with code "429".
 */
final class BitgetHandler extends ExchangeHandler {
  private static final ExchangeSpec SPEC = Exchange.BITGET.spec();
  private static final String PLACE = SpecReads.pathUnder(SPEC.orders().singlePlacements(), BitgetSpec.FUTURES_V2);
  private static final String BATCH = SpecReads.pathUnder(SPEC.orders().batchPlacements(), BitgetSpec.FUTURES_V2);
  private static final String BATCH_FIELD = SPEC.orders().batch().field();
  private static final OrderLookup LOOKUP = SpecReads.lookupFor(SPEC.lookups().queries(), PLACE);
  /** The unified account's lookup, which reconciles the orders placed over the WebSocket. */
  private static final OrderLookup UNIFIED_LOOKUP = SpecReads.lookupFor(SPEC.lookups().queries(),
      SPEC.webSocket().requests().restPlacement());
  private static final String CODE = SPEC.envelope().codeField();
  private static final String MESSAGE = SPEC.envelope().messageField();
  private static final String CLIENT_ORDER_ID = SPEC.orders().clientOrderIdField();
  private static final ItemFields FIELDS = SPEC.envelope().items();
  /** The reads this exchange serves: its order lookups and its server time, by path. */
  private static final Map<String, Endpoint> READS = Map.of(
      LOOKUP.path(), Endpoint.QUERY_ORDER,
      UNIFIED_LOOKUP.path(), Endpoint.QUERY_ORDER,
      SPEC.serverTime().path(), Endpoint.SERVER_TIME);
  private static final int MAX_BATCH = 50;

  private final EndpointWindows windows;

  BitgetHandler(SimulatorConfig config, FaultLog faultLog) {
    super(Exchange.BITGET, config, faultLog);
    this.windows = new EndpointWindows(config)
        .limit(Endpoint.PLACE_ORDER, RateLimitRule.BITGET_PLACE_ORDER)
        .limit(Endpoint.BATCH_ORDERS, RateLimitRule.BITGET_BATCH_PLACE_ORDER)
        .limit(Endpoint.QUERY_ORDER, RateLimitRule.BITGET_ORDER_DETAIL)
        .limit(Endpoint.SERVER_TIME, RateLimitRule.BITGET_PUBLIC_TIME);
  }

  private static Reply success(long now, Json.Body data) {
    return Reply.json(200, Json.write(json -> {
      json.writeStartObject();
      json.writeStringField(CODE, "00000");
      json.writeStringField(MESSAGE, "success");
      json.writeNumberField("requestTime", now);
      json.writeFieldName("data");
      data.write(json);
      json.writeEndObject();
    }));
  }

  private static Reply error(ItemError error, long now) {
    return Reply.json(error.httpStatus(), Json.write(json -> {
      json.writeStartObject();
      json.writeStringField(CODE, error.code());
      json.writeStringField(MESSAGE, error.message());
      json.writeNumberField("requestTime", now);
      json.writeNullField("data");
      json.writeEndObject();
    }));
  }

  private static ItemError missing(String name) {
    return new ItemError(400, "40017", "Parameter verification failed " + name + " is empty");
  }

  @Override
  Endpoint route(SimRequest request) {
    return route(request, PLACE, BATCH, READS);
  }


  @Override
  List<Outcome> parsePlacement(Endpoint endpoint, SimRequest request) throws BadRequest {
    long now = config.clock().millis();
    Map<String, Object> body;
    try {
      body = Json.object(request.json());
    } catch (Json.MalformedJsonException e) {
      body = null;
    }
    if (body == null) {
      throw new BadRequest(error(new ItemError(400, "40017", "Parameter verification failed"), now));
    }
    for (String name : List.of("symbol", "productType")) {
      if (Json.text(body, name) == null) {
        throw new BadRequest(error(missing(name), now));
      }
    }
    if (endpoint == Endpoint.PLACE_ORDER) {
      Outcome item = parseOrder(body, Json.text(body, "symbol"));
      if (item.error() != null) {
        throw new BadRequest(error(item.error(), now));
      }
      return List.of(item);
    }
    List<Object> orders = Json.array(body.get(BATCH_FIELD));
    if (orders == null || orders.isEmpty() || orders.size() > MAX_BATCH) {
      throw new BadRequest(error(missing(BATCH_FIELD), now));
    }
    List<Outcome> items = new ArrayList<>();
    for (Object element : orders) {
      Map<String, Object> object = Json.object(element);
      items.add(object == null ? Outcome.invalid(null, missing(BATCH_FIELD))
          : parseOrder(object, Json.text(body, "symbol")));
    }
    return items;
  }

  /** A batch's items take the symbol of the request. */
  private static Outcome parseOrder(Map<String, Object> object, String symbol) {
    String clientOid = Json.text(object, CLIENT_ORDER_ID);
    OrderRequest order = new OrderRequest(clientOid == null || clientOid.isEmpty() ? null : clientOid, symbol,
        Json.text(object, "side"), Json.text(object, "orderType"), Json.text(object, "size"),
        Json.text(object, "price"));
    for (String name : List.of("side", "orderType", "size")) {
      if (Json.text(object, name) == null || Json.text(object, name).isEmpty()) {
        return Outcome.invalid(order, missing(name));
      }
    }
    if (!order.isMarket() && order.price() == null) {
      return Outcome.invalid(order, missing("price"));
    }
    return Outcome.pending(order);
  }

  @Override
  Reply admit(Endpoint endpoint, SimRequest request, int units, long now) {
    // A batch counts as one request against its own budget.
    if (windows.tryAcquire(endpoint, 1, now)) {
      return null;
    }
    counters.rateLimitRefusals++;
    return error(new ItemError(429, "429", "Too Many Requests"), now);
  }

  @Override
  Reply renderPlacement(Outcome outcome, long now) {
    if (!outcome.created()) {
      return error(outcome.error(), now);
    }
    return success(now, json -> {
      json.writeStartObject();
      json.writeStringField(FIELDS.clientOrderId(), outcome.order().clientOrderId());
      json.writeStringField(FIELDS.orderId(), outcome.order().orderId());
      json.writeEndObject();
    });
  }

  @Override
  Reply renderBatch(List<Outcome> outcomes, long now) {
    return success(now, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("successList");
      for (Outcome outcome : outcomes) {
        if (outcome.created()) {
          json.writeStartObject();
          json.writeStringField(FIELDS.orderId(), outcome.order().orderId());
          json.writeStringField(FIELDS.clientOrderId(), outcome.order().clientOrderId());
          json.writeEndObject();
        }
      }
      json.writeEndArray();
      json.writeArrayFieldStart("failureList");
      for (Outcome outcome : outcomes) {
        if (!outcome.created()) {
          json.writeStartObject();
          json.writeStringField(FIELDS.orderId(), "");
          json.writeStringField(FIELDS.clientOrderId(), outcome.clientOrderId());
          json.writeStringField(FIELDS.message(), outcome.error().message());
          json.writeStringField(FIELDS.code(), outcome.error().code());
          json.writeEndObject();
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  @Override
  Reply query(Endpoint endpoint, SimRequest request, long now) throws BadRequest {
    OrderLookup lookup = request.path().equals(UNIFIED_LOOKUP.path()) ? UNIFIED_LOOKUP : LOOKUP;
    for (OrderLookup.Parameter parameter : lookup.parameters()) {
      if (parameter.orderField() != null && request.param(parameter.name()) == null) {
        throw new BadRequest(error(missing(parameter.name()), now));
      }
    }
    // The unified account's lookup takes the client order id alone.
    String symbol = lookup == LOOKUP ? request.param(SpecReads.parameter(LOOKUP, "symbol")) : null;
    String clientOidParameter = SpecReads.clientOrderIdParameter(lookup);
    String clientOid = request.param(clientOidParameter);
    String orderId = request.param(FIELDS.orderId());
    if (clientOid == null && orderId == null) {
      throw new BadRequest(error(missing(FIELDS.orderId() + " or " + clientOidParameter), now));
    }
    Optional<SimulatedOrder> found = (orderId != null ? store.byOrderId(orderId) : store.byClientOrderId(clientOid))
        .filter(order -> symbol == null || order.symbol().equals(symbol));
    if (found.isEmpty()) {
      return error(new ItemError(400, "25204", "Order does not exist"), now);
    }
    SimulatedOrder order = found.get();
    boolean filled = order.status() == SimulatedOrder.Status.FILLED;
    return success(now, json -> {
      json.writeStartObject();
      json.writeStringField("symbol", order.symbol());
      json.writeStringField("size", order.quantity());
      json.writeStringField(FIELDS.orderId(), order.orderId());
      json.writeStringField(FIELDS.clientOrderId(), order.clientOrderId());
      json.writeStringField("baseVolume", filled ? order.quantity() : "0");
      json.writeStringField("price", order.price());
      json.writeStringField("priceAvg", filled ? order.price() : "");
      json.writeStringField("state", filled ? "filled" : "live");
      json.writeStringField("side", order.side());
      json.writeStringField("orderType", order.type());
      if (lookup == LOOKUP) {
        json.writeStringField("productType", request.param(SpecReads.parameter(LOOKUP, "productType")));
      }
      json.writeStringField("cTime", String.valueOf(order.createdAtMillis()));
      json.writeStringField("uTime", String.valueOf(order.createdAtMillis()));
      json.writeEndObject();
    });
  }

  @Override
  Reply serverTime(long now) {
    return success(now, json -> {
      json.writeStartObject();
      json.writeStringField(SpecReads.millisecondsField(SPEC.serverTime()), String.valueOf(now));
      json.writeEndObject();
    });
  }

  @Override
  ItemError duplicate() {
    return new ItemError(400, "25212", "Duplicate " + CLIENT_ORDER_ID);
  }

  @Override
  ItemError insufficientMargin() {
    return new ItemError(400, "25203", "Insufficient margin");
  }

  @Override
  Reply codedFault(FaultKind kind, long now) {
    switch (kind) {
      case TIMEOUT_PLACED:
      case TIMEOUT_NOT_PLACED:
        return error(new ItemError(400, "25001", "Operation timed out"), now);
      case CLOCK_SKEW:
        return error(new ItemError(400, "40008", "Request timestamp expired"), now);
      case BUSY:
        return error(new ItemError(400, "25003", "Concurrent operation, please retry"), now);
      case AUTH_REJECTED:
        return error(new ItemError(400, "40006", "Invalid ACCESS_KEY"), now);
      case ACCOUNT_RESTRICTED:
        return error(new ItemError(400, "25008", "Account is in forced liquidation status"), now);
      case MAINTENANCE:
        return serviceUnavailablePage();
      default:
        throw new IllegalArgumentException("not a Bitget fault: " + kind);
    }
  }

  @Override
  String orderId(long sequence) {
    return String.valueOf(1_100_000_000_000_000_000L + sequence);
  }

  @Override
  String assignedClientOrderId(String orderId) {
    return "sim" + orderId;
  }
}
