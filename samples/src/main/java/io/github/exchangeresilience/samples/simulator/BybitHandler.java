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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Bybit v5: the placement and batch placement endpoints of its specification, its two lookups (open orders first,
 * closed ones too with {@code openOnly=1}; then the history of filled orders) and its server time. Every API answer is
 * HTTP 200 with the specification's code and message, a {@code result} and a {@code retExtInfo} object and the time;
 * a batch reports each item's code in {@code retExtInfo.list} at the item's index.
 */
final class BybitHandler extends ExchangeHandler {
  private static final ExchangeSpec SPEC = Exchange.BYBIT.spec();
  private static final String PLACE = SpecReads.pathUnder(SPEC.orders().singlePlacements(), "/");
  private static final String BATCH = SpecReads.pathUnder(SPEC.orders().batchPlacements(), "/");
  private static final String BATCH_FIELD = SPEC.orders().batch().field();
  /** The specification lists the open orders' lookup first, then the history's. */
  private static final OrderLookup OPEN_ORDERS = SPEC.lookups().queries().get(0);
  private static final OrderLookup HISTORY = SPEC.lookups().queries().get(1);
  private static final String CLIENT_ORDER_ID = SPEC.orders().clientOrderIdField();
  private static final ItemFields FIELDS = SPEC.envelope().items();
  /** The reads this exchange serves: its order lookups and its server time, by path. */
  private static final Map<String, Endpoint> READS = Map.of(
      OPEN_ORDERS.path(), Endpoint.QUERY_ORDER,
      HISTORY.path(), Endpoint.ORDER_HISTORY,
      SPEC.serverTime().path(), Endpoint.SERVER_TIME);
  private static final int MAX_BATCH = 20;
  private static final int MAX_LINK_ID = 36;

  private final BybitRateLimits limits;

  BybitHandler(SimulatorConfig config, FaultLog faultLog) {
    super(Exchange.BYBIT, config, faultLog);
    this.limits = new BybitRateLimits(config, counters);
  }

  /** The envelope around a result; {@code result} writes the result object's members. */
  private static Reply envelope(long retCode, String retMsg, long now, Json.Body result, Json.Body extInfo) {
    return Reply.json(200, Json.write(json -> {
      json.writeStartObject();
      json.writeNumberField(SPEC.envelope().codeField(), retCode);
      json.writeStringField(SPEC.envelope().messageField(), retMsg);
      json.writeObjectFieldStart("result");
      result.write(json);
      json.writeEndObject();
      json.writeObjectFieldStart("retExtInfo");
      extInfo.write(json);
      json.writeEndObject();
      json.writeNumberField(SpecReads.millisecondsField(SPEC.serverTime()), now);
      json.writeEndObject();
    }));
  }

  private static final Json.Body NOTHING = json -> {};

  static Reply error(ItemError error, long now) {
    return envelope(Long.parseLong(error.code()), error.message(), now, NOTHING, NOTHING);
  }

  private static Reply paramError(String detail, long now) {
    return error(new ItemError(200, "10001", "params error: " + detail), now);
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
      throw new BadRequest(error(new ItemError(200, "10001", "Request parameter error"), now));
    }
    if (Json.text(body, "category") == null) {
      throw new BadRequest(paramError("category is required", now));
    }
    if (endpoint == Endpoint.PLACE_ORDER) {
      Outcome item = parseOrder(body);
      if (item.error() != null) {
        throw new BadRequest(error(item.error(), now));
      }
      return List.of(item);
    }
    List<Object> requests = Json.array(body.get(BATCH_FIELD));
    if (requests == null || requests.isEmpty() || requests.size() > MAX_BATCH) {
      throw new BadRequest(paramError(BATCH_FIELD + " must hold 1 to " + MAX_BATCH + " orders", now));
    }
    List<Outcome> items = new ArrayList<>();
    for (Object element : requests) {
      Map<String, Object> object = Json.object(element);
      items.add(object == null ? Outcome.invalid(null, new ItemError(200, "10001", "Request parameter error"))
          : parseOrder(object));
    }
    return items;
  }

  private static Outcome parseOrder(Map<String, Object> object) {
    String linkId = Json.text(object, CLIENT_ORDER_ID);
    OrderRequest order = new OrderRequest(linkId == null || linkId.isEmpty() ? null : linkId,
        Json.text(object, "symbol"), Json.text(object, "side"), Json.text(object, "orderType"),
        Json.text(object, "qty"), Json.text(object, "price"));
    for (String name : List.of("symbol", "side", "orderType", "qty")) {
      if (Json.text(object, name) == null || Json.text(object, name).isEmpty()) {
        return Outcome.invalid(order, new ItemError(200, "10001", "params error: " + name + " is required"));
      }
    }
    if (!order.isMarket() && order.price() == null) {
      return Outcome.invalid(order, new ItemError(200, "10001", "params error: price is required for Limit orders"));
    }
    if (order.clientOrderId() != null && order.clientOrderId().length() > MAX_LINK_ID) {
      return Outcome.invalid(order, new ItemError(200, "10001", "params error: " + CLIENT_ORDER_ID + " is too long"));
    }
    return Outcome.pending(order);
  }

  @Override
  Reply admit(Endpoint endpoint, SimRequest request, int units, long now) {
    return limits.admit(endpoint, units, now);
  }

  @Override
  void addRateHeaders(Reply reply, Endpoint endpoint, long now) {
    limits.addHeaders(reply, endpoint, now);
  }

  @Override
  Reply renderPlacement(Outcome outcome, long now) {
    if (!outcome.created()) {
      return error(outcome.error(), now);
    }
    return envelope(0, "OK", now, json -> {
      json.writeStringField(FIELDS.orderId(), outcome.order().orderId());
      json.writeStringField(FIELDS.clientOrderId(), outcome.order().clientOrderId());
    }, NOTHING);
  }

  @Override
  Reply renderBatch(List<Outcome> outcomes, long now) {
    return envelope(0, "OK", now, json -> {
      json.writeArrayFieldStart("list");
      for (Outcome outcome : outcomes) {
        json.writeStartObject();
        json.writeStringField("category", "linear");
        json.writeStringField("symbol", outcome.request() == null ? "" : outcome.request().symbol());
        json.writeStringField(FIELDS.orderId(), outcome.created() ? outcome.order().orderId() : "");
        json.writeStringField(FIELDS.clientOrderId(), outcome.clientOrderId());
        json.writeStringField("createAt", outcome.created() ? String.valueOf(outcome.order().createdAtMillis()) : "");
        json.writeEndObject();
      }
      json.writeEndArray();
    }, json -> {
      json.writeArrayFieldStart("list");
      for (Outcome outcome : outcomes) {
        json.writeStartObject();
        json.writeNumberField(FIELDS.code(), outcome.created() ? 0 : Long.parseLong(outcome.error().code()));
        json.writeStringField(FIELDS.message(), outcome.created() ? "OK" : outcome.error().message());
        json.writeEndObject();
      }
      json.writeEndArray();
    });
  }

  @Override
  Reply query(Endpoint endpoint, SimRequest request, long now) throws BadRequest {
    OrderLookup lookup = endpoint == Endpoint.ORDER_HISTORY ? HISTORY : OPEN_ORDERS;
    String categoryParameter = SpecReads.parameter(lookup, "category");
    String category = request.param(categoryParameter);
    if (category == null) {
      throw new BadRequest(paramError(categoryParameter + " is required", now));
    }
    Predicate<SimulatedOrder> open = o -> o.status() == SimulatedOrder.Status.NEW;
    Predicate<SimulatedOrder> wanted = endpoint == Endpoint.ORDER_HISTORY ? open.negate()
        : "1".equals(request.param("openOnly")) ? o -> true : open;
    String linkId = request.param(SpecReads.clientOrderIdParameter(lookup));
    wanted = wanted.and(matches(request.param(SpecReads.parameter(lookup, "symbol")), SimulatedOrder::symbol))
        .and(matches(linkId, SimulatedOrder::clientOrderId))
        .and(matches(request.param(FIELDS.orderId()), SimulatedOrder::orderId));
    // By client order id the store answers directly, so reconciliation stays cheap however many orders a run created.
    List<SimulatedOrder> candidates = linkId != null ? store.byClientOrderId(linkId).stream().toList() : store.all();
    List<SimulatedOrder> found = candidates.stream().filter(wanted).toList();
    return envelope(0, "OK", now, json -> {
      json.writeArrayFieldStart("list");
      for (SimulatedOrder order : found) {
        writeOrder(json, order);
      }
      json.writeEndArray();
      json.writeStringField("nextPageCursor", "");
      json.writeStringField("category", category);
    }, NOTHING);
  }

  private static Predicate<SimulatedOrder> matches(String wanted, java.util.function.Function<SimulatedOrder, String> field) {
    return order -> wanted == null || wanted.equals(field.apply(order));
  }

  private static void writeOrder(JsonGenerator json, SimulatedOrder order) throws IOException {
    boolean filled = order.status() == SimulatedOrder.Status.FILLED;
    json.writeStartObject();
    json.writeStringField(FIELDS.orderId(), order.orderId());
    json.writeStringField(FIELDS.clientOrderId(), order.clientOrderId());
    json.writeStringField("symbol", order.symbol());
    json.writeStringField("price", order.price());
    json.writeStringField("qty", order.quantity());
    json.writeStringField("side", order.side());
    json.writeStringField("orderStatus", filled ? "Filled" : "New");
    json.writeStringField("orderType", order.type());
    json.writeStringField("timeInForce", filled ? "IOC" : "GTC");
    json.writeStringField("cumExecQty", filled ? order.quantity() : "0");
    json.writeStringField("leavesQty", filled ? "0" : order.quantity());
    json.writeStringField("avgPrice", filled ? order.price() : "");
    json.writeStringField("createdTime", String.valueOf(order.createdAtMillis()));
    json.writeStringField("updatedTime", String.valueOf(order.createdAtMillis()));
    json.writeEndObject();
  }

  @Override
  Reply serverTime(long now) {
    return envelope(0, "OK", now, json -> {
      json.writeStringField("timeSecond", String.valueOf(now / 1000));
      json.writeStringField(SpecReads.timeField(SPEC.serverTime(), TimeUnit.NANOSECONDS),
          String.valueOf(now * 1_000_000));
    }, NOTHING);
  }

  @Override
  ItemError duplicate() {
    return new ItemError(200, "110072", "OrderLinkedID is duplicate");
  }

  @Override
  ItemError insufficientMargin() {
    return new ItemError(200, "110007", "Available balance is insufficient");
  }

  @Override
  Reply codedFault(FaultKind kind, long now) {
    switch (kind) {
      case TIMEOUT_PLACED:
      case TIMEOUT_NOT_PLACED:
        return error(new ItemError(200, "10000", "Server Timeout"), now);
      case CLOCK_SKEW:
        return error(new ItemError(200, "10002", "invalid request, please check your server timestamp or recv_window "
            + "param. req_timestamp[" + (now - 10_000) + "],server_timestamp[" + now + "],recv_window[5000]"), now);
      case BUSY:
        return error(new ItemError(200, "110079",
            "The order is processing and can not be operated, please try again later"), now);
      case AUTH_REJECTED:
        return error(new ItemError(401, "10003", "API key is invalid."), now);
      case ACCOUNT_RESTRICTED:
        return error(new ItemError(200, "10027", "Transactions are banned."), now);
      case MAINTENANCE:
        return serviceUnavailablePage();
      default:
        throw new IllegalArgumentException("not a Bybit fault: " + kind);
    }
  }

  @Override
  String orderId(long sequence) {
    // Bybit's order ids are UUIDs; derived from the seed and sequence so a run is reproducible.
    return java.util.UUID.nameUUIDFromBytes(("bybit-" + config.seed() + "-" + sequence)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
  }
}
