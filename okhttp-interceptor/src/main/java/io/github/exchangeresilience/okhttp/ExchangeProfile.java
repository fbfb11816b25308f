package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the exchanges' documents say about their REST APIs beyond error codes: hosts, documented rate budgets, order
 * placement endpoints, the client order id parameter and the API key header.
 */
enum ExchangeProfile {
  BINANCE_USDM(Exchange.BINANCE_USDM,
      Set.of("fapi.binance.com", "testnet.binancefuture.com", "demo-fapi.binance.com"),
      // Binance USD-M: 2400 request weight per minute per IP; 1200 orders per minute per account.
      List.of(RateBudget.allRequests("ip", 2400, Duration.ofMinutes(1)),
          RateBudget.orderPlacements("orders", 1200, Duration.ofMinutes(1))),
      Set.of("/fapi/v1/order", "/fapi/v1/batchOrders"),
      // Binance cancels with DELETE, which is idempotent already.
      Set.of(),
      "newClientOrderId", Set.of("-4116"), "X-MBX-APIKEY"),
  OKX(Exchange.OKX,
      Set.of("www.okx.com", "okx.com", "aws.okx.com", "eea.okx.com", "us.okx.com", "app.okx.com"),
      // OKX: order placement 60 requests per 2 seconds.
      List.of(RateBudget.orderPlacements("orders", 60, Duration.ofSeconds(2))),
      Set.of("/api/v5/trade/order", "/api/v5/trade/batch-orders"),
      Set.of("/api/v5/trade/cancel-order", "/api/v5/trade/cancel-batch-orders"),
      "clOrdId", Set.of("51016"), "OK-ACCESS-KEY"),
  BYBIT(Exchange.BYBIT,
      Set.of("api.bybit.com", "api.bytick.com", "api-testnet.bybit.com", "api-demo.bybit.com"),
      // Bybit: 600 requests per 5 seconds per IP; 10 order creations per second per account.
      List.of(RateBudget.allRequests("ip", 600, Duration.ofSeconds(5)),
          RateBudget.orderPlacements("orders", 10, Duration.ofSeconds(1))),
      Set.of("/v5/order/create", "/v5/order/create-batch"),
      Set.of("/v5/order/cancel", "/v5/order/cancel-batch", "/v5/order/cancel-all"),
      "orderLinkId", Set.of("110072"), "X-BAPI-API-KEY"),
  BITGET(Exchange.BITGET,
      Set.of("api.bitget.com"),
      // Bitget: 10 order placements per second per account.
      List.of(RateBudget.orderPlacements("orders", 10, Duration.ofSeconds(1))),
      Set.of("/api/v2/mix/order/place-order", "/api/v2/mix/order/batch-place-order",
          "/api/v2/spot/trade/place-order", "/api/v2/spot/trade/batch-orders",
          "/api/v3/trade/place-order", "/api/v3/trade/place-batch"),
      Set.of("/api/v2/mix/order/cancel-order", "/api/v2/spot/trade/cancel-order", "/api/v3/trade/cancel-order"),
      "clientOid", Set.of("25212"), "ACCESS-KEY");

  private final Exchange exchange;
  private final Set<String> hosts;
  private final List<RateBudget> budgets;
  private final Set<String> orderPlacementPaths;
  private final Set<String> idempotentPostPaths;
  private final String clientOrderIdParameter;
  private final Set<String> duplicateClientOrderIdCodes;
  private final String apiKeyHeader;

  ExchangeProfile(Exchange exchange, Set<String> hosts, List<RateBudget> budgets, Set<String> orderPlacementPaths,
      Set<String> idempotentPostPaths, String clientOrderIdParameter, Set<String> duplicateClientOrderIdCodes,
      String apiKeyHeader) {
    this.exchange = exchange;
    this.hosts = hosts;
    this.budgets = budgets;
    this.orderPlacementPaths = orderPlacementPaths;
    this.idempotentPostPaths = idempotentPostPaths;
    this.clientOrderIdParameter = clientOrderIdParameter;
    this.duplicateClientOrderIdCodes = duplicateClientOrderIdCodes;
    this.apiKeyHeader = apiKeyHeader;
  }

  static ExchangeProfile of(Exchange exchange) {
    for (ExchangeProfile profile : values()) {
      if (profile.exchange == exchange) {
        return profile;
      }
    }
    throw new IllegalArgumentException("no profile for " + exchange);
  }

  /** The exchange a host belongs to, matching its documented production, testnet and demo hosts. */
  static Optional<Exchange> exchangeForHost(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    for (ExchangeProfile profile : values()) {
      if (profile.hosts.contains(lower)) {
        return Optional.of(profile.exchange);
      }
    }
    return Optional.empty();
  }

  Exchange exchange() {
    return exchange;
  }

  List<RateBudget> budgets() {
    return budgets;
  }

  Set<String> orderPlacementPaths() {
    return orderPlacementPaths;
  }

  Set<String> idempotentPostPaths() {
    return idempotentPostPaths;
  }

  String clientOrderIdParameter() {
    return clientOrderIdParameter;
  }

  /**
   * The codes by which the exchange refuses an order because its client order id is taken: the order exists (Binance
   * -4116, OKX 51016, Bybit 110072, Bitget 25212).
   */
  Set<String> duplicateClientOrderIdCodes() {
    return duplicateClientOrderIdCodes;
  }

  String apiKeyHeader() {
    return apiKeyHeader;
  }
}
