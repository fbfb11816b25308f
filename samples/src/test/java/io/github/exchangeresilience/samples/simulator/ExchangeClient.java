package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;

/** Places and looks up one limit order on any simulated exchange, in that exchange's own terms. */
final class ExchangeClient {
  private final Exchange exchange;
  private final String base;
  private final Http http;

  ExchangeClient(Exchange exchange, String base, Http http) {
    this.exchange = exchange;
    this.base = base;
    this.http = http;
  }

  Http.Answer place(String clientOrderId) throws IOException {
    switch (exchange) {
      case BINANCE_USDM:
        return http.postQuery(base + "/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=100"
            + "&newClientOrderId=" + clientOrderId + "&timestamp=1&signature=s");
      case OKX:
        return http.postJson(base + "/api/v5/trade/order", "{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\","
            + "\"side\":\"buy\",\"ordType\":\"limit\",\"sz\":\"1\",\"px\":\"100\",\"clOrdId\":\"" + clientOrderId + "\"}");
      case BYBIT:
        return http.postJson(base + "/v5/order/create", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":"
            + "\"Buy\",\"orderType\":\"Limit\",\"qty\":\"1\",\"price\":\"100\",\"orderLinkId\":\"" + clientOrderId + "\"}");
      case BITGET:
        return http.postJson(base + "/api/v2/mix/order/place-order", "{\"symbol\":\"BTCUSDT\",\"productType\":"
            + "\"USDT-FUTURES\",\"side\":\"buy\",\"orderType\":\"limit\",\"size\":\"1\",\"price\":\"100\","
            + "\"clientOid\":\"" + clientOrderId + "\"}");
      default:
        throw new IllegalArgumentException(exchange.id());
    }
  }

  /** The answer, or the I/O failure the client saw. */
  Object attemptPlace(String clientOrderId) {
    return http.attempt(() -> place(clientOrderId));
  }

  Http.Answer lookUp(String clientOrderId) throws IOException {
    switch (exchange) {
      case BINANCE_USDM:
        return http.get(base + "/fapi/v1/order?symbol=BTCUSDT&origClientOrderId=" + clientOrderId);
      case OKX:
        return http.get(base + "/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=" + clientOrderId);
      case BYBIT:
        return http.get(base + "/v5/order/realtime?category=linear&orderLinkId=" + clientOrderId);
      case BITGET:
        return http.get(base + "/api/v2/mix/order/detail?symbol=BTCUSDT&productType=USDT-FUTURES&clientOid="
            + clientOrderId);
      default:
        throw new IllegalArgumentException(exchange.id());
    }
  }

  /** Whether the exchange's lookup finds the order. */
  boolean found(String clientOrderId) throws IOException {
    Http.Answer answer = lookUp(clientOrderId);
    if (exchange == Exchange.BYBIT) {
      return !answer.list("result", "list").isEmpty();
    }
    return code(answer) == null;
  }

  /** The exchange's error code of an answer (an OKX order item's sCode), or null for a success. */
  String code(Http.Answer answer) {
    if (!answer.contentType().startsWith("application/json")) {
      return "html";
    }
    switch (exchange) {
      case BINANCE_USDM:
        return answer.text("code");
      case OKX:
        String code = answer.text("code");
        return "0".equals(code) ? null : "1".equals(code) ? answer.text("data", 0, "sCode") : code;
      case BYBIT:
        return "0".equals(answer.text("retCode")) ? null : answer.text("retCode");
      case BITGET:
        return "00000".equals(answer.text("code")) ? null : answer.text("code");
      default:
        throw new IllegalArgumentException(exchange.id());
    }
  }
}
