package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinanceRoutingTest {
  private static final String ORDER = "/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
      + "&newClientOrderId=bot-42&timestamp=1659146000000&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b";
  private static final String TIMEOUT_1007 = "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend"
      + " server. Send status unknown; execution status unknown.\"}";
  private static final String NEW_ORDER = "{\"orderId\":22542179,\"symbol\":\"BTCUSDT\",\"status\":\"NEW\","
      + "\"clientOrderId\":\"bot-42\",\"price\":\"0\",\"origQty\":\"0.01\",\"side\":\"BUY\",\"type\":\"MARKET\"}";

  private InterceptorFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM);
  }

  @AfterEach
  void tearDown() {
    assertThat(fixture.unclosedBodies()).as("response bodies left open").isZero();
    fixture.close();
  }

  private Request order() {
    return new Request.Builder().url(fixture.server.url(ORDER))
        .post(okhttp3.RequestBody.create(new byte[0], null))
        .header("X-MBX-APIKEY", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A")
        .build();
  }
  /**
   * The order as the interceptor sees it when a signing interceptor added after it signs every attempt (the README's
   * set-up): no signature yet. One that arrives signed is resent only within its receive window (SdkAdoptionTest).
   */
  private Request signedAfterTheInterceptor() {
    Request order = order();
    return order.newBuilder().url(order.url().newBuilder().removeAllQueryParameters("signature").build()).build();
  }


  @Test
  void executionUnknownOnAnOrderIsReconciledNeverResent() throws Exception {
    fixture.enqueue(200, TIMEOUT_1007);

    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(ExecutionUnknownException.class)
        .asInstanceOf(type(ExecutionUnknownException.class))
        .satisfies(e -> {
          assertThat(e.clientOrderId()).contains("bot-42");
          assertThat(e.code()).contains("-1007");
          assertThat(e.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
          assertThat(e.exchange()).isEqualTo(Exchange.BINANCE_USDM);
        });

    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests()).singleElement()
        .satisfies(asked -> {
          assertThat(asked.clientOrderId()).isEqualTo("bot-42");
          assertThat(asked.decoded().code()).contains("-1007");
          assertThat(asked.failure()).isNull();
        });
  }

  @Test
  void notExecutedIsResentOnceWithTheSameClientOrderId() throws Exception {
    fixture.reconciler.answering(ReconcileResult.notExecuted());
    fixture.enqueue(200, TIMEOUT_1007);
    fixture.enqueue(200, NEW_ORDER);

    try (Response response = fixture.execute(order())) {
      assertThat(response.body().string()).isEqualTo(NEW_ORDER);
    }

    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.take().getUrl().queryParameter("newClientOrderId")).isEqualTo("bot-42");
    assertThat(fixture.take().getUrl().queryParameter("newClientOrderId")).isEqualTo("bot-42");
    assertThat(fixture.reconciler.requests()).hasSize(1);
  }

  @Test
  void notExecutedWithNoAttemptLeftSaysSoInsteadOfUnknown() throws Exception {
    for (int i = 0; i < 4; i++) {
      fixture.reconciler.answering(ReconcileResult.notExecuted());
      fixture.enqueue(200, TIMEOUT_1007);
    }

    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(NotExecutedException.class)
        .asInstanceOf(type(NotExecutedException.class))
        .satisfies(e -> {
          assertThat(e.clientOrderId()).contains("bot-42");
          assertThat(e.getMessage()).contains("did not execute", "bot-42").doesNotContain("c8db5682");
        });
    assertThat(fixture.requestCount()).as("the first attempt and three resends").isEqualTo(4);
    assertThat(fixture.reconciler.requests()).hasSize(4);
  }

  @Test
  void foundHandsBackWhatTheReconcilerFound() throws Exception {
    fixture.reconciler.answering(ReconcileResult.found(NEW_ORDER));
    fixture.enqueue(503, "{\"code\":-1006,\"msg\":\"An unexpected response was received from the message bus."
        + " Execution status unknown.\"}");

    try (Response response = fixture.execute(order())) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo(NEW_ORDER);
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterIsHonouredBeforeTheSecondRequest() throws Exception {
    fixture.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 2400 requests per minute."
        + " Please use the websocket for live updates to avoid polling the API.\"}", "Retry-After: 1");
    fixture.enqueue(200, "{\"serverTime\":1659146001000}");

    try (Response response = fixture.execute(fixture.get("/fapi/v1/time"))) {
      assertThat(response.body().string()).contains("serverTime");
    }

    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.time.sleeps()).contains(Duration.ofSeconds(1));
    assertThat(fixture.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterLongerThanTheBackoffBudgetIsStillHonoured() throws Exception {
    fixture.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", "Retry-After: 45");
    fixture.enqueue(200, "{\"serverTime\":1659146045000}");

    fixture.execute(fixture.get("/fapi/v1/time")).close();

    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.time.sleeps()).containsExactly(Duration.ofSeconds(45));
  }

  @Test
  void aRetryAfterBeyondTheMaximumEndsTheCallAndHoldsBackTheNextOnes() throws Exception {
    String tooMany = "{\"code\":-1003,\"msg\":\"Too many requests.\"}";
    fixture.enqueue(429, tooMany, "Retry-After: 90");

    try (Response response = fixture.execute(fixture.get("/fapi/v1/time"))) {
      assertThat(response.code()).isEqualTo(429);
      assertThat(response.body().string()).isEqualTo(tooMany);
    }
    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/time")))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .extracting(FailFastException::reason)
        .isEqualTo(FailFastException.Reason.RATE_BUDGET_EXHAUSTED);
    assertThat(fixture.requestCount()).isEqualTo(1);

    fixture.time.advance(Duration.ofSeconds(91));
    fixture.enqueue(200, "{\"serverTime\":1659146091000}");
    fixture.execute(fixture.get("/fapi/v1/time")).close();
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void a418BanBlocksLaterCallsWithoutTouchingTheNetwork() throws Exception {
    fixture.enqueue(418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1659146268000."
        + " Please use the websocket for live updates to avoid bans.\"}", "Retry-After: 268");

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/ticker/price")))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .satisfies(e -> {
          assertThat(e.reason()).isEqualTo(FailFastException.Reason.BAN_IN_FORCE);
          assertThat(e.bannedUntil()).contains(Instant.ofEpochMilli(1_659_146_268_000L));
        });
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> fixture.execute(order()))
          .isInstanceOf(FailFastException.class)
          .hasMessageContaining("ban in force");
    }

    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.interceptor.bannedUntil(Exchange.BINANCE_USDM))
        .contains(Instant.ofEpochMilli(1_659_146_268_000L));

    fixture.time.advance(Duration.ofSeconds(269));
    fixture.enqueue(200, "{\"symbol\":\"BTCUSDT\",\"price\":\"23000.10\"}");
    try (Response response = fixture.execute(fixture.get("/fapi/v1/ticker/price"))) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void clockSkewResyncsAndResendsOnlyOnce() throws Exception {
    String skew = "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}";
    fixture.enqueue(400, skew);
    fixture.enqueue(400, skew);

    try (Response response = fixture.execute(signedAfterTheInterceptor())) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).isEqualTo(skew);
    }

    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.timeSyncs).containsExactly("binance-usdm");
  }

  @Test
  void rejectedKeyFailsFastForTheCooldown() throws Exception {
    fixture.enqueue(401, "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");

    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(ExchangeErrorException.class)
        .asInstanceOf(type(ExchangeErrorException.class))
        .satisfies(e -> {
          assertThat(e.policyClass()).isEqualTo(PolicyClass.AUTH);
          assertThat(e.httpStatus()).isEqualTo(401);
          assertThat(e.code()).contains("-1022");
        });
    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .extracting(FailFastException::reason)
        .isEqualTo(FailFastException.Reason.REJECTED_KEY);
    assertThat(fixture.requestCount()).isEqualTo(1);

    fixture.time.advance(Duration.ofSeconds(31));
    fixture.enqueue(200, NEW_ORDER);
    fixture.execute(order()).close();
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void businessRejectionIsHandedBackUnchangedAndNotRetried() throws Exception {
    String rejection = "{\"code\":-2019,\"msg\":\"Margin is insufficient.\"}";
    fixture.enqueue(400, rejection);

    try (Response response = fixture.execute(order())) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).isEqualTo(rejection);
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.interceptor.circuitBreaker(Exchange.BINANCE_USDM).getMetrics().getNumberOfFailedCalls())
        .isZero();
  }

  @Test
  void transientOverloadIsRetriedWithBackoff() throws Exception {
    fixture.enqueue(503, "{\"code\":-1008,\"msg\":\"Server is currently overloaded with other requests."
        + " Please try again in a few minutes.\"}");
    fixture.enqueue(200, NEW_ORDER);

    try (Response response = fixture.execute(order())) {
      assertThat(response.body().string()).isEqualTo(NEW_ORDER);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.time.sleeps()).singleElement()
        .satisfies(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300)));
    assertThat(fixture.reconciler.requests()).isEmpty();
  }

  @Test
  void retriesStopAtMaxAttemptsAndHandBackTheLastAnswer() throws Exception {
    String busy = "{\"code\":-1008,\"msg\":\"Server is currently overloaded with other requests.\"}";
    for (int i = 0; i < 4; i++) {
      fixture.enqueue(503, busy);
    }

    try (Response response = fixture.execute(fixture.get("/fapi/v1/depth?symbol=BTCUSDT"))) {
      assertThat(response.code()).isEqualTo(503);
      assertThat(response.body().string()).isEqualTo(busy);
    }
    assertThat(fixture.requestCount()).isEqualTo(4);
    assertThat(fixture.time.sleeps()).hasSize(3);
  }

  @Test
  void htmlGatewayPageOnAnOrderIsReconciledButOnAReadIsRetried() throws Exception {
    String cloudflare = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
        + "</center><hr><center>cloudflare</center></body></html>";
    server502(cloudflare);

    assertThatThrownBy(() -> fixture.execute(order())).isInstanceOf(ExecutionUnknownException.class);
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests()).hasSize(1);

    server502(cloudflare);
    fixture.enqueue(200, "{\"symbol\":\"BTCUSDT\",\"price\":\"23000.10\"}");
    try (Response response = fixture.execute(fixture.get("/fapi/v1/ticker/price"))) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(fixture.requestCount()).isEqualTo(3);
  }

  private void server502(String html) {
    fixture.server.enqueue(new MockResponse.Builder().code(502).body(html)
        .addHeader("Content-Type", "text/html").build());
  }

  @Test
  void connectionResetAfterTheOrderWasSentIsReconciled() throws Exception {
    fixture.server.enqueue(new MockResponse.Builder()
        .onResponseStart(new SocketEffect.CloseSocket(true, false, false))
        .build());

    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(ExecutionUnknownException.class)
        .hasMessageContaining("bot-42");
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests()).singleElement()
        .satisfies(asked -> assertThat(asked.failure()).isNotNull());
  }

  @Test
  void readTimeoutOnAnOrderIsReconciled() throws Exception {
    fixture.server.enqueue(new MockResponse.Builder().body(NEW_ORDER)
        .headersDelay(3, java.util.concurrent.TimeUnit.SECONDS).build());
    fixture.reconciler.answering(ReconcileResult.found(NEW_ORDER));

    try (Response response = fixture.execute(order())) {
      assertThat(response.body().string()).isEqualTo(NEW_ORDER);
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests().get(0).failure())
        .isInstanceOf(java.net.SocketTimeoutException.class);
  }

  @Test
  void unavailableAnswersOpenTheCircuitBreaker() throws Exception {
    String shuttingDown = "{\"code\":-1016,\"msg\":\"This service is no longer available.\"}";
    for (int i = 0; i < 5; i++) {
      fixture.enqueue(503, shuttingDown);
    }

    try (Response response = fixture.execute(fixture.get("/fapi/v1/exchangeInfo"))) {
      assertThat(response.code()).isEqualTo(503);
    }
    assertThat(fixture.requestCount()).as("four attempts, all unavailable").isEqualTo(4);
    // The fifth failure in a row opens the breaker: the retry after it is refused locally.
    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/exchangeInfo")))
        .isInstanceOf(FailFastException.class);
    assertThat(fixture.requestCount()).isEqualTo(5);

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/exchangeInfo")))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .satisfies(e -> {
          assertThat(e.reason()).isEqualTo(FailFastException.Reason.CIRCUIT_OPEN);
          assertThat(e.policyClass()).isEqualTo(PolicyClass.UNAVAILABLE);
        });
    assertThat(fixture.requestCount()).isEqualTo(5);
    assertThat(fixture.interceptor.circuitBreaker(Exchange.BINANCE_USDM).getState())
        .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
  }

  @Test
  void aReconcileLookupGoesThroughAnOpenBreaker() throws Exception {
    io.github.resilience4j.circuitbreaker.CircuitBreaker breaker =
        fixture.interceptor.circuitBreaker(Exchange.BINANCE_USDM);
    breaker.transitionToOpenState();
    fixture.enqueue(200, NEW_ORDER);

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/order?symbol=BTCUSDT&origClientOrderId=bot-42")))
        .isInstanceOf(FailFastException.class);
    try (Response response = fixture.execute(ReconcileLookup.mark(
        fixture.get("/fapi/v1/order?symbol=BTCUSDT&origClientOrderId=bot-42")))) {
      assertThat(response.body().string()).isEqualTo(NEW_ORDER);
    }

    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(breaker.getState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
    assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
  }

  @Test
  void batchWithFailedItemsIsNeverResentWhole() throws Exception {
    String batch = "[" + NEW_ORDER + ",{\"code\":-2019,\"msg\":\"Margin is insufficient.\"}]";
    fixture.enqueue(200, batch);

    try (Response response = fixture.execute(fixture.postForm("/fapi/v1/batchOrders",
        "batchOrders=%5B%7B%22symbol%22%3A%22BTCUSDT%22%7D%5D&timestamp=1659146000000&signature=abc"))) {
      assertThat(response.body().string()).isEqualTo(batch);
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void asyncCallsAreHandledTheSameWay() throws Exception {
    fixture.enqueue(200, TIMEOUT_1007);

    Object outcome = fixture.enqueueAndAwait(order());

    assertThat(outcome).isInstanceOf(ExecutionUnknownException.class);
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests()).hasSize(1);

    fixture.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", "Retry-After: 2");
    fixture.enqueue(200, "{\"serverTime\":1659146001000}");
    Object second = fixture.enqueueAndAwait(fixture.get("/fapi/v1/time"));
    assertThat(second).isInstanceOf(Response.class);
    ((Response) second).close();
    assertThat(fixture.requestCount()).isEqualTo(3);
    assertThat(fixture.time.sleeps()).contains(Duration.ofSeconds(2));
  }
}
