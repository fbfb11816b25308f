package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.Set;

/**
 * What the exchanges' documents say about placing orders and about which endpoints are public: the placement
 * endpoints, single and batch, the client order id parameter, and the paths that take no signature.
 */
enum OrderEndpoints {
  BINANCE_USDM(Exchange.BINANCE_USDM, Set.of("/fapi/v1/order"), Set.of("/fapi/v1/batchOrders"), Set.of(),
      "newClientOrderId"),
  OKX(Exchange.OKX, Set.of("/api/v5/trade/order"), Set.of("/api/v5/trade/batch-orders"), Set.of(), "clOrdId"),
  BYBIT(Exchange.BYBIT, Set.of("/v5/order/create"), Set.of("/v5/order/create-batch"), Set.of("request"),
      "orderLinkId"),
  BITGET(Exchange.BITGET,
      Set.of("/api/v2/mix/order/place-order", "/api/v2/spot/trade/place-order", "/api/v3/trade/place-order"),
      Set.of("/api/v2/mix/order/batch-place-order", "/api/v2/spot/trade/batch-orders", "/api/v3/trade/place-batch"),
      Set.of("orderList"), "clientOid");

  /** Binance USDⓈ-M market data endpoints: security type NONE, which reject unexpected parameters. */
  private static final Set<String> BINANCE_PUBLIC = Set.of("/fapi/v1/ping", "/fapi/v1/time", "/fapi/v1/exchangeInfo",
      "/fapi/v1/depth", "/fapi/v1/trades", "/fapi/v1/aggTrades", "/fapi/v1/klines", "/fapi/v1/continuousKlines",
      "/fapi/v1/indexPriceKlines", "/fapi/v1/markPriceKlines", "/fapi/v1/premiumIndexKlines", "/fapi/v1/premiumIndex",
      "/fapi/v1/fundingRate", "/fapi/v1/fundingInfo", "/fapi/v1/ticker/24hr", "/fapi/v1/ticker/price",
      "/fapi/v2/ticker/price", "/fapi/v1/ticker/bookTicker", "/fapi/v1/openInterest", "/fapi/v1/constituents",
      "/fapi/v1/indexInfo", "/fapi/v1/assetIndex");
  /** Binance endpoints that take the API key but no signature (USER_STREAM, MARKET_DATA). */
  private static final Set<String> BINANCE_KEY_ONLY = Set.of("/fapi/v1/listenKey", "/fapi/v1/historicalTrades");

  private final Exchange exchange;
  private final Set<String> singlePaths;
  private final Set<String> batchPaths;
  private final Set<String> batchFields;
  private final String clientOrderIdParameter;

  OrderEndpoints(Exchange exchange, Set<String> singlePaths, Set<String> batchPaths, Set<String> batchFields,
      String clientOrderIdParameter) {
    this.exchange = exchange;
    this.singlePaths = singlePaths;
    this.batchPaths = batchPaths;
    this.batchFields = batchFields;
    this.clientOrderIdParameter = clientOrderIdParameter;
  }

  static OrderEndpoints of(Exchange exchange) {
    for (OrderEndpoints endpoints : values()) {
      if (endpoints.exchange == exchange) {
        return endpoints;
      }
    }
    throw new IllegalArgumentException("no order endpoints for " + exchange);
  }

  Exchange exchange() {
    return exchange;
  }

  boolean isSinglePlacement(String method, String path) {
    return "POST".equals(method) && singlePaths.contains(path);
  }

  boolean isBatchPlacement(String method, String path) {
    return "POST".equals(method) && batchPaths.contains(path);
  }

  boolean isPlacement(String method, String path) {
    return isSinglePlacement(method, path) || isBatchPlacement(method, path);
  }

  /** The top-level fields that hold a batch's orders; none when the batch is the top-level array. */
  Set<String> batchFields() {
    return batchFields;
  }

  String clientOrderIdParameter() {
    return clientOrderIdParameter;
  }

  /** Public market data: sent without credentials. */
  boolean isPublic(String path) {
    return switch (exchange) {
      case BINANCE_USDM -> BINANCE_PUBLIC.contains(path) || path.startsWith("/futures/data/");
      case OKX -> path.startsWith("/api/v5/public/") || path.startsWith("/api/v5/market/");
      case BYBIT -> path.startsWith("/v5/market/");
      case BITGET -> path.startsWith("/api/v2/public/") || path.startsWith("/api/v2/mix/market/")
          || path.startsWith("/api/v2/spot/market/") || path.startsWith("/api/v2/spot/public/")
          || path.startsWith("/api/v3/market/") || path.startsWith("/api/v3/public/");
    };
  }

  /** Binance endpoints that carry the API key header and no signature. */
  boolean isKeyOnly(String path) {
    return exchange == Exchange.BINANCE_USDM && BINANCE_KEY_ONLY.contains(path);
  }
}
