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
import java.util.function.Function;

/**
 * Binance USDⓈ-M Futures: the placement, batch placement, order lookup and server time endpoints of its specification.
 * Parameters come from the query string or a form body; the signing parameters are accepted and not checked. Errors
 * are the specification's code and message, mostly at HTTP 400; a batch answers HTTP 200 with an array mixing orders
 * and error objects.
 */
final class BinanceHandler extends ExchangeHandler {
  private static final ExchangeSpec SPEC = Exchange.BINANCE_USDM.spec();
  private static final String PLACE = SpecReads.pathUnder(SPEC.orders().singlePlacements(), "/");
  private static final String BATCH = SpecReads.pathUnder(SPEC.orders().batchPlacements(), "/");
  private static final String BATCH_PARAMETER = SPEC.orders().batch().field();
  private static final OrderLookup LOOKUP = SpecReads.lookupFor(SPEC.lookups().queries(), PLACE);
  private static final String CLIENT_ORDER_ID = SPEC.orders().clientOrderIdField();
  private static final ItemFields FIELDS = SPEC.envelope().items();
  /** The reads this exchange serves: its order lookups and its server time, by path. */
  private static final Map<String, Endpoint> READS = Map.of(
      LOOKUP.path(), Endpoint.QUERY_ORDER,
      SPEC.serverTime().path(), Endpoint.SERVER_TIME);
  private static final int MAX_BATCH = 5;

  private final BinanceRateLimits limits;

  BinanceHandler(SimulatorConfig config, FaultLog faultLog) {
    super(Exchange.BINANCE_USDM, config, faultLog);
    this.limits = new BinanceRateLimits(config, counters);
  }

  static Reply error(int status, long code, String message) {
    return Reply.json(status, Json.write(json -> writeError(json, String.valueOf(code), message)));
  }

  private static Reply error(ItemError error) {
    return Reply.json(error.httpStatus(), Json.write(json -> writeError(json, error.code(), error.message())));
  }

  private static void writeError(JsonGenerator json, String code, String message) throws IOException {
    json.writeStartObject();
    json.writeNumberField(SPEC.envelope().codeField(), Long.parseLong(code));
    json.writeStringField(SPEC.envelope().messageField(), message);
    json.writeEndObject();
  }

  private static ItemError mandatory(String name) {
    return new ItemError(400, "-1102", "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
  }

  @Override
  Endpoint route(SimRequest request) {
    return route(request, PLACE, BATCH, READS);
  }


  @Override
  List<Outcome> parsePlacement(Endpoint endpoint, SimRequest request) throws BadRequest {
    if (endpoint == Endpoint.PLACE_ORDER) {
      Outcome item = parseOrder(request::param);
      if (item.error() != null) {
        throw new BadRequest(error(item.error()));
      }
      return List.of(item);
    }
    String batch = request.param(BATCH_PARAMETER);
    if (batch == null) {
      throw new BadRequest(error(mandatory(BATCH_PARAMETER)));
    }
    List<Object> array;
    try {
      array = Json.array(Json.read(batch));
    } catch (Json.MalformedJsonException e) {
      array = null;
    }
    if (array == null || array.isEmpty() || array.size() > MAX_BATCH) {
      throw new BadRequest(error(400, -1130, "Data sent for parameter '" + BATCH_PARAMETER + "' is not valid."));
    }
    List<Outcome> items = new ArrayList<>();
    for (Object element : array) {
      Map<String, Object> object = Json.object(element);
      items.add(object == null
          ? Outcome.invalid(null, new ItemError(400, "-1130", "Data sent for parameter '" + BATCH_PARAMETER + "' is not valid."))
          : parseOrder(name -> Json.text(object, name)));
    }
    return items;
  }

  private static Outcome parseOrder(Function<String, String> param) {
    String clientOrderId = param.apply(CLIENT_ORDER_ID);
    OrderRequest order = new OrderRequest(clientOrderId, param.apply("symbol"), param.apply("side"),
        param.apply("type"), param.apply("quantity"), param.apply("price"));
    for (String name : List.of("symbol", "side", "type", "quantity")) {
      if (param.apply(name) == null) {
        return Outcome.invalid(order, mandatory(name));
      }
    }
    if ("LIMIT".equals(order.type()) && order.price() == null) {
      return Outcome.invalid(order, mandatory("price"));
    }
    if (clientOrderId != null && !SPEC.orders().clientOrderIdFormat().matcher(clientOrderId).matches()) {
      return Outcome.invalid(order, new ItemError(400, "-1100", "Illegal characters found in parameter '"
          + CLIENT_ORDER_ID + "'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'."));
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
      return error(outcome.error());
    }
    return Reply.json(200, Json.write(json -> writeOrder(json, outcome.order(), now, false)));
  }

  @Override
  Reply renderBatch(List<Outcome> outcomes, long now) {
    return Reply.json(200, Json.write(json -> {
      json.writeStartArray();
      for (Outcome outcome : outcomes) {
        if (outcome.created()) {
          writeOrder(json, outcome.order(), now, false);
        } else {
          json.writeStartObject();
          json.writeNumberField(FIELDS.code(), Long.parseLong(outcome.error().code()));
          json.writeStringField(FIELDS.message(), outcome.error().message());
          json.writeEndObject();
        }
      }
      json.writeEndArray();
    }));
  }

  private static void writeOrder(JsonGenerator json, SimulatedOrder order, long now, boolean withTime)
      throws IOException {
    boolean filled = order.status() == SimulatedOrder.Status.FILLED;
    json.writeStartObject();
    json.writeNumberField(FIELDS.orderId(), Long.parseLong(order.orderId()));
    json.writeStringField("symbol", order.symbol());
    json.writeStringField("status", order.status().name());
    json.writeStringField(FIELDS.clientOrderId(), order.clientOrderId());
    json.writeStringField("price", order.price());
    json.writeStringField("avgPrice", filled ? order.price() : "0.00");
    json.writeStringField("origQty", order.quantity());
    json.writeStringField("executedQty", filled ? order.quantity() : "0");
    json.writeStringField("cumQty", filled ? order.quantity() : "0");
    json.writeStringField("cumQuote", "0");
    json.writeStringField("timeInForce", "GTC");
    json.writeStringField("type", order.type());
    json.writeBooleanField("reduceOnly", false);
    json.writeBooleanField("closePosition", false);
    json.writeStringField("side", order.side());
    json.writeStringField("positionSide", "BOTH");
    json.writeStringField("stopPrice", "0");
    json.writeStringField("workingType", "CONTRACT_PRICE");
    json.writeBooleanField("priceProtect", false);
    json.writeStringField("origType", order.type());
    json.writeStringField("priceMatch", "NONE");
    json.writeStringField("selfTradePreventionMode", "NONE");
    json.writeNumberField("goodTillDate", 0);
    if (withTime) {
      json.writeNumberField("time", order.createdAtMillis());
    }
    json.writeNumberField("updateTime", order.createdAtMillis());
    json.writeEndObject();
  }

  @Override
  Reply query(Endpoint endpoint, SimRequest request, long now) throws BadRequest {
    String symbolParameter = SpecReads.parameter(LOOKUP, "symbol");
    String symbol = request.param(symbolParameter);
    if (symbol == null) {
      throw new BadRequest(error(mandatory(symbolParameter)));
    }
    String clientOrderId = request.param(SpecReads.clientOrderIdParameter(LOOKUP));
    String orderId = request.param(FIELDS.orderId());
    if (clientOrderId == null && orderId == null) {
      throw new BadRequest(error(400, -1102, "Param 'orderId' or '"
          + SpecReads.clientOrderIdParameter(LOOKUP) + "' must be sent, but both were empty/null!"));
    }
    Optional<SimulatedOrder> found = orderId != null ? store.byOrderId(orderId) : store.byClientOrderId(clientOrderId);
    return found.filter(order -> order.symbol().equals(symbol))
        .map(order -> Reply.json(200, Json.write(json -> writeOrder(json, order, now, true))))
        .orElseGet(() -> error(400, -2013, "Order does not exist."));
  }

  @Override
  Reply serverTime(long now) {
    return Reply.json(200, Json.write(json -> {
      json.writeStartObject();
      json.writeNumberField(SpecReads.millisecondsField(SPEC.serverTime()), now);
      json.writeEndObject();
    }));
  }

  @Override
  ItemError duplicate() {
    return new ItemError(400, "-4116", "ClientOrderId is duplicated.");
  }

  @Override
  ItemError insufficientMargin() {
    return new ItemError(400, "-2019", "Margin is insufficient.");
  }

  @Override
  Reply codedFault(FaultKind kind, long now) {
    switch (kind) {
      case BINANCE_UNKNOWN_ERROR:
        return error(503, -1000, "Unknown error, please check your request or try again later.");
      case BINANCE_SERVICE_UNAVAILABLE:
        return error(503, -1000, "Service Unavailable.");
      case BINANCE_INTERNAL_ERROR:
        return error(503, -1001, "Internal error; unable to process your request. Please try again.");
      case TIMEOUT_PLACED:
      case TIMEOUT_NOT_PLACED:
        // HTTP 408: Binance's status for a backend timeout, whose outcome the message itself says is unknown.
        return error(408, -1007,
            "Timeout waiting for response from backend server. Send status unknown; execution status unknown.");
      case CLOCK_SKEW:
        return error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
      case BUSY:
        return error(503, -1008, "Server is currently overloaded with other requests. Please try again in a few minutes.");
      case AUTH_REJECTED:
        return error(401, -2015, "Invalid API-key, IP, or permissions for action.");
      case ACCOUNT_RESTRICTED:
        return error(400, -2023, "User in liquidation mode now.");
      case MAINTENANCE:
        return error(503, -1016, "This service is no longer available.");
      default:
        throw new IllegalArgumentException("not a coded fault: " + kind);
    }
  }

  @Override
  String orderId(long sequence) {
    return String.valueOf(4_000_000_000L + sequence);
  }

  @Override
  String assignedClientOrderId(String orderId) {
    // Binance assigns a random id when none is sent; the simulator's is derived from the order id to stay reproducible.
    return "sim" + orderId;
  }
}
