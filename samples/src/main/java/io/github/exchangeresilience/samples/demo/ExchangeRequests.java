package io.github.exchangeresilience.samples.demo;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.BitgetSpec;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.OrderLookup;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The shapes of an order placement, an order lookup and a read on each exchange, as their documents give them: the
 * order's own fields here, every path, client order id field and lookup parameter from the exchange's specification.
 */
public final class ExchangeRequests {
  private static final MediaType JSON = MediaType.get("application/json");

  private ExchangeRequests() {}

  /** A limit order to buy 1 BTC-USDT perpetual at 100, carrying {@code clientOrderId}. */
  public static Request placeOrder(Exchange exchange, HttpUrl base, String clientOrderId) {
    return placeOrder(exchange, base, clientOrderId, "1");
  }

  /**
   * A limit order to buy {@code quantity} BTC-USDT perpetual at 100, carrying {@code clientOrderId}, or none when it is
   * {@code null} (the exchange then makes one up, and a resend is a new order).
   */
  public static Request placeOrder(Exchange exchange, HttpUrl base, String clientOrderId, String quantity) {
    ExchangeSpec spec = exchange.spec();
    Map<String, String> order = order(exchange, quantity);
    if (clientOrderId != null) {
      order.put(spec.orders().clientOrderIdField(), clientOrderId);
    }
    HttpUrl.Builder url = base.newBuilder().encodedPath(placementPath(exchange));
    if (exchange == Exchange.BINANCE_USDM) {
      // Binance takes an order's parameters in the query or a form body, not JSON.
      order.forEach(url::addQueryParameter);
      return new Request.Builder().url(url.build()).post(RequestBody.create(new byte[0], null)).build();
    }
    return new Request.Builder().url(url.build()).post(RequestBody.create(json(order), JSON)).build();
  }

  /**
   * The fields of the demo's order, in the order each exchange's "place order" page lists them, without the client
   * order id.
   */
  public static Map<String, String> order(Exchange exchange, String quantity) {
    Map<String, String> order = new LinkedHashMap<>();
    switch (exchange) {
      case BINANCE_USDM -> {
        order.put("symbol", "BTCUSDT");
        order.put("side", "BUY");
        order.put("type", "LIMIT");
        order.put("timeInForce", "GTC");
        order.put("quantity", quantity);
        order.put("price", "100");
      }
      case OKX -> {
        order.put("instId", "BTC-USDT-SWAP");
        order.put("tdMode", "cross");
        order.put("side", "buy");
        order.put("ordType", "limit");
        order.put("sz", quantity);
        order.put("px", "100");
      }
      case BYBIT -> {
        order.put("category", "linear");
        order.put("symbol", "BTCUSDT");
        order.put("side", "Buy");
        order.put("orderType", "Limit");
        order.put("qty", quantity);
        order.put("price", "100");
      }
      case BITGET -> {
        order.put("symbol", "BTCUSDT");
        order.put("productType", "USDT-FUTURES");
        order.put("marginMode", "crossed");
        order.put("marginCoin", "USDT");
        order.put("side", "buy");
        order.put("orderType", "limit");
        order.put("size", quantity);
        order.put("price", "100");
      }
    }
    return order;
  }

  /**
   * The demo's order as the exchange's WebSocket placement takes it, without a client order id: the REST order's
   * fields, but for Bitget, whose unified account names the product line and the quantity its own way.
   */
  public static Map<String, Object> webSocketOrder(Exchange exchange, String quantity) {
    Map<String, Object> order = new LinkedHashMap<>();
    if (exchange == Exchange.BITGET) {
      order.put("category", "usdt-futures");
      order.put("symbol", "BTCUSDT");
      order.put("side", "buy");
      order.put("orderType", "limit");
      order.put("qty", quantity);
      order.put("price", "100");
    } else {
      order.putAll(order(exchange, quantity));
    }
    return order;
  }

  /** Where the demo's order goes: the exchange's single placement (Bitget's futures one). */
  public static String placementPath(Exchange exchange) {
    String product = exchange == Exchange.BITGET ? BitgetSpec.FUTURES_V2 : "/";
    return exchange.spec().orders().singlePlacements().stream()
        .filter(path -> path.startsWith(product))
        .findFirst()
        .orElseThrow();
  }

  /** Looks an order up by its client order id, with the first lookup the specification documents for it. */
  public static Request lookUpOrder(Exchange exchange, HttpUrl base, String clientOrderId) {
    String placement = placementPath(exchange);
    OrderLookup lookup = exchange.spec().lookups().queries().stream()
        .filter(query -> query.appliesTo(placement))
        .findFirst()
        .orElseThrow();
    Map<String, String> order = order(exchange, "1");
    HttpUrl.Builder url = base.newBuilder().encodedPath(lookup.path());
    for (OrderLookup.Parameter parameter : lookup.parameters()) {
      String value = parameter.orderField() == null ? clientOrderId : order.get(parameter.orderField());
      if (value != null) {
        url.addQueryParameter(parameter.name(), value);
      }
    }
    return new Request.Builder().url(url.build()).build();
  }

  /** The exchange's server time: a cheap, idempotent read. */
  public static Request serverTime(Exchange exchange, HttpUrl base) {
    return new Request.Builder().url(base.newBuilder().encodedPath(exchange.spec().serverTime().path()).build())
        .build();
  }

  private static String json(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach((name, value) -> json.append(json.length() == 1 ? "" : ",")
        .append('"').append(name).append("\":\"").append(value).append('"'));
    return json.append('}').toString();
  }
}
