package io.github.exchangeresilience.okhttp.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import java.nio.charset.StandardCharsets;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import java.util.List;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

class OrderLookupsTest {
  private static final MediaType JSON = MediaType.get("application/json");

  private static List<String> lookups(Exchange exchange, Request original, String clientOrderId) {
    ExchangeRequest view = ExchangeRequest.of(original, exchange.spec(), Set.of("POST", "PUT"), Set.of());
    return OrderLookupReconciler.lookups(exchange.spec(), view, clientOrderId).stream()
        .map(request -> request.url().toString()).toList();
  }

  private static Request post(String url, String body, MediaType type) {
    return new Request.Builder().url(url).post(RequestBody.create(body, type)).build();
  }

  @Test
  void binanceLooksUpBySymbolAndOrigClientOrderIdOnTheOriginalHost() {
    assertThat(lookups(Exchange.BINANCE_USDM, post("http://127.0.0.1:8123/fapi/v1/order?symbol=BTCUSDT&side=BUY"
        + "&newClientOrderId=a1&timestamp=1&signature=ff", "", null), "a1"))
        .containsExactly("http://127.0.0.1:8123/fapi/v1/order?symbol=BTCUSDT&origClientOrderId=a1");
    assertThat(lookups(Exchange.BINANCE_USDM, post("https://fapi.binance.com/fapi/v1/batchOrders",
        "batchOrders=%5B%7B%22symbol%22%3A%22BTCUSDT%22%2C%22newClientOrderId%22%3A%22a1%22%7D%2C%7B%22symbol%22%3A"
            + "%22ETHUSDT%22%2C%22newClientOrderId%22%3A%22a2%22%7D%5D",
        MediaType.get("application/x-www-form-urlencoded")), "a2"))
        .containsExactly("https://fapi.binance.com/fapi/v1/order?symbol=ETHUSDT&origClientOrderId=a2");
  }

  @Test
  void okxBybitAndBitgetReadTheOrderOrItsBatchItem() {
    assertThat(lookups(Exchange.OKX, post("https://www.okx.com/api/v5/trade/batch-orders",
        "[{\"instId\":\"BTC-USDT\",\"clOrdId\":\"o1\"},{\"instId\":\"ETH-USDT\",\"clOrdId\":\"o2\"}]", JSON), "o2"))
        .containsExactly("https://www.okx.com/api/v5/trade/order?instId=ETH-USDT&clOrdId=o2");
    assertThat(lookups(Exchange.BYBIT, post("https://api.bybit.com/v5/order/create-batch",
        "{\"category\":\"linear\",\"request\":[{\"symbol\":\"BTCUSDT\",\"orderLinkId\":\"b1\"},"
            + "{\"symbol\":\"ETHUSDT\",\"orderLinkId\":\"b2\"}]}", JSON), "b2"))
        .containsExactly(
            "https://api.bybit.com/v5/order/realtime?category=linear&symbol=ETHUSDT&orderLinkId=b2",
            "https://api.bybit.com/v5/order/history?category=linear&symbol=ETHUSDT&orderLinkId=b2");
    assertThat(lookups(Exchange.BITGET, post("https://api.bitget.com/api/v2/mix/order/batch-place-order",
        "{\"symbol\":\"BTCUSDT\",\"productType\":\"USDT-FUTURES\",\"orderList\":[{\"size\":\"1\",\"clientOid\":\"g1\"}]}",
        JSON), "g1"))
        .containsExactly(
            "https://api.bitget.com/api/v2/mix/order/detail?symbol=BTCUSDT&productType=USDT-FUTURES&clientOid=g1");
    assertThat(lookups(Exchange.BITGET, post("https://api.bitget.com/api/v2/spot/trade/place-order",
        "{\"symbol\":\"BTCUSDT\",\"clientOid\":\"s1\"}", JSON), "s1"))
        .containsExactly("https://api.bitget.com/api/v2/spot/trade/orderInfo?clientOid=s1");
  }

  @Test
  void anOrderWhoseParametersCannotBeFoundHasNoLookup() {
    assertThat(lookups(Exchange.OKX, post("https://www.okx.com/api/v5/trade/order", "{\"clOrdId\":\"o1\"}", JSON),
        "o1")).isEmpty();
    assertThat(lookups(Exchange.BYBIT, post("https://api.bybit.com/v5/order/create", "{\"symbol\":\"BTCUSDT\"}",
        JSON), "b1")).isEmpty();
  }

  @Test
  void emptyAnswersAreRecognised() {
    assertThat(empty(Exchange.OKX, "{\"code\":\"0\",\"data\":[]}")).isTrue();
    assertThat(empty(Exchange.OKX, "{\"code\":\"0\",\"data\":[{\"state\":\"filled\"}]}")).isFalse();
    assertThat(empty(Exchange.BYBIT, "{\"retCode\":0,\"result\":{\"nextPageCursor\":\"\",\"list\":[]}}")).isTrue();
    assertThat(empty(Exchange.BYBIT, "{\"retCode\":0,\"result\":{\"list\":[{\"orderStatus\":\"Cancelled\"}]}}"))
        .isFalse();
    assertThat(empty(Exchange.BITGET, "{\"code\":\"00000\",\"data\":null}")).isTrue();
    assertThat(empty(Exchange.BITGET, "{\"code\":\"00000\",\"data\":{\"state\":\"canceled\"}}")).isFalse();
    assertThat(empty(Exchange.BINANCE_USDM, "{\"status\":\"EXPIRED\"}")).isFalse();
  }

  @Test
  void whatIsNotAnEmptyResultWhereTheSpecNamesOneCountsAsEmpty() {
    assertThat(empty(Exchange.OKX, "[{\"state\":\"filled\"}]")).as("not an object").isTrue();
    assertThat(empty(Exchange.OKX, "{\"code\":\"0\",\"msg\":\"\"}")).as("no data").isTrue();
    assertThat(empty(Exchange.OKX, "{\"code\":\"0\",\"data\":\"\"}")).as("an empty string").isTrue();
    assertThat(empty(Exchange.OKX, "{\"code\":\"0\",\"data\":\"filled\"}")).isFalse();
    assertThat(empty(Exchange.OKX, "{\"code\":\"0\",\"msg\":\"\",")).as("cut short").isTrue();
    assertThat(empty(Exchange.BYBIT, "{\"retCode\":0,\"result\":{\"category\":\"linear\"}}")).isTrue();
    assertThat(empty(Exchange.BYBIT, "{\"retCode\":0,\"result\":[{\"list\":[{}]}]}")).isTrue();
  }

  @Test
  void fieldsAfterABatchListAreStillTheOrdersOwn() {
    assertThat(lookups(Exchange.BYBIT, post("https://api.bybit.com/v5/order/create-batch",
        "{\"request\":[{\"symbol\":\"BTCUSDT\",\"orderLinkId\":\"b1\",\"tags\":[\"x\"]},"
            + "{\"symbol\":\"ETHUSDT\",\"orderLinkId\":\"b2\"}],\"category\":\"linear\"}", JSON), "b1"))
        .containsExactly(
            "https://api.bybit.com/v5/order/realtime?category=linear&symbol=BTCUSDT&orderLinkId=b1",
            "https://api.bybit.com/v5/order/history?category=linear&symbol=BTCUSDT&orderLinkId=b1");
  }

  @Test
  void aFormValueWithAMalformedEscapeIsTakenAsWritten() {
    assertThat(lookups(Exchange.BINANCE_USDM, post("https://fapi.binance.com/fapi/v1/order",
        "symbol=BTC%ZZUSDT&side=BUY&newClientOrderId=a1", MediaType.get("application/x-www-form-urlencoded")), "a1"))
        .containsExactly("https://fapi.binance.com/fapi/v1/order?symbol=BTC%25ZZUSDT&origClientOrderId=a1");
  }

  private static boolean empty(Exchange exchange, String json) {
    return OrderLookupReconciler.isEmpty(exchange.spec(), json.getBytes(StandardCharsets.UTF_8));
  }
}
