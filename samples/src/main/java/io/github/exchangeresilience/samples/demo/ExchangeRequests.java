package io.github.exchangeresilience.samples.demo;

import io.github.exchangeresilience.catalog.Exchange;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** The shapes of an order placement, an order lookup and a read on each exchange, as their documents give them. */
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
    return switch (exchange) {
      case BINANCE_USDM -> {
        HttpUrl.Builder url = base.newBuilder().encodedPath("/fapi/v1/order")
            .addQueryParameter("symbol", "BTCUSDT").addQueryParameter("side", "BUY")
            .addQueryParameter("type", "LIMIT").addQueryParameter("timeInForce", "GTC")
            .addQueryParameter("quantity", quantity).addQueryParameter("price", "100");
        if (clientOrderId != null) {
          url.addQueryParameter("newClientOrderId", clientOrderId);
        }
        yield new Request.Builder().url(url.build()).post(RequestBody.create(new byte[0], null)).build();
      }
      case OKX -> post(base, "/api/v5/trade/order", "{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":"
          + "\"buy\",\"ordType\":\"limit\",\"sz\":\"" + quantity + "\",\"px\":\"100\""
          + jsonField("clOrdId", clientOrderId) + "}");
      case BYBIT -> post(base, "/v5/order/create", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\","
          + "\"orderType\":\"Limit\",\"qty\":\"" + quantity + "\",\"price\":\"100\""
          + jsonField("orderLinkId", clientOrderId) + "}");
      case BITGET -> post(base, "/api/v2/mix/order/place-order", "{\"symbol\":\"BTCUSDT\",\"productType\":"
          + "\"USDT-FUTURES\",\"marginMode\":\"crossed\",\"marginCoin\":\"USDT\",\"side\":\"buy\",\"orderType\":"
          + "\"limit\",\"size\":\"" + quantity + "\",\"price\":\"100\"" + jsonField("clientOid", clientOrderId) + "}");
    };
  }

  private static String jsonField(String name, String value) {
    return value == null ? "" : ",\"" + name + "\":\"" + value + "\"";
  }

  /** Looks an order up by its client order id. */
  public static Request lookUpOrder(Exchange exchange, HttpUrl base, String clientOrderId) {
    HttpUrl.Builder url = base.newBuilder();
    switch (exchange) {
      case BINANCE_USDM -> url.encodedPath("/fapi/v1/order").addQueryParameter("symbol", "BTCUSDT")
          .addQueryParameter("origClientOrderId", clientOrderId);
      case OKX -> url.encodedPath("/api/v5/trade/order").addQueryParameter("instId", "BTC-USDT-SWAP")
          .addQueryParameter("clOrdId", clientOrderId);
      case BYBIT -> url.encodedPath("/v5/order/realtime").addQueryParameter("category", "linear")
          .addQueryParameter("symbol", "BTCUSDT").addQueryParameter("orderLinkId", clientOrderId);
      case BITGET -> url.encodedPath("/api/v2/mix/order/detail").addQueryParameter("symbol", "BTCUSDT")
          .addQueryParameter("productType", "USDT-FUTURES").addQueryParameter("clientOid", clientOrderId);
    }
    return new Request.Builder().url(url.build()).build();
  }

  /** The exchange's server time: a cheap, idempotent read. */
  public static Request serverTime(Exchange exchange, HttpUrl base) {
    String path = switch (exchange) {
      case BINANCE_USDM -> "/fapi/v1/time";
      case OKX -> "/api/v5/public/time";
      case BYBIT -> "/v5/market/time";
      case BITGET -> "/api/v2/public/time";
    };
    return new Request.Builder().url(base.newBuilder().encodedPath(path).build()).build();
  }

  private static Request post(HttpUrl base, String path, String json) {
    return new Request.Builder().url(base.newBuilder().encodedPath(path).build())
        .post(RequestBody.create(json, JSON)).build();
  }
}
