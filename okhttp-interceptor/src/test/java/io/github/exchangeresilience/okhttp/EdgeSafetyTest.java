package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The edges of the safety rule, each as a bot meets it through the public API: bodies that fail after the headers,
 * breaker permissions on every path, numbers from the wire that would overflow or never end, a code read before the
 * body broke, compressed answers the application asked for itself, and connections held through a back-off.
 */
class EdgeSafetyTest {
  private static final String BINANCE_ORDER = "/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
      + "&newClientOrderId=bot-42&timestamp=1659146000000&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b";
  private static final String NEW_ORDER = "{\"orderId\":22542179,\"symbol\":\"BTCUSDT\",\"status\":\"NEW\","
      + "\"clientOrderId\":\"bot-42\",\"price\":\"0\",\"origQty\":\"0.01\",\"side\":\"BUY\",\"type\":\"MARKET\"}";
  private static final String OKX_ORDER = "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"b15\","
      + "\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"2.15\",\"sz\":\"2\"}";
  private static final String OKX_PLACED = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"b15\","
      + "\"ordId\":\"312269865356374016\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"0\",\"sMsg\":\"\"}],"
      + "\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}";
  private static final String OKX_TICKER = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instType\":\"SPOT\","
      + "\"instId\":\"BTC-USDT\",\"last\":\"9999.99\",\"lastSz\":\"0.1\",\"askPx\":\"9999.99\",\"ts\":\"1597026383085\"}]}";
  private static final String SHUTTING_DOWN = "{\"code\":-1016,\"msg\":\"This service is no longer available.\"}";
  private static final Duration THREE_DAYS = Duration.ofDays(3);

  private InterceptorFixture fixture;
  private final CappedWaits capped = new CappedWaits();

  @AfterEach
  void tearDown() {
    if (fixture != null) {
      assertThat(fixture.unclosedBodies()).as("response bodies left open").isZero();
      fixture.close();
    }
  }

  private Request binanceOrder() {
    return new Request.Builder().url(fixture.server.url(BINANCE_ORDER))
        .post(RequestBody.create(new byte[0], null))
        .header("X-MBX-APIKEY", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A")
        .build();
  }

  private Request okxOrder() {
    return fixture.post("/api/v5/trade/order", OKX_ORDER);
  }

  /** A 200 whose headers promise 100,000 bytes and whose body stops after the first few. */
  private static MockResponse stallingAfterHeaders(String firstBytes) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(firstBytes).setHeader("Content-Length", "100000").build();
  }

  // ---- 1. A body that fails after the headers ----

  @Test
  void anOrderWhoseBodyStallsAfterTheHeadersIsReconciledNotThrownRaw() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, builder -> builder,
        client -> client.readTimeout(300, TimeUnit.MILLISECONDS));
    fixture.server.enqueue(stallingAfterHeaders("{\"orderId\":1,"));

    assertThatThrownBy(() -> fixture.execute(binanceOrder()))
        .isInstanceOf(ExecutionUnknownException.class)
        .asInstanceOf(type(ExecutionUnknownException.class))
        .satisfies(e -> {
          assertThat(e.clientOrderId()).contains("bot-42");
          assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
        });
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests()).singleElement()
        .satisfies(asked -> {
          assertThat(asked.clientOrderId()).isEqualTo("bot-42");
          assertThat(asked.failure()).isInstanceOf(SocketTimeoutException.class);
        });
  }

  @Test
  void anOrderWhoseBodyStallsIsHandedBackAsFoundWhenTheReconcilerFindsIt() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, builder -> builder,
        client -> client.readTimeout(300, TimeUnit.MILLISECONDS));
    fixture.reconciler.answering(ReconcileResult.found(NEW_ORDER));
    fixture.server.enqueue(stallingAfterHeaders("{\"orderId\":22542179,"));

    try (Response response = fixture.execute(binanceOrder())) {
      assertThat(response.body().string()).isEqualTo(NEW_ORDER);
    }
    assertThat(fixture.requestCount()).as("found: never resent").isEqualTo(1);
  }

  @Test
  void aGetWhoseBodyStallsIsRetriedAsAnIoFailure() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX, builder -> builder,
        client -> client.readTimeout(300, TimeUnit.MILLISECONDS));
    fixture.server.enqueue(stallingAfterHeaders("{\"code\":\"0\",\"msg\":\"\",\"data\":[{"));
    fixture.enqueue(200, OKX_TICKER);

    try (Response response = fixture.execute(fixture.get("/api/v5/market/ticker?instId=BTC-USDT"))) {
      assertThat(response.body().string()).isEqualTo(OKX_TICKER);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.reconciler.requests()).isEmpty();
  }

  // ---- 2. Every breaker permission is recorded or released ----

  private static CircuitBreakerConfig quickBreaker() {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(2)
        .minimumNumberOfCalls(2)
        .failureRateThreshold(50)
        .waitDurationInOpenState(Duration.ofMillis(100))
        .permittedNumberOfCallsInHalfOpenState(1)
        .build();
  }

  private void openTheBreaker() throws IOException {
    for (int i = 0; i < 2; i++) {
      fixture.enqueue(503, SHUTTING_DOWN);
      try (Response response = fixture.execute(fixture.get("/fapi/v1/exchangeInfo"))) {
        assertThat(response.code()).isEqualTo(503);
      }
    }
    assertThat(fixture.interceptor.circuitBreaker(Exchange.BINANCE_USDM).getState())
        .isEqualTo(CircuitBreaker.State.OPEN);
  }

  private static void waitOutTheOpenState() throws InterruptedException {
    Thread.sleep(150);
  }

  @Test
  void aHalfOpenProbeAnsweredWithABrokenGzipBodyIsRecordedAndTheBreakerRecovers() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM,
        builder -> builder.maxAttempts(1).circuitBreakerConfig(quickBreaker()));
    openTheBreaker();
    waitOutTheOpenState();
    fixture.server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "application/json")
        .addHeader("Content-Encoding", "gzip").body("this is not gzip at all").build());

    try (Response probe = fixture.execute(fixture.get("/fapi/v1/exchangeInfo")
        .newBuilder().header("Accept-Encoding", "gzip").build())) {
      assertThat(probe.code()).isEqualTo(503);
    }
    CircuitBreaker breaker = fixture.interceptor.circuitBreaker(Exchange.BINANCE_USDM);
    assertThat(breaker.getState()).as("the failed probe reopened it").isEqualTo(CircuitBreaker.State.OPEN);

    waitOutTheOpenState();
    fixture.enqueue(200, "{\"serverTime\":1659146001000}");
    try (Response healthy = fixture.execute(fixture.get("/fapi/v1/time"))) {
      assertThat(healthy.code()).isEqualTo(200);
    }
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(fixture.requestCount()).isEqualTo(4);
  }

  @Test
  void aSignerThatFailsOnTheHalfOpenProbeReleasesItsPermission() throws Exception {
    List<Boolean> failSigning = new CopyOnWriteArrayList<>(List.of(true));
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, builder -> builder.maxAttempts(1)
        .circuitBreakerConfig(quickBreaker())
        .signer(request -> {
          if (!failSigning.isEmpty() && failSigning.remove(0)) {
            throw new IllegalStateException("HSM unreachable");
          }
          return request.request();
        }));
    failSigning.clear();
    openTheBreaker();
    waitOutTheOpenState();
    failSigning.add(true);

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/exchangeInfo")))
        .isInstanceOf(IOException.class)
        .hasRootCauseInstanceOf(IllegalStateException.class);
    assertThat(fixture.requestCount()).isEqualTo(2);

    fixture.enqueue(200, "{\"serverTime\":1659146001000}");
    try (Response healthy = fixture.execute(fixture.get("/fapi/v1/time"))) {
      assertThat(healthy.code()).as("the probe's permission was given back").isEqualTo(200);
    }
    assertThat(fixture.requestCount()).isEqualTo(3);
  }

  @Test
  void aReconcilerThatThrowsLeavesTheOrderInDoubtAndNeverCrossesOkHttpRaw() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, builder -> builder
        .circuitBreakerConfig(quickBreaker())
        .reconciler(request -> {
          throw new IllegalStateException("lookup service down");
        }));
    fixture.enqueue(200, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status"
        + " unknown; execution status unknown.\"}");

    assertThatThrownBy(() -> fixture.execute(binanceOrder()))
        .isInstanceOf(ExecutionUnknownException.class)
        .hasCauseInstanceOf(IllegalStateException.class)
        .asInstanceOf(type(ExecutionUnknownException.class))
        .satisfies(e -> assertThat(e.clientOrderId()).contains("bot-42"));

    fixture.enqueue(200, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server.\"}");
    Object async = fixture.enqueueAndAwait(binanceOrder());
    assertThat(async).isInstanceOf(ExecutionUnknownException.class);
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  // ---- 3 and 4. Numbers from the wire: range-checked, capped, never an overflow ----

  @Test
  void anAbsurdRetryAfterIsCappedAndNeverThrowsADateTimeException() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, builder -> builder.listener(capped));
    fixture.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", "Retry-After: 99999999999999999");

    try (Response response = fixture.execute(fixture.get("/fapi/v1/exchangeInfo"))) {
      assertThat(response.code()).as("beyond maxRateLimitWait: the answer, unchanged").isEqualTo(429);
    }
    assertThat(capped.waits).singleElement().isEqualTo(THREE_DAYS);

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/exchangeInfo")))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .satisfies(e -> assertThat(e.retryAfter()).hasValueSatisfying(
            wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(THREE_DAYS)));
    assertThat(fixture.requestCount()).isEqualTo(1);

    fixture.time.advance(THREE_DAYS);
    fixture.enqueue(200, "{\"serverTime\":1659405200000}");
    try (Response resumed = fixture.execute(fixture.get("/fapi/v1/time"))) {
      assertThat(resumed.code()).as("calls resume once the cap has passed").isEqualTo(200);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void retryAfterBeyondALongIsCappedToo() throws Exception {
    for (String absurd : List.of("9223372036854775807", "99999999999999999999999999")) {
      InterceptorFixture each = new InterceptorFixture(Exchange.BINANCE_USDM, builder -> builder.listener(capped));
      try {
        each.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", "Retry-After: " + absurd);
        try (Response response = each.execute(each.get("/fapi/v1/exchangeInfo"))) {
          assertThat(response.code()).isEqualTo(429);
        }
        assertThatThrownBy(() -> each.execute(each.get("/fapi/v1/exchangeInfo")))
            .isInstanceOf(FailFastException.class);
        assertThat(each.requestCount()).isEqualTo(1);
        assertThat(each.unclosedBodies()).isZero();
      } finally {
        each.close();
      }
    }
    assertThat(capped.waits).containsExactly(THREE_DAYS, THREE_DAYS);
  }

  @Test
  void anAbsurdRetryAfterReachesAnAsyncCallbackAsTheAnswerNotAsACrash() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM);
    fixture.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", "Retry-After: 9223372036854775807");

    Object outcome = fixture.enqueueAndAwait(fixture.get("/fapi/v1/exchangeInfo"));

    assertThat(outcome).isInstanceOf(Response.class);
    try (Response response = (Response) outcome) {
      assertThat(response.code()).isEqualTo(429);
    }
  }

  @Test
  void aBanUntilTheYear5138IsCappedAndCallsResumeAfterTheCap() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, builder -> builder.listener(capped));
    fixture.enqueue(418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 99999999999999.\"}");

    Instant cap = fixture.time.instant().plus(THREE_DAYS);
    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/exchangeInfo")))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .satisfies(e -> {
          assertThat(e.reason()).isEqualTo(FailFastException.Reason.BAN_IN_FORCE);
          assertThat(e.bannedUntil()).contains(cap);
        });
    assertThat(fixture.interceptor.bannedUntil(Exchange.BINANCE_USDM)).contains(cap);
    assertThat(capped.waits).singleElement().isEqualTo(THREE_DAYS);

    fixture.time.advance(THREE_DAYS.minusSeconds(1));
    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/exchangeInfo")))
        .isInstanceOf(FailFastException.class);
    fixture.time.advance(Duration.ofSeconds(1));
    fixture.enqueue(200, "{\"serverTime\":1659405200000}");
    try (Response resumed = fixture.execute(fixture.get("/fapi/v1/time"))) {
      assertThat(resumed.code()).isEqualTo(200);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void aBanUntilLongMaxIsCappedToo() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, builder -> builder.maxServerWait(Duration.ofHours(1)));
    fixture.enqueue(418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 9223372036854775807.\"}");

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/exchangeInfo")))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .satisfies(e -> assertThat(e.bannedUntil()).contains(fixture.time.instant().plus(Duration.ofHours(1))));
  }

  @Test
  void aBybitWindowResetThousandsOfYearsAwayIsCapped() throws Exception {
    fixture = new InterceptorFixture(Exchange.BYBIT, builder -> builder.listener(capped));
    fixture.enqueue(200, "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"retExtInfo\":{},"
        + "\"time\":1659146000000}", "X-Bapi-Limit: 10", "X-Bapi-Limit-Status: 0",
        "X-Bapi-Limit-Reset-Timestamp: 99999999999999");

    try (Response response = fixture.execute(fixture.get("/v5/market/tickers?category=linear"))) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(capped.waits).singleElement().isEqualTo(THREE_DAYS);
    assertThatThrownBy(() -> fixture.execute(fixture.get("/v5/market/tickers?category=linear")))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .satisfies(e -> assertThat(e.retryAfter()).hasValueSatisfying(
            wait -> assertThat(wait).isLessThanOrEqualTo(THREE_DAYS)));

    fixture.time.advance(THREE_DAYS);
    fixture.enqueue(200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[]},\"retExtInfo\":{},"
        + "\"time\":1659405200000}");
    try (Response resumed = fixture.execute(fixture.get("/v5/market/tickers?category=linear"))) {
      assertThat(resumed.code()).isEqualTo(200);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void maxServerWaitMustBePositive() {
    assertThatThrownBy(() -> ExchangeResilienceInterceptor.builder(Exchange.OKX).maxServerWait(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxServerWait");
  }

  // ---- 6. A code read before the body broke counts ----

  @Test
  void aCodeReadBeforeInvalidUtf8IsTheCodeThatDecides() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM);
    Buffer body = new Buffer().writeUtf8("{\"code\":-1007,\"msg\":\"Timeout ")
        .write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}).writeUtf8("\"}");
    fixture.server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
        .body(body).build());

    assertThatThrownBy(() -> fixture.execute(binanceOrder()))
        .isInstanceOf(ExecutionUnknownException.class)
        .asInstanceOf(type(ExecutionUnknownException.class))
        .satisfies(e -> {
          assertThat(e.clientOrderId()).contains("bot-42");
          assertThat(e.code()).contains("-1007");
        });
    assertThat(fixture.reconciler.requests()).hasSize(1);
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  // ---- 7. Compressed answers the application asked for itself ----

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static String gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private void enqueueCompressed(String encoding, byte[] body) {
    fixture.server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .addHeader("Content-Encoding", encoding).body(new Buffer().write(body)).build());
  }

  private static Request acceptingGzip(Request request) {
    return request.newBuilder().header("Accept-Encoding", "gzip").build();
  }

  @Test
  void aGzippedRateLimitInsideA200IsReadAndBackedOff() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX);
    enqueueCompressed("gzip", gzip("{\"code\":\"50011\",\"msg\":\"Rate limit reached. Please refer to API"
        + " documentation and throttle requests accordingly.\",\"data\":[]}"));
    enqueueCompressed("gzip", gzip(OKX_PLACED));

    try (Response response = fixture.execute(acceptingGzip(okxOrder()))) {
      assertThat(response.header("Content-Encoding")).as("handed over as it arrived").isEqualTo("gzip");
      assertThat(gunzip(response.body().bytes())).isEqualTo(OKX_PLACED);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.reconciler.requests()).isEmpty();
  }

  @Test
  void aGzippedSuccessOnAGetIsReturnedAfterOneRequest() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX);
    enqueueCompressed("gzip", gzip(OKX_TICKER));

    try (Response response = fixture.execute(acceptingGzip(fixture.get("/api/v5/market/ticker?instId=BTC-USDT")))) {
      assertThat(gunzip(response.body().bytes())).isEqualTo(OKX_TICKER);
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void aGzippedOrderPlacedIsPlacedNotInDoubt() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX);
    enqueueCompressed("gzip", gzip(OKX_PLACED));

    try (Response response = fixture.execute(acceptingGzip(okxOrder()))) {
      assertThat(gunzip(response.body().bytes())).isEqualTo(OKX_PLACED);
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests()).isEmpty();
  }

  @Test
  void aDeflatedErrorIsReadToo() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
      out.write(("{\"code\":\"50004\",\"msg\":\"Endpoint request timeout (does not indicate success or failure of"
          + " order, please check order status)\",\"data\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    enqueueCompressed("deflate", bytes.toByteArray());

    assertThatThrownBy(() -> fixture.execute(acceptingGzip(okxOrder())))
        .isInstanceOf(ExecutionUnknownException.class)
        .asInstanceOf(type(ExecutionUnknownException.class))
        .satisfies(e -> {
          assertThat(e.code()).contains("50004");
          assertThat(e.clientOrderId()).contains("b15");
        });
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void aGzipBombIsInflatedOnlyAsFarAsThePrefix() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX);
    // 64 MiB of a success body's data, a few hundred KiB compressed: only the 64 KiB prefix is ever inflated.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write("{\"code\":\"0\",\"msg\":\"\",\"data\":[\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] zeros = new byte[1 << 20];
      java.util.Arrays.fill(zeros, (byte) '0');
      for (int i = 0; i < 64; i++) {
        out.write(zeros);
      }
      out.write("\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    enqueueCompressed("gzip", bytes.toByteArray());

    try (Response response = fixture.execute(acceptingGzip(fixture.get("/api/v5/market/books?instId=BTC-USDT")))) {
      assertThat(response.body().contentLength()).isEqualTo(bytes.size());
      assertThat(response.body().source().readByteArray()).hasSize(bytes.size());
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void anOrderAnsweredWithUndecodableGzipIsInDoubtAndItsMessageHoldsNoRawBytes() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX);
    byte[] placed = gzip(OKX_PLACED);
    enqueueCompressed("gzip", java.util.Arrays.copyOfRange(placed, 12, placed.length));

    assertThatThrownBy(() -> fixture.execute(acceptingGzip(okxOrder())))
        .isInstanceOf(ExecutionUnknownException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x08\\x0E-\\x1F\\uFFFD]"));
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests()).hasSize(1);
  }

  // ---- 8. What is discarded is closed before the wait ----

  @Test
  void theDiscardedAnswerIsClosedBeforeEveryBackoff() throws Exception {
    List<Long> openDuringSleep = new CopyOnWriteArrayList<>();
    InterceptorFixture[] self = new InterceptorFixture[1];
    fixture = new InterceptorFixture(Exchange.OKX, builder -> builder.sleeper(wait -> {
      openDuringSleep.add(self[0].unclosedBodies());
      self[0].time.sleep(wait);
    }));
    self[0] = fixture;
    fixture.enqueue(200, "{\"code\":\"50013\",\"msg\":\"Systems are busy. Please try again later.\",\"data\":[]}");
    fixture.enqueue(429, "{\"code\":\"50011\",\"msg\":\"Rate limit reached.\",\"data\":[]}", "Retry-After: 5");
    fixture.enqueue(200, OKX_TICKER);

    try (Response response = fixture.execute(fixture.get("/api/v5/market/ticker?instId=BTC-USDT"))) {
      assertThat(response.body().string()).isEqualTo(OKX_TICKER);
    }
    assertThat(fixture.requestCount()).isEqualTo(3);
    assertThat(openDuringSleep).hasSizeGreaterThanOrEqualTo(2).containsOnly(0L);
  }

  /** The capped waits and bans a listener heard of. */
  private static final class CappedWaits implements ResilienceListener {
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void onServerWaitCapped(Exchange exchange, Duration named, Duration cap) {
      assertThat(named).isGreaterThan(cap);
      waits.add(cap);
    }
  }
}
