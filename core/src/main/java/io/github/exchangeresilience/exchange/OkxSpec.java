package io.github.exchangeresilience.exchange;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.OkxDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * OKX v5, from its REST API reference (www.okx.com/docs-v5/en): "Place order", "Place multiple orders", "Get order
 * details", "Get system time", "REST Authentication", and its rate limit rules.
 *
 * <p>Its WebSocket API, from "Production Trading Services" and "Demo Trading Services" (the private endpoints),
 * "WebSocket > Connect" (a {@code ping} text when nothing came for N &lt; 30 seconds, answered {@code pong}),
 * "WebSocket > Login" (the signature of timestamp in seconds + {@code GET} + {@code /users/self/verify}), "WebSocket >
 * Notification" (64008: the connection closes for an upgrade within 60 seconds) and "WS / Place order", "WS / Cancel
 * order" (www.okx.com/docs-v5/en/#overview-production-trading-services, #overview-demo-trading-services,
 * #overview-websocket-connect, #overview-websocket-login, #overview-websocket-notification,
 * #order-book-trading-trade-ws-place-order, #order-book-trading-trade-ws-cancel-order). OKX has no WebSocket
 * operation that tells an order's status: the REST lookup reconciles.
 */
public final class OkxSpec {
  private static final String ORDER = "/api/v5/trade/order";

  public static final ExchangeSpec SPEC = ExchangeSpec.builder(Exchange.OKX)
      // Demo trading runs on the live hosts with x-simulated-trading: 1.
      .hosts(new Hosts(List.of("www.okx.com", "okx.com", "aws.okx.com", "eea.okx.com", "us.okx.com", "app.okx.com"),
          List.of(), List.of()))
      // {"code":"0","msg":"","data":[...]}; with code 1 or 2 each data[] item has its own sCode/sMsg.
      .envelope(new Envelope("code", "msg", Set.of("0"), new ItemFields("sCode", "sMsg", "clOrdId", "ordId")),
          OkxDecoder::new)
      // clOrdId: case-sensitive letters and digits, up to 32.
      .orders(new Orders("clOrdId", Pattern.compile("[A-Za-z0-9]{1,32}"), Set.of(ORDER),
          Set.of("/api/v5/trade/batch-orders"), BatchFormat.jsonArray(),
          Set.of("/api/v5/trade/cancel-order", "/api/v5/trade/cancel-batch-orders"),
          // 51016 "Duplicated clOrdId"; 50071 "{param} already exists" (the order's id is taken)
          Set.of("51016", "50071")))
      .lookups(new Lookups(List.of(new OrderLookup("/", ORDER, List.of(
              OrderLookup.Parameter.required("instId", "instId"),
              OrderLookup.Parameter.clientOrderId("clOrdId")))),
          // 51603 "Order does not exist"
          Set.of("51603"), List.of("data")))
      // "Place order": code 0 and the order's ids with its own sCode 0 in data[].
      .placementAnswer(PlacementAnswer.of("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"{clOrdId}\","
          + "\"ordId\":\"{ordId}\",\"tag\":\"{tag}\",\"ts\":\"{cTime}\",\"sCode\":\"0\",\"sMsg\":\"\"}]}"))
      .serverTime(new ServerTime("/api/v5/public/time",
          List.of(new ServerTime.Field(List.of("data", "ts"), TimeUnit.MILLISECONDS))))
      .signing(new Signing("OK-ACCESS-KEY", "OK-ACCESS-SIGN", "OK-ACCESS-TIMESTAMP", "OK-ACCESS-PASSPHRASE", null,
          "x-simulated-trading", null, "expTime", null, null, null, Set.of(),
          List.of("/api/v5/public/", "/api/v5/market/"), Set.of(),
          // REST Authentication: a request whose OK-ACCESS-TIMESTAMP is more than 30 seconds from the server's time
          // is refused as expired (50102 "Timestamp request expired").
          Duration.ofSeconds(30)))
      // Order placement: 60 requests per 2 seconds.
      .budgets(List.of(RateBudget.orderPlacements("orders", 60, Duration.ofSeconds(2))))
      .metricEndpoints(Set.of("/api/v5/account/balance", "/api/v5/trade/orders-pending"))
      .webSocket(new WebSocketApi(
          new WebSocketApi.Urls("wss://ws.okx.com:8443/ws/v5/private", null, "wss://wspap.okx.com:8443/ws/v5/private"),
          new WebSocketApi.Requests("id", "op", Map.of(), "args", true, "order", "cancel-order", null, ORDER, Set.of(),
              null, false, null),
          new WebSocketApi.Login("op", "login", "args", true, "apiKey", "passphrase", "timestamp", "sign", "GET",
              "/users/self/verify", true, TimeUnit.SECONDS, Duration.ZERO, true),
          new WebSocketApi.KeepAlive(WebSocketApi.KeepAlive.Kind.TEXT, "ping", "pong", Duration.ofSeconds(20), null),
          new WebSocketApi.Frames(List.of("event", "op"), null, List.of(), null, null, null, "error", "notice",
              Set.of("64008"))))
      .build();

  private OkxSpec() {}
}
