package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.reconcile.OrderLookupReconciler;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An order in doubt that the built-in reconciler finds comes back in the shape of its placement's own answer, marked as
 * reconciled; and the reconciler refuses to run its lookups unsigned.
 */
class ReconciledAnswerTest {

  /** The exchange, the order, the answer that left it in doubt, the lookup's answer, the placement-shaped answer. */
  static Stream<Arguments> exchanges() {
    return Stream.of(
        Arguments.of(Exchange.OKX, "/api/v5/trade/order",
            "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"b15\",\"side\":\"buy\",\"ordType\":\"limit\","
                + "\"px\":\"2.15\",\"sz\":\"2\"}",
            200, "{\"code\":\"50004\",\"msg\":\"API endpoint request timeout (does not mean that the request was"
                + " successful or failed, please check the request result).\",\"data\":[]}",
            "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instType\":\"SPOT\",\"instId\":\"BTC-USDT\","
                + "\"ordId\":\"680800019749904384\",\"clOrdId\":\"b15\",\"tag\":\"\",\"px\":\"2.15\",\"sz\":\"2\","
                + "\"state\":\"filled\",\"cTime\":\"1708587373361\",\"uTime\":\"1708587373362\"}]}",
            "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"b15\",\"ordId\":\"680800019749904384\",\"tag\":\"\","
                + "\"ts\":\"1708587373361\",\"sCode\":\"0\",\"sMsg\":\"\"}]}",
            "/api/v5/trade/order?instId=BTC-USDT&clOrdId=b15"),
        Arguments.of(Exchange.BYBIT, "/v5/order/create",
            "{\"category\":\"linear\",\"symbol\":\"ETHUSDT\",\"side\":\"Buy\",\"orderType\":\"Limit\",\"qty\":\"0.1\","
                + "\"price\":\"1600\",\"orderLinkId\":\"test-000005\"}",
            200, "{\"retCode\":10000,\"retMsg\":\"Server Timeout\",\"result\":{},\"retExtInfo\":{},"
                + "\"time\":1684765770483}",
            "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"orderId\":\"fd4300ae-7847-404e-b947-b46980a4d140\","
                + "\"orderLinkId\":\"test-000005\",\"symbol\":\"ETHUSDT\",\"orderStatus\":\"Filled\"}],"
                + "\"nextPageCursor\":\"\",\"category\":\"linear\"},\"retExtInfo\":{},\"time\":1684765770483}",
            "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":\"fd4300ae-7847-404e-b947-b46980a4d140\","
                + "\"orderLinkId\":\"test-000005\"},\"retExtInfo\":{}}",
            "/v5/order/realtime?category=linear&symbol=ETHUSDT&orderLinkId=test-000005"),
        Arguments.of(Exchange.BITGET, "/api/v2/mix/order/place-order",
            "{\"symbol\":\"BTCUSDT\",\"productType\":\"USDT-FUTURES\",\"marginMode\":\"isolated\","
                + "\"marginCoin\":\"USDT\",\"size\":\"0.001\",\"side\":\"buy\",\"orderType\":\"market\","
                + "\"clientOid\":\"bg1\"}",
            400, "{\"code\":\"25001\",\"msg\":\"Order status unknown, please check the order status\","
                + "\"requestTime\":1695823012595,\"data\":null}",
            "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1695823012595,\"data\":{\"symbol\":\"BTCUSDT\","
                + "\"size\":\"0.001\",\"orderId\":\"1079339470497591296\",\"clientOid\":\"bg1\",\"state\":\"filled\"}}",
            "{\"code\":\"00000\",\"msg\":\"success\",\"data\":{\"orderId\":\"1079339470497591296\","
                + "\"clientOid\":\"bg1\"}}",
            "/api/v2/mix/order/detail?symbol=BTCUSDT&productType=USDT-FUTURES&clientOid=bg1"),
        Arguments.of(Exchange.BINANCE_USDM, "/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
                + "&newClientOrderId=bn1", "",
            408, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status unknown;"
                + " execution status unknown.\"}",
            "{\"orderId\":22542179,\"symbol\":\"BTCUSDT\",\"status\":\"FILLED\",\"clientOrderId\":\"bn1\","
                + "\"price\":\"0\",\"avgPrice\":\"0.00000\",\"origQty\":\"0.01\",\"executedQty\":\"0.01\"}",
            "{\"orderId\":22542179,\"symbol\":\"BTCUSDT\",\"status\":\"FILLED\",\"clientOrderId\":\"bn1\","
                + "\"price\":\"0\",\"avgPrice\":\"0.00000\",\"origQty\":\"0.01\",\"executedQty\":\"0.01\"}",
            "/fapi/v1/order?symbol=BTCUSDT&origClientOrderId=bn1"));
  }

  @ParameterizedTest
  @MethodSource("exchanges")
  void aFoundOrderComesBackInThePlacementsShapeMarkedReconciled(Exchange exchange, String placement, String body,
      int doubtStatus, String doubt, String lookedUp, String placementShaped, String lookup) throws Exception {
    try (InterceptorFixture fixture = new InterceptorFixture(exchange, builder -> builder
        .signer(request -> request.request().newBuilder().header(exchange.spec().signing().apiKeyHeader(), "k")
            .build())
        .reconciler(OrderLookupReconciler.builder(exchange).lookups(1).build()))) {
      fixture.enqueue(doubtStatus, doubt);
      fixture.enqueue(200, lookedUp);

      Request order = fixture.post(placement, body);
      try (Response response = fixture.execute(order)) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header(ReconcileResult.RECONCILED_HEADER)).isEqualTo(ReconcileResult.RECONCILED_FOUND);
        assertThat(response.request().url().encodedPath()).isEqualTo(order.url().encodedPath());
        assertThat(response.body().string()).isEqualTo(placementShaped);
      }

      assertThat(fixture.requestCount()).isEqualTo(2);
      assertThat(fixture.take().getMethod()).isEqualTo("POST");
      RecordedRequest asked = fixture.take();
      assertThat(asked.getMethod()).isEqualTo("GET");
      assertThat(asked.getTarget()).isEqualTo(lookup);
      assertThat(asked.getHeaders().get(exchange.spec().signing().apiKeyHeader())).isEqualTo("k");
      assertThat(fixture.unclosedBodies()).isZero();
    }
  }

  @Test
  void theReconcilerRefusesAnInterceptorThatCannotSignItsLookups() {
    assertThatThrownBy(() -> ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
        .reconciler(OrderLookupReconciler.builder(Exchange.BINANCE_USDM).build())
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must be signed")
        .hasMessageContaining("ExchangeSigning.forExchange(Exchange.BINANCE_USDM")
        .hasMessageContaining(".signer(");
  }
}
