package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;
import okhttp3.Request;
import okhttp3.Response;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BybitRoutingTest {
  private static final String ORDER = "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\","
      + "\"orderType\":\"Limit\",\"qty\":\"0.1\",\"price\":\"15600\",\"orderLinkId\":\"spot-test-postonly\"}";
  private static final String CREATED = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":"
      + "\"1321003749386327552\",\"orderLinkId\":\"spot-test-postonly\"},\"retExtInfo\":{},\"time\":1672211918471}";

  private InterceptorFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new InterceptorFixture(Exchange.BYBIT);
  }

  @AfterEach
  void tearDown() {
    assertThat(fixture.unclosedBodies()).as("response bodies left open").isZero();
    fixture.close();
  }

  private Request order() {
    return fixture.post("/v5/order/create", ORDER).newBuilder()
        .header("X-BAPI-API-KEY", "XXXXXXXXXXXXXXXXXX")
        .header("X-BAPI-SIGN", "fa0b2fe1e8b0a1c2d3e4f5")
        .build();
  }
  /**
   * The order as the interceptor sees it when a signing interceptor added after it signs every attempt (the README's
   * set-up): no signature yet. One that arrives signed is resent only within its receive window (SdkAdoptionTest).
   */
  private Request signedAfterTheInterceptor() {
    Request order = order();
    return order.newBuilder().url(order.url().newBuilder().removeAllQueryParameters("signature").build())
        .removeHeader("X-BAPI-SIGN").build();
  }


  @Test
  void rateLimitWaitsForTheWindowReset() throws Exception {
    long reset = InterceptorFixture.START.plusMillis(1_500).toEpochMilli();
    fixture.enqueue(200, "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"retExtInfo\":{},"
        + "\"time\":1659146000000}", "X-Bapi-Limit: 10", "X-Bapi-Limit-Status: 0",
        "X-Bapi-Limit-Reset-Timestamp: " + reset);
    fixture.enqueue(200, CREATED);

    try (Response response = fixture.execute(order())) {
      assertThat(response.body().string()).isEqualTo(CREATED);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.time.sleeps()).contains(Duration.ofMillis(1_500));
  }

  @Test
  void http403IpBanStopsEveryCallInScope() throws Exception {
    fixture.server.enqueue(new mockwebserver3.MockResponse.Builder().code(403)
        .body("<html><body><h1>403 Forbidden</h1>access too frequent</body></html>")
        .addHeader("Content-Type", "text/html").build());

    assertThatThrownBy(() -> fixture.execute(fixture.get("/v5/market/tickers?category=linear")))
        .isInstanceOf(FailFastException.class);
    assertBannedForTenMinutes(() -> fixture.execute(order()));
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  private static void assertBannedForTenMinutes(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .satisfies(e -> {
          assertThat(e.reason()).isEqualTo(FailFastException.Reason.BAN_IN_FORCE);
          assertThat(e.bannedUntil()).contains(InterceptorFixture.START.plus(Duration.ofMinutes(10)));
        });
  }

  @Test
  void ipBannedCodeBansTheScopeLikeHttp403() throws Exception {
    fixture.enqueue(200, "{\"retCode\":10009,\"retMsg\":\"IP has been banned.\",\"result\":{},\"retExtInfo\":{},"
        + "\"time\":1659146000000}");

    assertBannedForTenMinutes(() -> fixture.execute(order()));
    assertThatThrownBy(() -> fixture.execute(fixture.get("/v5/market/tickers?category=linear")))
        .isInstanceOf(FailFastException.class);
    assertThat(fixture.requestCount()).as("neither retried nor sent again while banned").isEqualTo(1);
    assertThat(fixture.reconciler.requests()).isEmpty();

    fixture.time.advance(Duration.ofMinutes(10).plusSeconds(1));
    fixture.enqueue(200, CREATED);
    fixture.execute(order()).close();

    assertThat(fixture.requestCount()).as("served again once the ban ended").isEqualTo(2);
  }

  @Test
  void serverTimeoutOnAnOrderIsReconciled() throws Exception {
    fixture.enqueue(200, "{\"retCode\":10000,\"retMsg\":\"Server Timeout\",\"result\":{},\"retExtInfo\":{},"
        + "\"time\":1659146000000}");

    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(ExecutionUnknownException.class)
        .asInstanceOf(type(ExecutionUnknownException.class))
        .satisfies(e -> assertThat(e.clientOrderId()).contains("spot-test-postonly"));
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests()).hasSize(1);
  }

  @Test
  void timeWindowErrorResyncsOnce() throws Exception {
    fixture.enqueue(200, "{\"retCode\":10002,\"retMsg\":\"invalid request, please check your server timestamp"
        + " or recv_window param\",\"result\":{},\"retExtInfo\":{},\"time\":1659146000000}");
    fixture.enqueue(200, CREATED);

    fixture.execute(signedAfterTheInterceptor()).close();

    assertThat(fixture.timeSyncs).containsExactly("bybit");
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void invalidKeyFailsFast() throws Exception {
    fixture.enqueue(200, "{\"retCode\":10003,\"retMsg\":\"API key is invalid.\",\"result\":{},\"retExtInfo\":{},"
        + "\"time\":1659146000000}");

    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(ExchangeErrorException.class)
        .asInstanceOf(type(ExchangeErrorException.class))
        .extracting(ExchangeErrorException::policyClass)
        .isEqualTo(PolicyClass.AUTH);
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void batchCreateWithAFailedItemIsNotResent() throws Exception {
    String batch = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"category\":\"linear\",\"symbol\":"
        + "\"BTCUSDT\",\"orderId\":\"b8ee8b68\",\"orderLinkId\":\"a1\",\"createAt\":\"1713434102752\"},"
        + "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"orderId\":\"\",\"orderLinkId\":\"a2\",\"createAt\":\"\"}]},"
        + "\"retExtInfo\":{\"list\":[{\"code\":0,\"msg\":\"OK\"},{\"code\":110007,\"msg\":\"Available balance is"
        + " insufficient\"}]},\"time\":1713434102753}";
    fixture.enqueue(200, batch);

    try (Response response = fixture.execute(fixture.post("/v5/order/create-batch", "{\"category\":\"linear\","
        + "\"request\":[{\"orderLinkId\":\"a1\"},{\"orderLinkId\":\"a2\"}]}"))) {
      assertThat(response.body().string()).isEqualTo(batch);
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
  }
}
