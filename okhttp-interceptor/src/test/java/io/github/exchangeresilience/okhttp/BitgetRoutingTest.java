package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BitgetRoutingTest {
  private static final String ORDER = "{\"symbol\":\"BTCUSDT\",\"productType\":\"USDT-FUTURES\",\"marginMode\":"
      + "\"isolated\",\"marginCoin\":\"USDT\",\"size\":\"0.01\",\"side\":\"buy\",\"orderType\":\"market\","
      + "\"clientOid\":\"121211212122\"}";
  private static final String PLACED = "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1695806875837,"
      + "\"data\":{\"clientOid\":\"121211212122\",\"orderId\":\"121211212122\"}}";

  private InterceptorFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new InterceptorFixture(Exchange.BITGET);
  }

  @AfterEach
  void tearDown() {
    assertThat(fixture.unclosedBodies()).as("response bodies left open").isZero();
    fixture.close();
  }

  private Request order() {
    return fixture.post("/api/v2/mix/order/place-order", ORDER).newBuilder()
        .header("ACCESS-KEY", "bg_0123456789abcdef")
        .header("ACCESS-SIGN", "q7Jx1yexamplesignature=")
        .header("ACCESS-PASSPHRASE", "hunter2hunter2")
        .build();
  }
  /**
   * The order as the interceptor sees it when a signing interceptor added after it signs every attempt (the README's
   * set-up): no signature yet. One that arrives signed is resent only within its receive window (SdkAdoptionTest).
   */
  private Request signedAfterTheInterceptor() {
    Request order = order();
    return order.newBuilder().url(order.url().newBuilder().removeAllQueryParameters("signature").build())
        .removeHeader("ACCESS-SIGN").build();
  }


  @Test
  void tooManyRequestsIsRetriedAfterRetryAfter() throws Exception {
    fixture.enqueue(429, "{\"code\":\"429\",\"msg\":\"Too Many Requests\",\"requestTime\":1695806875837,"
        + "\"data\":null}", "Retry-After: 3");
    fixture.enqueue(200, PLACED);

    try (Response response = fixture.execute(order())) {
      assertThat(response.body().string()).isEqualTo(PLACED);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.time.sleeps()).contains(Duration.ofSeconds(3));
  }

  @Test
  void signatureErrorFailsFastWithoutSecrets() throws Exception {
    fixture.enqueue(400, "{\"code\":\"40009\",\"msg\":\"sign signature error\",\"requestTime\":1695806875837,"
        + "\"data\":null}");

    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(ExchangeErrorException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("bg_0123", "q7Jx1y", "hunter2"))
        .asInstanceOf(type(ExchangeErrorException.class))
        .extracting(ExchangeErrorException::policyClass)
        .isEqualTo(PolicyClass.AUTH);
  }

  @Test
  void expiredTimestampResyncsOnce() throws Exception {
    fixture.enqueue(400, "{\"code\":\"40008\",\"msg\":\"Request timestamp expired\",\"requestTime\":1695806875837,"
        + "\"data\":null}");
    fixture.enqueue(200, PLACED);

    fixture.execute(signedAfterTheInterceptor()).close();
    assertThat(fixture.timeSyncs).containsExactly("bitget");
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void operationTimedOutIsReconciled() throws Exception {
    fixture.enqueue(200, "{\"code\":\"25001\",\"msg\":\"Operation timed out\",\"requestTime\":1695806875837,"
        + "\"data\":null}");
    fixture.reconciler.answering(ReconcileResult.found(PLACED));

    try (Response response = fixture.execute(order())) {
      assertThat(response.body().string()).isEqualTo(PLACED);
    }
    assertThat(fixture.reconciler.requests()).singleElement()
        .satisfies(asked -> assertThat(asked.clientOrderId()).isEqualTo("121211212122"));
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void concurrentOperationIsRetried() throws Exception {
    fixture.enqueue(200, "{\"code\":\"25003\",\"msg\":\"Concurrent operation, please retry\",\"requestTime\":"
        + "1695806875837,\"data\":null}");
    fixture.enqueue(200, PLACED);

    fixture.execute(order()).close();
    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.reconciler.requests()).isEmpty();
  }
}
