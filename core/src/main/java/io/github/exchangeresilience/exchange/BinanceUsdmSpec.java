package io.github.exchangeresilience.exchange;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.BinanceUsdmDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Binance USDⓈ-M Futures, from its general API information, "New Order", "Place Multiple Orders", "Query Order",
 * "Check Server Time" and signed-endpoint pages (developers.binance.com/docs/derivatives/usds-margined-futures).
 *
 * <p>Its WebSocket API, from "WebSocket API General Info"
 * (developers.binance.com/docs/derivatives/usds-margined-futures/websocket-api-general-info: endpoints, the 24-hour
 * connection, ping frames every 3 minutes, parameters signed sorted by name, {@code status}/{@code result}/{@code
 * error}/{@code rateLimits}; {@code session.logon} takes Ed25519 keys only, so an HMAC key signs each request) and
 * "New Order", "Cancel Order", "Query Order" (.../trade/websocket-api, .../trade/websocket-api/Cancel-Order,
 * .../trade/websocket-api/Query-Order). A refusal's {@code error.data.retryAfter} and {@code serverTime} are as the
 * WebSocket API's "Rate limits" page describes them (developers.binance.com/docs/binance-spot-api-docs/websocket-api/
 * rate-limits).
 */
public final class BinanceUsdmSpec {
  private static final String ORDER = "/fapi/v1/order";

  /** Binance's market data endpoints: security type NONE, which reject unexpected parameters. */
  private static final Set<String> PUBLIC = Set.of("/fapi/v1/ping", "/fapi/v1/time", "/fapi/v1/exchangeInfo",
      "/fapi/v1/depth", "/fapi/v1/trades", "/fapi/v1/aggTrades", "/fapi/v1/klines", "/fapi/v1/continuousKlines",
      "/fapi/v1/indexPriceKlines", "/fapi/v1/markPriceKlines", "/fapi/v1/premiumIndexKlines", "/fapi/v1/premiumIndex",
      "/fapi/v1/fundingRate", "/fapi/v1/fundingInfo", "/fapi/v1/ticker/24hr", "/fapi/v1/ticker/price",
      "/fapi/v2/ticker/price", "/fapi/v1/ticker/bookTicker", "/fapi/v1/openInterest", "/fapi/v1/constituents",
      "/fapi/v1/indexInfo", "/fapi/v1/assetIndex");

  public static final ExchangeSpec SPEC = ExchangeSpec.builder(Exchange.BINANCE_USDM)
      .hosts(new Hosts(List.of("fapi.binance.com"), List.of("testnet.binancefuture.com"),
          List.of("demo-fapi.binance.com")))
      // An error is {"code":-1003,"msg":"..."}; a success has no code, or code 200 or 0 ("cancel all" answers).
      .envelope(new Envelope("code", "msg", Set.of("0", "200"),
          new ItemFields("code", "msg", "clientOrderId", "orderId")), BinanceUsdmDecoder::new)
      .orders(new Orders("newClientOrderId", Pattern.compile("[.A-Z:/a-z0-9_-]{1,36}"),
          Set.of(ORDER), Set.of("/fapi/v1/batchOrders"), BatchFormat.formParameter("batchOrders"),
          // Binance cancels with DELETE, which is idempotent already.
          Set.of(),
          // -4116 "ClientOrderId is duplicated."
          Set.of("-4116")))
      .lookups(new Lookups(List.of(new OrderLookup("/", ORDER, List.of(
              OrderLookup.Parameter.required("symbol", "symbol"),
              OrderLookup.Parameter.clientOrderId("origClientOrderId")))),
          // -2013 "Order does not exist."; a found order is the order object itself, never an empty list.
          Set.of("-2013"), List.of()))
      // "Query Order" answers with the order object "New Order" answers with.
      .placementAnswer(PlacementAnswer.AS_LOOKED_UP)
      .serverTime(new ServerTime("/fapi/v1/time",
          List.of(new ServerTime.Field(List.of("serverTime"), TimeUnit.MILLISECONDS))))
      .signing(new Signing("X-MBX-APIKEY", null, null, null, null, null, null, null,
          "signature", "timestamp", "recvWindow", PUBLIC, List.of("/futures/data/"),
          // USER_STREAM and MARKET_DATA endpoints: the API key, no signature.
          Set.of("/fapi/v1/listenKey", "/fapi/v1/historicalTrades"),
          // "recvWindow ... defaults to 5000 milliseconds" (signed endpoint security, timing security).
          Duration.ofSeconds(5)))
      // 2400 request weight per minute per IP; 1200 orders per minute per account.
      .budgets(List.of(RateBudget.allRequests("ip", 2400, Duration.ofMinutes(1)),
          RateBudget.orderPlacements("orders", 1200, Duration.ofMinutes(1))))
      .rateLimitHeaders(new RateLimitHeaders(Map.of(
              "X-MBX-USED-WEIGHT-1M", "weight-1m",
              "X-MBX-ORDER-COUNT-10S", "orders-10s",
              "X-MBX-ORDER-COUNT-1M", "orders-1m",
              "X-MBX-ORDER-COUNT-1H", "orders-1h",
              "X-MBX-ORDER-COUNT-1D", "orders-1d"),
          Map.of(), Map.of(), null))
      // 418 after ignoring 429s: the IP is banned, for as long as Retry-After says; -1003 and the 418 and 429
      // answers may say "IP banned until <epoch ms>". 403: the WAF limit was violated (general info), a block of
      // the same family, lasting as Retry-After says.
      .banRules(new BanRules(Set.of("-1003"), Set.of(418, 429),
          Map.of(418, BanRules.AS_RETRY_AFTER, 403, BanRules.AS_RETRY_AFTER), Map.of()))
      .metricEndpoints(Set.of("/fapi/v1/exchangeInfo", "/fapi/v2/account", "/fapi/v2/balance", "/fapi/v1/openOrders",
          "/fapi/v1/allOpenOrders"))
      .webSocket(new WebSocketApi(
          new WebSocketApi.Urls("wss://ws-fapi.binance.com/ws-fapi/v1", "wss://testnet.binancefuture.com/ws-fapi/v1",
              null),
          new WebSocketApi.Requests("id", "method", Map.of(), "params", false, "order.place", "order.cancel",
              "order.status", ORDER, Set.of(), null, true, "apiKey"),
          null,
          new WebSocketApi.KeepAlive(WebSocketApi.KeepAlive.Kind.PROTOCOL, null, null, Duration.ofMinutes(3),
              Duration.ofHours(24)),
          new WebSocketApi.Frames(List.of(), "status", List.of("result", "error"), null,
              new WebSocketApi.RateLimits("rateLimits", "rateLimitType", "interval", "intervalNum", "count",
                  Map.of("REQUEST_WEIGHT", "X-MBX-USED-WEIGHT-", "ORDERS", "X-MBX-ORDER-COUNT-")),
              new WebSocketApi.RetryAfter(List.of("error", "data", "retryAfter"),
                  List.of("error", "data", "serverTime")),
              null, null, Set.of())))
      .build();

  private BinanceUsdmSpec() {}
}
