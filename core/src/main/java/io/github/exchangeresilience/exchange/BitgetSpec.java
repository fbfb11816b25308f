package io.github.exchangeresilience.exchange;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.BitgetDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Bitget, from www.bitget.com/api-doc: the v2 futures ("mix") and spot trade endpoints, the v3 unified trading account
 * endpoints, "Get Server Time" and the signing page.
 *
 * <p>Its unified trading account WebSocket, from "Place Order Channel" and "Cancel Order Channel"
 * (www.bitget.com/api-doc/uta/websocket/private/Place-Order-Channel, .../Cancel-Order-Channel: {@code "op":"trade"}
 * with the operation as {@code topic} and the {@code category} beside it; an error is {@code {"event":"error","id":...,
 * "code":...,"msg":...}}) and the WebSocket overview (www.bitget.com/api-doc/common/websocket-intro: a {@code ping}
 * text every 30 seconds, answered {@code pong}; the connection is closed every 24 hours; the login signature of
 * timestamp in seconds + {@code GET} + {@code /user/verify}). No operation tells an order's status: the unified
 * account's REST "Get Order Details" reconciles.
 */
public final class BitgetSpec {
  /** Where the v2 futures ("mix") endpoints are: what a client of USDT-M and coin-M futures sends to. */
  public static final String FUTURES_V2 = "/api/v2/mix/";
  private static final String UNIFIED_ORDER = "/api/v3/trade/place-order";

  public static final ExchangeSpec SPEC = ExchangeSpec.builder(Exchange.BITGET)
      // Demo trading runs on the live host with paptrading: 1.
      .hosts(new Hosts(List.of("api.bitget.com"), List.of(), List.of()))
      // REST {"code":"00000","msg":"success","data":{...}}, WebSocket {"event":"error","code":30001}; batch answers
      // list data.successList[] and data.failureList[] (errorCode/errorMsg).
      .envelope(new Envelope("code", "msg", Set.of("00000", "0"),
          new ItemFields("errorCode", "errorMsg", "clientOid", "orderId")), BitgetDecoder::new)
      // clientOid: letters, digits and underscores, up to 32 (43011 refuses others; the page states no pattern).
      .orders(new Orders("clientOid", Pattern.compile("[A-Za-z0-9_]{1,32}"),
          Set.of("/api/v2/mix/order/place-order", "/api/v2/spot/trade/place-order", UNIFIED_ORDER),
          Set.of("/api/v2/mix/order/batch-place-order", "/api/v2/spot/trade/batch-orders",
              "/api/v3/trade/place-batch"),
          BatchFormat.jsonField("orderList"),
          Set.of("/api/v2/mix/order/cancel-order", "/api/v2/spot/trade/cancel-order", "/api/v3/trade/cancel-order"),
          // 25212 "Duplicate clientOid"
          Set.of("25212")))
      .lookups(new Lookups(List.of(
              new OrderLookup("/api/v2/spot/", "/api/v2/spot/trade/orderInfo", List.of(
                  OrderLookup.Parameter.clientOrderId("clientOid"))),
              new OrderLookup(FUTURES_V2, "/api/v2/mix/order/detail", List.of(
                  OrderLookup.Parameter.required("symbol", "symbol"),
                  OrderLookup.Parameter.required("productType", "productType"),
                  OrderLookup.Parameter.clientOrderId("clientOid"))),
              new OrderLookup("/api/v3/", "/api/v3/trade/order-info", List.of(
                  OrderLookup.Parameter.clientOrderId("clientOid")))),
          // 25204 "Order does not exist", 40109 "The data of the order cannot be found", or an empty data.
          Set.of("25204", "40109"), List.of("data")))
      // "Place Order" (futures and spot): the order's two ids in data.
      .placementAnswer(PlacementAnswer.of("{\"code\":\"00000\",\"msg\":\"success\",\"data\":{\"orderId\":\"{orderId}\","
          + "\"clientOid\":\"{clientOid}\"}}"))
      .serverTime(new ServerTime("/api/v2/public/time",
          List.of(new ServerTime.Field(List.of("data", "serverTime"), TimeUnit.MILLISECONDS))))
      .signing(new Signing("ACCESS-KEY", "ACCESS-SIGN", "ACCESS-TIMESTAMP", "ACCESS-PASSPHRASE", null, "paptrading",
          "locale", null, null, null, null, Set.of(), List.of("/api/v2/public/", "/api/v2/mix/market/",
              "/api/v2/spot/market/", "/api/v2/spot/public/", "/api/v3/market/", "/api/v3/public/"), Set.of(),
          // Signature page: a request whose ACCESS-TIMESTAMP differs from the server's time by more than 30 seconds
          // is refused as expired (40008 "Request timestamp expired").
          Duration.ofSeconds(30)))
      // 10 order placements per second per account.
      .budgets(List.of(RateBudget.orderPlacements("orders", 10, Duration.ofSeconds(1))))
      .metricEndpoints(Set.of("/api/v2/mix/account/accounts"))
      .webSocket(new WebSocketApi(
          new WebSocketApi.Urls("wss://ws.bitget.com/v3/ws/private", null, null),
          new WebSocketApi.Requests("id", "topic", Map.of("op", "trade"), "args", true, "place-order", "cancel-order",
              null, UNIFIED_ORDER, Set.of("category"), null, false, null),
          new WebSocketApi.Login("op", "login", "args", true, "apiKey", "passphrase", "timestamp", "sign", "GET",
              "/user/verify", true, TimeUnit.SECONDS, Duration.ZERO, true),
          new WebSocketApi.KeepAlive(WebSocketApi.KeepAlive.Kind.TEXT, "ping", "pong", Duration.ofSeconds(30),
              Duration.ofHours(24)),
          new WebSocketApi.Frames(List.of("event"), null, List.of(), null, null, null, "error", null, Set.of())))
      .build();

  private BitgetSpec() {}
}
