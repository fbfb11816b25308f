package io.github.exchangeresilience.exchange;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.BybitDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Bybit v5, from bybit-exchange.github.io/docs/v5: "Place Order", "Batch Place Order", "Get Open &amp; Closed
 * Orders", "Get Order History", "Get Bybit Server Time", "Integration Guidance" (signing) and "Rate Limit Rules".
 *
 * <p>Its order-entry WebSocket, from "Websocket Trade Guideline" (bybit-exchange.github.io/docs/v5/websocket/trade/
 * guideline: endpoints, {@code auth}, {@code order.create}/{@code order.cancel} with a {@code header} of the signing
 * timestamp, answers with {@code retCode}/{@code retMsg} and a {@code header} of {@code X-Bapi-Limit*} fields, 10019
 * "ws trade service is restarting, do not accept new request ... You can build new connection"; demo trading is not
 * supported) and "Connect" (bybit-exchange.github.io/docs/v5/ws/connect: the signature of {@code GET/realtime} + the
 * expiry in milliseconds, a {@code ping} op every 20 seconds). There is no status operation: the REST lookups
 * reconcile.
 */
public final class BybitSpec {
  private static final String ORDER = "/v5/order/create";

  public static final ExchangeSpec SPEC = ExchangeSpec.builder(Exchange.BYBIT)
      .hosts(new Hosts(List.of("api.bybit.com", "api.bytick.com"), List.of("api-testnet.bybit.com"),
          List.of("api-demo.bybit.com")))
      // {"retCode":0,"retMsg":"OK","result":{},"retExtInfo":{}}; batch items: retExtInfo.list[] code/msg, with
      // result.list[] orderLinkId/orderId at the same index.
      .envelope(new Envelope("retCode", "retMsg", Set.of("0"),
          new ItemFields("code", "msg", "orderLinkId", "orderId")), BybitDecoder::new)
      // orderLinkId: letters, digits, dashes and underscores, up to 36.
      .orders(new Orders("orderLinkId", Pattern.compile("[A-Za-z0-9_-]{1,36}"), Set.of(ORDER),
          Set.of("/v5/order/create-batch"), BatchFormat.jsonField("request"),
          Set.of("/v5/order/cancel", "/v5/order/cancel-batch", "/v5/order/cancel-all"),
          // 110072 "OrderLinkedID is duplicate"; 170141 "Duplicate clientOrderId" (spot)
          Set.of("110072", "170141")))
      // Open orders first, then the history, where a filled or cancelled order soon moves.
      .lookups(new Lookups(List.of(
              new OrderLookup("/", "/v5/order/realtime", List.of(
                  OrderLookup.Parameter.required("category", "category"),
                  OrderLookup.Parameter.optional("symbol", "symbol"),
                  OrderLookup.Parameter.clientOrderId("orderLinkId"))),
              new OrderLookup("/", "/v5/order/history", List.of(
                  OrderLookup.Parameter.required("category", "category"),
                  OrderLookup.Parameter.optional("symbol", "symbol"),
                  OrderLookup.Parameter.clientOrderId("orderLinkId")))),
          // 110001 "Order does not exist", or an empty result.list.
          Set.of("110001"), List.of("result", "list")))
      // "Place Order": the order's two ids in result.
      .placementAnswer(PlacementAnswer.of("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":\"{orderId}\","
          + "\"orderLinkId\":\"{orderLinkId}\"},\"retExtInfo\":{}}"))
      .serverTime(new ServerTime("/v5/market/time", List.of(
          new ServerTime.Field(List.of("result", "timeNano"), TimeUnit.NANOSECONDS),
          new ServerTime.Field(List.of("time"), TimeUnit.MILLISECONDS))))
      .signing(new Signing("X-BAPI-API-KEY", "X-BAPI-SIGN", "X-BAPI-TIMESTAMP", null, "X-BAPI-RECV-WINDOW", null,
          null, null, null, null, null, Set.of(), List.of("/v5/market/"), Set.of(),
          // Integration Guidance: X-BAPI-RECV-WINDOW defaults to 5000 ms; a request is accepted while
          // server_time - recv_window <= timestamp.
          Duration.ofSeconds(5)))
      // 600 requests per 5 seconds per IP; 10 order creations per second per account.
      .budgets(List.of(RateBudget.allRequests("ip", 600, Duration.ofSeconds(5)),
          RateBudget.orderPlacements("orders", 10, Duration.ofSeconds(1))))
      .rateLimitHeaders(new RateLimitHeaders(Map.of(), Map.of("X-Bapi-Limit-Status", "requests"),
          Map.of("X-Bapi-Limit", "requests"), "X-Bapi-Limit-Reset-Timestamp"))
      // "403 access too frequent": the IP is banned for at least ten minutes; 10009 "IP has been banned" is that ban
      // said in a body, and names no end either.
      .banRules(new BanRules(Set.of(), Set.of(), Map.of(403, Duration.ofMinutes(10)),
          Map.of("10009", Duration.ofMinutes(10))))
      .metricEndpoints(Set.of("/v5/account/wallet-balance"))
      // The page's example signs an expiry one second ahead; five keep a slow network from expiring it on the way.
      .webSocket(new WebSocketApi(
          new WebSocketApi.Urls("wss://stream.bybit.com/v5/trade", "wss://stream-testnet.bybit.com/v5/trade", null),
          new WebSocketApi.Requests("reqId", "op", Map.of(), "args", true, "order.create", "order.cancel", null, ORDER,
              Set.of(), "header", false, null),
          new WebSocketApi.Login("op", "auth", "args", false, null, null, null, null, "GET", "/realtime", false,
              TimeUnit.MILLISECONDS, Duration.ofSeconds(5), false),
          new WebSocketApi.KeepAlive(WebSocketApi.KeepAlive.Kind.JSON, "{\"op\":\"ping\"}", "pong",
              Duration.ofSeconds(20), null),
          new WebSocketApi.Frames(List.of("op"), null, List.of(), "header", null, null, null, null,
              Set.of("10019"))))
      .build();

  private BybitSpec() {}
}
