package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * What an application that already has an SDK meets: the interceptor put into the SDK's own client, requests the SDK
 * signed, final answers handed back for the SDK's own exceptions, and the interceptor's outcome of a call the SDK
 * wrapped. Through the public API, against an exchange on loopback, counting what it received.
 */
class SdkAdoptionTest {
  /** The fixture's clock, as Binance's timestamp parameter and Bybit's timestamp header carry it. */
  private static final long SIGNED_AT = InterceptorFixture.START.toEpochMilli();
  private static final String SIGNED_ORDER = "/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
      + "&newClientOrderId=sdk-7&timestamp=" + SIGNED_AT + "&signature=3c661234abcd";

  // ---- Installing into a client an SDK built ----

  @Test
  void decoratingAClientKeepsItsSettingsAndPutsTheInterceptorFirst() {
    Interceptor sdkSigner = chain -> chain.proceed(chain.request());
    Dispatcher dispatcher = new Dispatcher();
    OkHttpClient sdkClient = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .readTimeout(7, TimeUnit.SECONDS)
        .pingInterval(20, TimeUnit.SECONDS)
        .addInterceptor(sdkSigner)
        .build();
    ExchangeResilienceInterceptor interceptor = ExchangeResilienceInterceptor.builder(Exchange.BYBIT).build();

    OkHttpClient decorated = interceptor.decorate(sdkClient);

    assertThat(decorated.interceptors()).containsExactly(interceptor, sdkSigner);
    assertThat(decorated.retryOnConnectionFailure()).isFalse();
    assertThat(decorated.dispatcher()).isSameAs(dispatcher);
    assertThat(decorated.connectionPool()).isSameAs(sdkClient.connectionPool());
    assertThat(decorated.readTimeoutMillis()).isEqualTo(7_000);
    assertThat(decorated.pingIntervalMillis()).isEqualTo(20_000);
    assertThat(interceptor.decorate(decorated)).isSameAs(decorated);
    assertThatThrownBy(() -> ExchangeResilienceInterceptor.builder(Exchange.BYBIT).build().decorate(decorated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another ExchangeResilienceInterceptor");
  }

  // ---- Requests signed outside the library ----

  @Test
  void aWaitBeyondTheReceiveWindowOfAnSdksSignatureEndsTheCallInsteadOfResendingStaleBytes() throws Exception {
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.BINANCE_USDM)) {
      fixture.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 2400 requests per minute.\"}",
          "Retry-After: 6");

      assertThatThrownBy(() -> fixture.execute(fixture.post(SIGNED_ORDER, "")))
          .isInstanceOf(SignatureExpiredException.class)
          .hasMessageContaining("signed outside the interceptor; expired while waiting")
          .hasMessageContaining("not resent")
          .hasMessageNotContaining("3c661234abcd")
          .satisfies(e -> {
            SignatureExpiredException expired = (SignatureExpiredException) e;
            assertThat(expired.code()).contains("-1003");
            assertThat(expired.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
            assertThat(expired.retryAfter()).contains(Duration.ofSeconds(6));
            assertThat(expired.clientOrderId()).contains("sdk-7");
            assertThat(expired.expiredAt()).isEqualTo(InterceptorFixture.START.plusSeconds(5));
          });
      assertThat(fixture.requestCount()).isEqualTo(1);
      assertThat(fixture.slept()).isZero();
      assertThat(fixture.unclosedBodies()).isZero();
    }
  }

  @Test
  void aWaitInsideTheWindowTheRequestNamesIsStillResent() throws Exception {
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.BINANCE_USDM)) {
      fixture.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", "Retry-After: 6");
      fixture.enqueue(200, "{\"orderId\":22542179,\"clientOrderId\":\"sdk-7\",\"status\":\"NEW\"}");

      try (Response response = fixture.execute(fixture.post(SIGNED_ORDER + "&recvWindow=10000", ""))) {
        assertThat(response.code()).isEqualTo(200);
      }

      assertThat(fixture.requestCount()).isEqualTo(2);
      assertThat(fixture.slept()).isEqualTo(Duration.ofSeconds(6));
    }
  }

  @Test
  void aClockSkewAnswerToAnSdksSignatureIsHandedBackNotResentUnchanged() throws Exception {
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.BINANCE_USDM)) {
      fixture.enqueue(400, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}");

      try (Response response = fixture.execute(fixture.post(SIGNED_ORDER, ""))) {
        assertThat(response.code()).isEqualTo(400);
        assertThat(response.body().string()).contains("-1021");
      }

      assertThat(fixture.requestCount()).isEqualTo(1);
      assertThat(fixture.timeSyncs).isEmpty();
    }
  }

  @Test
  void bybitsSignatureHeadersAndTheirOwnWindowAreReadAlike() throws Exception {
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.BYBIT)) {
      long resetIn3s = SIGNED_AT + 3_000;
      fixture.enqueue(200, "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"retExtInfo\":{}}",
          "X-Bapi-Limit-Reset-Timestamp: " + resetIn3s);
      Request sdkSigned = fixture.post("/v5/order/create",
              "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"orderLinkId\":\"sdk-8\"}").newBuilder()
          .header("X-BAPI-API-KEY", "key").header("X-BAPI-SIGN", "f00d").header("X-BAPI-TIMESTAMP",
              Long.toString(SIGNED_AT)).header("X-BAPI-RECV-WINDOW", "2000").build();

      assertThatThrownBy(() -> fixture.execute(sdkSigned)).isInstanceOf(SignatureExpiredException.class)
          .hasMessageContaining("bybit").hasMessageNotContaining("f00d");
      assertThat(fixture.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void requestsSignedAfterTheInterceptorAreResentAsBefore() throws Exception {
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.BINANCE_USDM)) {
      fixture.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", "Retry-After: 6");
      fixture.enqueue(200, "{\"orderId\":1,\"clientOrderId\":\"a1\",\"status\":\"NEW\"}");

      // No signature when the interceptor sees it: a signing interceptor after it signs every attempt afresh.
      try (Response response = fixture.execute(fixture.post("/fapi/v1/order?symbol=BTCUSDT&newClientOrderId=a1",
          ""))) {
        assertThat(response.code()).isEqualTo(200);
      }
      assertThat(fixture.requestCount()).isEqualTo(2);
    }
  }

  // ---- Final answers for the SDK's own exceptions, and the interceptor's outcome after the SDK wrapped it ----

  @Test
  void handingAnswersBackLetsTheSdkReadTheCodeAndKeepsTheCooldown() throws Exception {
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.BINANCE_USDM,
        builder -> builder.handBackAnswers(true))) {
      String refused = "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}";
      fixture.enqueue(401, refused);

      try (Response response = fixture.execute(fixture.post("/fapi/v1/order?symbol=BTCUSDT&newClientOrderId=h1", "")
          .newBuilder().header("X-MBX-APIKEY", "k1").build())) {
        assertThat(response.code()).isEqualTo(401);
        assertThat(response.body().string()).isEqualTo(refused);
      }
      // No answer to hand back for a call refused locally: the cool-down still holds.
      assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v2/account").newBuilder()
          .header("X-MBX-APIKEY", "k1").build()))
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.REJECTED_KEY));
      assertThat(fixture.requestCount()).isEqualTo(1);
    }
    assertThatThrownBy(() -> ExchangeResilienceInterceptor.builder(Exchange.OKX).handBackAnswers(true)
        .throwOnError(true).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("contradict");
    assertThat(ResilienceOptions.DEFAULT_HAND_BACK_ANSWERS).isFalse();
  }

  @Test
  void theLastCallsOutcomeOnThisThreadCarriesTheClientOrderIdOfAnOrderInDoubt() throws Exception {
    LastCallOutcome last = new LastCallOutcome();
    List<String> ended = new CopyOnWriteArrayList<>();
    ResilienceListener heard = new ResilienceListener() {
      @Override
      public void onCallEnded(Exchange exchange, Request request, IOException failure) {
        ended.add(exchange.id() + " " + request.url().encodedPath() + " "
            + (failure == null ? "answer" : failure.getClass().getSimpleName()));
      }
    };
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.BINANCE_USDM,
        builder -> builder.reconciler(null).listener(ResilienceListener.composite(List.of(last, heard))))) {
      fixture.enqueue(408, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status"
          + " unknown; execution status unknown.\"}");
      fixture.enqueue(200, "{\"serverTime\":1659146000000}");

      IOException thrown = null;
      try {
        fixture.execute(fixture.post("/fapi/v1/order?symbol=BTCUSDT&side=BUY&newClientOrderId=doubt-1", "")).close();
      } catch (IOException e) {
        thrown = e; // what an SDK would wrap into an exception of its own, dropping the cause
      }

      assertThat(thrown).isInstanceOf(ExecutionUnknownException.class);
      assertThat(last.failure()).containsSame(thrown);
      assertThat(last.exchangeFailure()).get().isInstanceOfSatisfying(ExecutionUnknownException.class,
          unknown -> assertThat(unknown.clientOrderId()).contains("doubt-1"));
      assertThat(fixture.requestCount()).isEqualTo(1);

      fixture.execute(fixture.get("/fapi/v1/time")).close();
      assertThat(last.failure()).isEmpty();
      assertThat(ended).containsExactly("binance-usdm /fapi/v1/order ExecutionUnknownException",
          "binance-usdm /fapi/v1/time answer");
    }
  }

  // ---- Hosts: host:port matched on both, anything else refused, look-alikes reported ----

  @Test
  void hostAndPortTellTwoExchangesOnOneAddressApart() throws Exception {
    try (MockWebServer binance = new MockWebServer(); MockWebServer okx = new MockWebServer()) {
      binance.start();
      okx.start();
      ExchangeResilienceInterceptor interceptor = ExchangeResilienceInterceptor.builder()
          .host(binance.getHostName() + ":" + binance.getPort(), Exchange.BINANCE_USDM)
          .host(okx.getHostName() + ":" + okx.getPort(), Exchange.OKX)
          .build();

      assertThat(interceptor.exchangeOf(new Request.Builder().url(binance.url("/fapi/v1/order")).build()))
          .contains(Exchange.BINANCE_USDM);
      assertThat(interceptor.exchangeOf(new Request.Builder().url(okx.url("/api/v5/trade/order")).build()))
          .contains(Exchange.OKX);
      assertThat(interceptor.exchangeOf(new Request.Builder().url("http://" + okx.getHostName() + ":1/x").build()))
          .isEmpty();
    }
  }

  @Test
  void aHostWithASchemeOrAPathIsRefusedSinceItCouldNeverMatch() {
    for (String wrong : List.of("https://fapi.binance.com", "proxy.internal/fapi", "user@proxy", "", "a b")) {
      assertThatThrownBy(() -> ExchangeResilienceInterceptor.builder().host(wrong, Exchange.BINANCE_USDM))
          .as(wrong).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
    }
    ExchangeResilienceInterceptor.builder().host("[::1]:8080", Exchange.OKX).host("PROXY.internal", Exchange.BYBIT)
        .build();
  }

  @Test
  void aRequestToAnUnknownHostThatLooksLikeAnExchangesIsReportedOnce() throws Exception {
    List<String> logged = new CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger("io.github.exchangeresilience.okhttp");
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try (MockWebServer unknown = new MockWebServer()) {
      unknown.start();
      for (int i = 0; i < 3; i++) {
        unknown.enqueue(new MockResponse.Builder().body("{}").build());
      }
      OkHttpClient client = ExchangeResilienceInterceptor.builder().build().decorate(new OkHttpClient());

      client.newCall(new Request.Builder().url(unknown.url("/fapi/v1/order?symbol=BTCUSDT&signature=abc"))
          .post(okhttp3.RequestBody.create(new byte[0])).build()).execute().close();
      client.newCall(new Request.Builder().url(unknown.url("/fapi/v1/order")).build()).execute().close();
      client.newCall(new Request.Builder().url(unknown.url("/health")).build()).execute().close();

      String hostPort = unknown.getHostName() + ":" + unknown.getPort();
      assertThat(logged).singleElement().asString()
          .contains("POST " + hostPort + "/fapi/v1/order looks like a binance-usdm request")
          .contains("exchange-resilience.exchanges.binance-usdm.hosts=" + hostPort)
          .doesNotContain("signature", "abc");
      assertThat(unknown.getRequestCount()).isEqualTo(3);
    } finally {
      logger.removeHandler(handler);
    }
  }
}
