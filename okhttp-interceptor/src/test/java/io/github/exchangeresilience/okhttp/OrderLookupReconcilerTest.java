package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.reconcile.OrderLookupReconciler;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order-lookup reconciler behind the interceptor, against an OKX that counts what it received: "does not exist"
 * becomes NOT_EXECUTED only after every round and past the order's expiry on the exchange's clock, and anything else
 * (a refusal, a failed or unreadable lookup, an order it cannot look up) leaves the order in doubt. Every lookup answer
 * it discards is closed.
 */
class OrderLookupReconcilerTest {
  private static final String ORDER = "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"b15\","
      + "\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"2.15\",\"sz\":\"2\"}";
  private static final String TIMEOUT = "{\"code\":\"50004\",\"msg\":\"API endpoint request timeout (does not mean"
      + " that the request was successful or failed, please check the request result)\",\"data\":[]}";
  private static final String PLACED = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"b15\","
      + "\"ordId\":\"312269865356374016\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"0\",\"sMsg\":\"\"}],"
      + "\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}";
  private static final String DOES_NOT_EXIST = "{\"code\":\"51603\",\"msg\":\"Order does not exist\",\"data\":[]}";
  private static final String NONE = "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}";
  private static final String LIVE = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT\","
      + "\"ordId\":\"312269865356374016\",\"clOrdId\":\"b15\",\"px\":\"2.15\",\"sz\":\"2\",\"state\":\"live\"}]}";
  private static final String LOOKUP_PATH = "/api/v5/trade/order?instId=BTC-USDT&clOrdId=b15";
  /** This simulated OKX checks no signature: the interceptor's signer, which lookups need, passes requests as they are. */
  private static final RequestSigner SIMULATOR = request -> request.request();

  private InterceptorFixture fixture;

  @AfterEach
  void tearDown() {
    if (fixture != null) {
      assertThat(fixture.unclosedBodies()).as("response bodies left open, lookups included").isZero();
      fixture.close();
    }
  }

  private void start(UnaryOperator<OrderLookupReconciler.Builder> reconciler,
      UnaryOperator<ExchangeResilienceInterceptor.Builder> interceptor) throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX, (f, builder) -> interceptor.apply(builder.signer(SIMULATOR).reconciler(
        reconciler.apply(OrderLookupReconciler.builder(Exchange.OKX)
            .backoff(IntervalFunction.of(Duration.ofMillis(500)))
            .client(f.trackingBodies(new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .readTimeout(300, TimeUnit.MILLISECONDS)).build()))
            .build())));
  }

  private Response order() throws Exception {
    return fixture.execute(fixture.post("/api/v5/trade/order", ORDER));
  }

  private void assertInDoubt(int requests) throws Exception {
    assertThatThrownBy(this::order)
        .isInstanceOf(ExecutionUnknownException.class)
        .asInstanceOf(type(ExecutionUnknownException.class))
        .satisfies(e -> {
          assertThat(e.clientOrderId()).contains("b15");
          assertThat(e.getCause()).as("the order was answered; the lookup's trouble is no cause").isNull();
        });
    assertThat(fixture.requestCount()).as("never resent").isEqualTo(requests);
  }

  @Test
  void doesNotExistInEveryRoundIsNotExecutedAndTheOrderIsResentWithItsId() throws Exception {
    start(r -> r.lookups(2), b -> b);
    fixture.enqueue(200, TIMEOUT);
    fixture.enqueue(200, DOES_NOT_EXIST);
    fixture.enqueue(200, NONE);
    fixture.enqueue(200, PLACED);

    try (Response response = order()) {
      assertThat(response.body().string()).isEqualTo(PLACED);
    }

    assertThat(fixture.take().getBody().utf8()).contains("\"clOrdId\":\"b15\"");
    assertThat(fixture.take().getTarget()).isEqualTo(LOOKUP_PATH);
    assertThat(fixture.take().getTarget()).isEqualTo(LOOKUP_PATH);
    assertThat(fixture.take().getBody().utf8()).contains("\"clOrdId\":\"b15\"");
    assertThat(fixture.time.sleeps()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void aFoundOrderIsHandedBackAndNeverResent() throws Exception {
    start(r -> r.lookups(2), b -> b);
    fixture.enqueue(200, TIMEOUT);
    fixture.enqueue(200, LIVE);

    try (Response response = order()) {
      // In the shape of the placement's own answer, marked as reconciled.
      assertThat(response.header(ReconcileResult.RECONCILED_HEADER)).isEqualTo(ReconcileResult.RECONCILED_FOUND);
      assertThat(response.body().string()).contains("\"ordId\":\"312269865356374016\"", "\"clOrdId\":\"b15\"");
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void aFoundOrderThatCannotBeReadOutIsHandedBackAsLookedUp() throws Exception {
    start(r -> r, b -> b);
    fixture.enqueue(200, TIMEOUT);
    String idsOnly = "{\"code\":\"0\",\"msg\":\"\",\"data\":[\"312269865356374016\"]}";
    fixture.enqueue(200, idsOnly);

    try (Response response = order()) {
      assertThat(response.header(ReconcileResult.RECONCILED_HEADER)).isEqualTo(ReconcileResult.RECONCILED_FOUND);
      assertThat(response.body().string()).isEqualTo(idsOnly);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void notExecutedOnlyOnceTheExpiryHasPassedNotAtIt() throws Exception {
    // Expiry 5 s plus the 1 s margin: the second round, 6 s later, is exactly at the deadline and still too early.
    start(r -> r.lookups(2).backoff(IntervalFunction.of(Duration.ofSeconds(6))).orderExpiry(Duration.ofSeconds(5)),
        b -> b);
    fixture.enqueue(200, TIMEOUT);
    fixture.enqueue(200, DOES_NOT_EXIST);
    fixture.enqueue(200, DOES_NOT_EXIST);
    fixture.enqueue(200, DOES_NOT_EXIST);
    fixture.enqueue(200, PLACED);

    order().close();

    assertThat(fixture.time.sleeps()).containsExactly(Duration.ofSeconds(6), Duration.ofMillis(1));
    assertThat(fixture.requestCount()).as("three lookups between the two attempts").isEqualTo(5);
  }

  @Test
  void theExpiryIsCountedOnTheExchangesClock() throws Exception {
    // The exchange's clock is 7 minutes behind ours: the deadline and the time it is compared with are both its own.
    fixture = new InterceptorFixture(Exchange.OKX, (f, builder) -> builder.signer(SIMULATOR).reconciler(
        OrderLookupReconciler.builder(Exchange.OKX)
            .lookups(1)
            .orderExpiry(Duration.ofSeconds(5))
            .clock(Clock.offset(f.time, Duration.ofMinutes(-7)))
            .client(f.trackingBodies(new OkHttpClient.Builder().retryOnConnectionFailure(false)).build())
            .build()));
    fixture.enqueue(200, TIMEOUT);
    fixture.enqueue(200, DOES_NOT_EXIST);
    fixture.enqueue(200, DOES_NOT_EXIST);
    fixture.enqueue(200, PLACED);

    order().close();

    // One wait, to one millisecond past the deadline (5 s expiry + 1 s margin), then the last lookup and the resend.
    assertThat(fixture.time.sleeps()).containsExactly(Duration.ofMillis(6001));
    assertThat(fixture.requestCount()).isEqualTo(4);
  }

  @Test
  void aRefusedLookupLeavesTheOrderInDoubt() throws Exception {
    start(r -> r, b -> b);
    fixture.enqueue(200, TIMEOUT);
    fixture.enqueue(400, "{\"code\":\"51000\",\"msg\":\"Parameter instId error\",\"data\":[]}");

    assertInDoubt(2);
  }

  @Test
  void aLookupRefusedWithThrowOnErrorIsStillReadForDoesNotExist() throws Exception {
    start(r -> r.lookups(1), b -> b.throwOnError(true));
    fixture.enqueue(200, TIMEOUT);
    fixture.enqueue(200, DOES_NOT_EXIST);
    fixture.enqueue(200, PLACED);

    order().close();
    assertThat(fixture.requestCount()).as("looked up, then resent").isEqualTo(3);
  }

  @Test
  void aLookupLostOnTheWireLeavesTheOrderInDoubt() throws Exception {
    start(r -> r, b -> b.maxAttempts(1));
    fixture.enqueue(200, TIMEOUT);
    fixture.server.enqueue(new MockResponse.Builder()
        .onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build());

    assertInDoubt(2);
  }

  @Test
  void aLookupAnswerThatCannotBeReadLeavesTheOrderInDoubt() throws Exception {
    // The interceptor reads its 1 KiB prefix; the reconciler's read of the whole answer stalls.
    start(r -> r, b -> b.bodyPrefixLimit(1024));
    fixture.enqueue(200, TIMEOUT);
    fixture.server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(LIVE.substring(0, LIVE.length() - 3) + "\",\"tag\":\"" + "x".repeat(2048))
        .setHeader("Content-Length", "100000").build());

    assertInDoubt(2);
  }

  @Test
  void aLookupAnswerCutShortIsNoProofTheOrderExists() throws Exception {
    start(r -> r, b -> b.maxAttempts(1));
    fixture.enqueue(200, TIMEOUT);
    // Cut right after its code: whether it lists the order cannot be read.
    fixture.enqueue(200, LIVE.substring(0, LIVE.indexOf("\"msg\"") + 3));

    assertInDoubt(2);
  }

  @Test
  void aLookupAnswerLongerThanItReadsIsDecidedFromItsPrefix() throws Exception {
    start(r -> r, b -> b);
    fixture.enqueue(200, TIMEOUT);
    // More than the reconciler's 256 KiB, its data in front: a long answer, not one cut short.
    String longAnswer = "{\"data\":[{\"instId\":\"BTC-USDT\",\"ordId\":\"312269865356374016\",\"clOrdId\":"
        + "\"b15\",\"state\":\"live\",\"note\":\"" + "x".repeat(300 * 1024) + "\"}],\"code\":\"0\",\"msg\":\"\"}";
    fixture.enqueue(200, longAnswer);

    try (Response response = order()) {
      assertThat(response.body().string()).isEqualTo(longAnswer);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void anOrderWithoutAClientOrderIdIsNeverLookedUp() throws Exception {
    start(r -> r, b -> b);
    fixture.enqueue(200, TIMEOUT);

    assertThatThrownBy(() -> fixture.execute(fixture.post("/api/v5/trade/order",
        "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"2\"}")))
        .isInstanceOf(ExecutionUnknownException.class)
        .asInstanceOf(type(ExecutionUnknownException.class))
        .satisfies(e -> {
          assertThat(e.clientOrderId()).isEmpty();
          assertThat(e.getCause()).isNull();
        });
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void anOrderMissingWhatItsLookupNeedsIsNeverLookedUp() throws Exception {
    start(r -> r, b -> b);
    fixture.enqueue(200, TIMEOUT);

    assertThatThrownBy(() -> fixture.execute(fixture.post("/api/v5/trade/order", "{\"clOrdId\":\"b15\","
        + "\"tdMode\":\"cash\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"2\"}")))
        .isInstanceOf(ExecutionUnknownException.class)
        .hasFieldOrPropertyWithValue("cause", null);
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void itSaysHowItIsConfigured() {
    assertThat(OrderLookupReconciler.builder(Exchange.OKX).lookups(1).orderExpiry(Duration.ofSeconds(5)).build())
        .hasToString("OrderLookupReconciler{okx, lookups=1, orderExpiry=PT5S}");
    assertThat(OrderLookupReconciler.builder(Exchange.BYBIT).build()).hasToString("OrderLookupReconciler{bybit, lookups=4}");
    assertThatThrownBy(() -> OrderLookupReconciler.builder(Exchange.OKX).lookups(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
