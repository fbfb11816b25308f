package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.CatalogFiles;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OkxRoutingTest {
  private static final String ORDER = "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"b15\","
      + "\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"2.15\",\"sz\":\"2\"}";
  private static final String PLACED = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"b15\","
      + "\"ordId\":\"312269865356374016\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"0\",\"sMsg\":\"\"}],"
      + "\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}";

  private InterceptorFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX);
  }

  @AfterEach
  void tearDown() {
    assertThat(fixture.unclosedBodies()).as("response bodies left open").isZero();
    fixture.close();
  }

  private Request order() {
    return fixture.post("/api/v5/trade/order", ORDER).newBuilder()
        .header("OK-ACCESS-KEY", "37c541a1-c6b1-4d33-9f5e-8f0ed47a6e10")
        .header("OK-ACCESS-SIGN", "5Qc9G4vW0XoEXAMPLESIGNATURE+oP8=")
        .header("OK-ACCESS-PASSPHRASE", "correct horse battery staple")
        .header("OK-ACCESS-TIMESTAMP", "2020-12-08T09:08:57.715Z")
        .build();
  }
  /**
   * The order as the interceptor sees it when a signing interceptor added after it signs every attempt (the README's
   * set-up): no signature yet. One that arrives signed is resent only within its receive window (SdkAdoptionTest).
   */
  private Request signedAfterTheInterceptor() {
    Request order = order();
    return order.newBuilder().url(order.url().newBuilder().removeAllQueryParameters("signature").build())
        .removeHeader("OK-ACCESS-SIGN").build();
  }


  @Test
  void rateLimitInsideHttp200IsRetriedAfterBackoff() throws Exception {
    fixture.enqueue(200, "{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}");
    fixture.enqueue(200, PLACED);

    try (Response response = fixture.execute(order())) {
      assertThat(response.body().string()).isEqualTo(PLACED);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
    // No wait named: the order budget (60 per 2 s) was drained, so the retry waited for its next window.
    assertThat(fixture.time.sleeps()).singleElement()
        .satisfies(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2)));
  }

  @Test
  void aRateLimitedReadWithNoBudgetWaitsOutOkxsWindowInsteadOfRetryingIntoIt() throws Exception {
    String ticker = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT\",\"last\":\"43000.1\"}]}";
    fixture.enqueue(200, "{\"code\":\"50011\",\"msg\":\"Rate limit reached. Please refer to API documentation and"
        + " throttle requests accordingly.\",\"data\":[]}");
    fixture.enqueue(200, ticker);

    try (Response response = fixture.execute(fixture.get("/api/v5/market/ticker?instId=BTC-USDT"))) {
      assertThat(response.body().string()).isEqualTo(ticker);
    }
    // A market-data read is under no budget: it waits the shortest window OKX documents (2 s), once, and no sooner.
    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.time.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void batchItemFailureIsNotRetried() throws Exception {
    String failed = "{\"code\":\"1\",\"msg\":\"All operations failed\",\"data\":[{\"clOrdId\":\"b15\",\"ordId\":\"\","
        + "\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"51008\",\"sMsg\":\"Order failed. Insufficient USDT"
        + " balance in account.\"}],\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}";
    fixture.enqueue(200, failed);

    try (Response response = fixture.execute(order())) {
      assertThat(response.body().string()).isEqualTo(failed);
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests()).isEmpty();
  }

  @Test
  void endpointTimeoutIsReconciledWithTheClientOrderIdFromTheJsonBody() throws Exception {
    fixture.enqueue(400, "{\"code\":\"50004\",\"msg\":\"Endpoint request timeout (does not mean that the request"
        + " was successful or failed, please check the request result).\",\"data\":[]}");
    fixture.reconciler.answering(ReconcileResult.notExecuted());
    fixture.enqueue(200, PLACED);

    try (Response response = fixture.execute(order())) {
      assertThat(response.body().string()).isEqualTo(PLACED);
    }
    assertThat(fixture.reconciler.requests()).singleElement()
        .satisfies(asked -> assertThat(asked.clientOrderId()).isEqualTo("b15"));
    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.take().getBody().utf8()).isEqualTo(ORDER);
    assertThat(fixture.take().getBody().utf8()).isEqualTo(ORDER);
  }

  @Test
  void aDuplicateClientOrderIdMeansTheOrderExistsSoItIsReconciledNotHandedBackAsARejection() throws Exception {
    String duplicate = "{\"code\":\"1\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"b15\",\"ordId\":\"\","
        + "\"sCode\":\"51016\",\"sMsg\":\"Duplicated client order ID.\"}]}";
    fixture.enqueue(200, duplicate);
    fixture.reconciler.answering(ReconcileResult.found(PLACED));

    try (Response response = fixture.execute(order())) {
      assertThat(response.body().string()).isEqualTo(PLACED);
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.reconciler.requests()).singleElement()
        .satisfies(asked -> assertThat(asked.clientOrderId()).isEqualTo("b15"));

    // A reconciler that cannot find what the exchange says exists is not believed: unknown, never a resend.
    fixture.enqueue(200, duplicate);
    fixture.reconciler.answering(ReconcileResult.notExecuted());
    assertThatThrownBy(() -> fixture.execute(order())).isInstanceOf(ExecutionUnknownException.class);
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void expiredTimestampResyncsOnce() throws Exception {
    fixture.enqueue(401, "{\"code\":\"50102\",\"msg\":\"Timestamp request expired.\",\"data\":[]}");
    fixture.enqueue(200, PLACED);

    fixture.execute(signedAfterTheInterceptor()).close();

    assertThat(fixture.timeSyncs).containsExactly("okx");
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void invalidSignatureFailsFastAndNeverLeaksSecrets() throws Exception {
    fixture.enqueue(401, "{\"code\":\"50113\",\"msg\":\"Invalid signature.\",\"data\":[]}");

    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(ExchangeErrorException.class)
        .satisfies(e -> assertThat(e.getMessage())
            .contains("50113", "POST /api/v5/trade/order", "Invalid signature.")
            .doesNotContain("37c541a1", "5Qc9G4vW0Xo", "correct horse"));
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void accountRestrictionFailsFast() throws Exception {
    fixture.enqueue(200, "{\"code\":\"50007\",\"msg\":\"Account blocked.\",\"data\":[]}");

    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(ExchangeErrorException.class)
        .asInstanceOf(type(ExchangeErrorException.class))
        .extracting(ExchangeErrorException::policyClass)
        .isEqualTo(PolicyClass.ACCOUNT_RESTRICTED);
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void rejectionBecomesAnExceptionWhenAsked() throws Exception {
    try (InterceptorFixture throwing = new InterceptorFixture(Exchange.OKX, b -> b.throwOnError(true))) {
      throwing.enqueue(200, "{\"code\":\"51008\",\"msg\":\"Order failed. Insufficient USDT balance in account.\","
          + "\"data\":[]}");

      assertThatThrownBy(() -> throwing.execute(throwing.post("/api/v5/trade/order", ORDER)))
          .isInstanceOf(ExchangeErrorException.class)
          .asInstanceOf(type(ExchangeErrorException.class))
          .satisfies(e -> {
            assertThat(e.policyClass()).isEqualTo(PolicyClass.REJECTED);
            assertThat(e.code()).contains("51008");
            assertThat(e.exchangeMessage()).contains("Insufficient USDT balance");
          });
      assertThat(throwing.requestCount()).isEqualTo(1);
      assertThat(throwing.unclosedBodies()).isZero();
    }
  }

  @Test
  void cancelIsIdempotentSoAServerErrorOnItIsRetried() throws Exception {
    fixture.enqueue(500, "{\"code\":\"50026\",\"msg\":\"System error.\",\"data\":[]}");
    fixture.enqueue(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"b15\",\"ordId\":\"3122698653\","
        + "\"sCode\":\"0\",\"sMsg\":\"\"}]}");

    try (Response response = fixture.execute(fixture.post("/api/v5/trade/cancel-order",
        "{\"instId\":\"BTC-USDT\",\"clOrdId\":\"b15\"}"))) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.reconciler.requests()).isEmpty();
  }

  @Test
  void accountOrderRateLimitInsideHttp200WaitsRatherThanReconciles() throws Exception {
    // 50061 came with OKX's REST public page; before it, an unknown code in a 2xx read as "execution unknown".
    fixture.enqueue(200, "{\"code\":\"50061\",\"msg\":\"You've reached the maximum order rate limit for this"
        + " account.\",\"data\":[]}");
    fixture.enqueue(200, PLACED);

    fixture.execute(order()).close();

    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.reconciler.requests()).isEmpty();
    assertThat(fixture.time.sleeps()).singleElement().satisfies(wait -> assertThat(wait).isPositive());
  }

  @Test
  void aCatalogRegeneratedIntoADirectoryRoutesACodeTheBuiltInOneLacks(@TempDir Path directory) throws Exception {
    List<CatalogEntry> lines = new ArrayList<>(CatalogFiles.loadBuiltIn(Exchange.OKX));
    lines.add(CatalogEntry.builder()
        .exchange(Exchange.OKX)
        .code("50099")
        .httpStatus(200)
        .addMessage(LocalizedMessage.en("Too many requests from this sub-account."))
        .source("okx-public-newer.md")
        .documentKind("okx-rest-public")
        .policyClass(PolicyClass.RATE_LIMITED)
        .classifiedBy("any.rate-limited")
        .build());
    try (OutputStream out = Files.newOutputStream(directory.resolve("okx.json"))) {
      CatalogFiles.write(Exchange.OKX, lines, out);
    }
    String answer = "{\"code\":\"50099\",\"msg\":\"Too many requests from this sub-account.\",\"data\":[]}";

    try (InterceptorFixture regenerated = new InterceptorFixture(Exchange.OKX,
        b -> b.catalog(fromDirectory(directory)))) {
      regenerated.enqueue(200, answer);
      regenerated.enqueue(200, PLACED);

      regenerated.execute(regenerated.post("/api/v5/trade/order", ORDER)).close();

      assertThat(regenerated.requestCount()).as("waited and resent").isEqualTo(2);
      assertThat(regenerated.reconciler.requests()).isEmpty();
    }
    fixture.enqueue(200, answer);
    assertThatThrownBy(() -> fixture.execute(order()))
        .as("the built-in catalog does not know 50099: unknown inside a 2xx, the order is looked up")
        .isInstanceOf(ExecutionUnknownException.class);
    assertThat(fixture.reconciler.requests()).hasSize(1);
  }

  private static ErrorCatalog fromDirectory(Path directory) {
    try {
      return ErrorCatalog.fromDirectory(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void classOverrideChangesRouting() throws Exception {
    try (InterceptorFixture overridden = new InterceptorFixture(Exchange.OKX,
        b -> b.classOverride(Exchange.OKX, "51008", PolicyClass.TRANSIENT))) {
      overridden.enqueue(200, "{\"code\":\"51008\",\"msg\":\"Order failed. Insufficient balance.\",\"data\":[]}");
      overridden.enqueue(200, PLACED);

      overridden.execute(overridden.post("/api/v5/trade/order", ORDER)).close();

      assertThat(overridden.requestCount()).isEqualTo(2);
      assertThat(overridden.time.sleeps()).hasSize(1).allSatisfy(wait -> assertThat(wait).isPositive());
      assertThat(overridden.time.totalSlept()).isLessThan(Duration.ofSeconds(1));
    }
  }
}
