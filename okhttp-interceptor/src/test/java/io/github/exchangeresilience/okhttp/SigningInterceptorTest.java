package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decision.ReconcileOutcome;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.okhttp.SignedExchange.Received;
import io.github.exchangeresilience.okhttp.SignedExchange.Script;
import io.github.exchangeresilience.okhttp.signing.Credentials;
import io.github.exchangeresilience.okhttp.signing.CredentialsProvider;
import io.github.exchangeresilience.okhttp.signing.ExchangeSigning;
import io.github.exchangeresilience.okhttp.signing.MissingCredentialsException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The built-in signing against a simulated exchange that verifies every signature as the exchange does: every attempt
 * signed afresh, client order ids kept across attempts, orders in doubt looked up, clocks resynchronised, and no order
 * ever placed twice.
 */
class SigningInterceptorTest {
  private static final CredentialsProvider CREDENTIALS = CredentialsProvider.of(
      Credentials.of(SignedExchange.API_KEY, SignedExchange.SECRET, SignedExchange.PASSPHRASE));

  private InterceptorFixture fixture;
  private SignedExchange exchange;
  private ExchangeSigning signing;
  /** Everything the interceptor told its listener, as text: none of it may hold a secret. */
  private final List<String> heard = new CopyOnWriteArrayList<>();

  private void start(Exchange id, Duration skew) throws Exception {
    start(id, skew, builder -> builder);
  }

  private void start(Exchange id, Duration skew, UnaryOperator<ExchangeSigning.Builder> options) throws Exception {
    signing = options.apply(ExchangeSigning.builder(id, CREDENTIALS)).build();
    fixture = new InterceptorFixture(id, builder -> signing.configure(builder).listener(new RecordingListener()));
    exchange = new SignedExchange(id, fixture.time, skew);
    fixture.server.setDispatcher(exchange);
  }

  @AfterEach
  void tearDown() {
    if (fixture != null) {
      assertThat(fixture.unclosedBodies()).as("response bodies left open").isZero();
      fixture.close();
      assertThat(exchange.received).as("every request verified").allMatch(Received::verified);
      assertThat(String.join("\n", heard)).doesNotContain(SignedExchange.API_KEY, SignedExchange.SECRET,
          SignedExchange.PASSPHRASE);
    }
  }

  private Request order(Exchange id) {
    return switch (id) {
      case BINANCE_USDM -> new Request.Builder()
          .url(fixture.server.url("/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"))
          .post(RequestBody.create(new byte[0], null)).build();
      case OKX -> fixture.post("/api/v5/trade/order",
          "{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\"}");
      case BYBIT -> fixture.post("/v5/order/create", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\","
          + "\"orderType\":\"Market\",\"qty\":\"0.01\"}");
      case BITGET -> fixture.post("/api/v2/mix/order/place-order", "{\"symbol\":\"BTCUSDT\","
          + "\"productType\":\"USDT-FUTURES\",\"marginMode\":\"crossed\",\"marginCoin\":\"USDT\",\"size\":\"0.01\","
          + "\"side\":\"buy\",\"orderType\":\"market\"}");
    };
  }

  private String execute(Request request) throws Exception {
    try (Response response = fixture.execute(request)) {
      heard.add(response.toString());
      return response.body().string();
    }
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aRetryIsSignedAfreshWithANewTimestampAndTheSameClientOrderId(Exchange id) throws Exception {
    start(id, Duration.ZERO);
    exchange.then(Script.RATE_LIMIT, Script.PLACE);

    String answer = execute(order(id));

    List<Received> placements = exchange.placements();
    assertThat(placements).hasSize(2).allMatch(Received::verified);
    assertThat(placements.get(1).timestamp()).isGreaterThan(placements.get(0).timestamp());
    String clientOrderId = placements.get(0).clientOrderId();
    assertThat(clientOrderId).isNotBlank();
    assertThat(placements.get(1).clientOrderId()).isEqualTo(clientOrderId);
    assertThat(answer).contains(clientOrderId);
    assertThat(exchange.creates(clientOrderId)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void anOrderThatWasPlacedIsFoundByItsClientOrderId(Exchange id) throws Exception {
    start(id, Duration.ZERO);
    exchange.then(Script.UNKNOWN_PLACED);

    String answer = execute(order(id));

    assertThat(exchange.placements()).hasSize(1);
    String clientOrderId = exchange.placements().get(0).clientOrderId();
    // Found, and handed back in the shape of the placement's answer, with the order's id the lookup gave.
    assertThat(answer).contains(clientOrderId).contains(switch (id) {
      case BINANCE_USDM -> "\"status\":\"FILLED\"";
      case OKX -> "\"ordId\":\"312269865356374016\"";
      case BYBIT -> "\"orderId\":\"1321003749386327552\"";
      case BITGET -> "\"orderId\":\"1001\"";
    });
    assertThat(exchange.creates(clientOrderId)).isEqualTo(1);
    assertThat(exchange.lookups()).isNotEmpty().allMatch(Received::verified);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void anOrderThatWasNotPlacedIsResentOnceWithTheSameClientOrderId(Exchange id) throws Exception {
    start(id, Duration.ZERO);
    exchange.then(Script.UNKNOWN_NOT_PLACED, Script.PLACE);

    String answer = execute(order(id));

    List<Received> placements = exchange.placements();
    assertThat(placements).hasSize(2);
    String clientOrderId = placements.get(0).clientOrderId();
    assertThat(placements.get(1).clientOrderId()).isEqualTo(clientOrderId);
    assertThat(exchange.creates(clientOrderId)).isEqualTo(1);
    assertThat(answer).contains(clientOrderId);
    // Four rounds of lookups (Bybit: real-time and history each round) with backoff between them, on fake time.
    assertThat(exchange.lookups()).hasSize(id == Exchange.BYBIT ? 8 : 4);
    assertThat(fixture.time.sleeps()).containsSubsequence(Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofMillis(1000));
    assertThat(placements.get(1).timestamp()).isGreaterThan(placements.get(0).timestamp());
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void anOrderNotYetVisibleIsLookedUpAgainAndFound(Exchange id) throws Exception {
    start(id, Duration.ZERO);
    exchange.then(Script.UNKNOWN_PLACED).invisibleFor(2);

    String answer = execute(order(id));

    assertThat(exchange.placements()).hasSize(1);
    String clientOrderId = exchange.placements().get(0).clientOrderId();
    assertThat(answer).contains(clientOrderId);
    assertThat(exchange.creates(clientOrderId)).isEqualTo(1);
    assertThat(exchange.lookups()).hasSize(id == Exchange.BYBIT ? 6 : 3);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aClockSkewResyncsWithTheServerTimeAndTheResendCarriesTheOffset(Exchange id) throws Exception {
    start(id, Duration.ofSeconds(10));

    String answer = execute(order(id));

    List<Received> all = exchange.received;
    assertThat(all).extracting(Received::path)
        .containsExactly(all.get(0).path(), exchange.timePath(), all.get(0).path());
    assertThat(all.get(2).timestamp() - all.get(0).timestamp()).isEqualTo(10_000);
    assertThat(signing.serverTime().offset()).isEqualTo(Duration.ofSeconds(10));
    assertThat(answer).contains(all.get(2).clientOrderId());
    assertThat(exchange.creates(all.get(2).clientOrderId())).isEqualTo(1);
  }

  @Test
  void aServerClockBehindIsFollowedToo() throws Exception {
    start(Exchange.BINANCE_USDM, Duration.ofSeconds(-3));

    execute(order(Exchange.BINANCE_USDM));

    assertThat(exchange.received).hasSize(3);
    assertThat(signing.serverTime().offset()).isEqualTo(Duration.ofSeconds(-3));
    assertThat(exchange.received.get(2).timestamp()).isEqualTo(fixture.time.millis() - 3000);
  }

  @Test
  void binanceFormBodiesAreSignedWithTheQueryAndTheSignatureLast() throws Exception {
    start(Exchange.BINANCE_USDM, Duration.ZERO);
    exchange.then(Script.RATE_LIMIT, Script.PLACE);
    Request form = new Request.Builder().url(fixture.server.url("/fapi/v1/order?symbol=BTCUSDT"))
        .post(RequestBody.create("side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC",
            MediaType.get("application/x-www-form-urlencoded")))
        .build();

    execute(form);

    assertThat(exchange.placements()).hasSize(2).allMatch(Received::verified);
    RecordedRequestBodies bodies = new RecordedRequestBodies(fixture);
    assertThat(bodies.next()).startsWith("side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&newClientOrderId=")
        .containsOnlyOnce("timestamp=").containsOnlyOnce("signature=").matches(".*&signature=[0-9a-f]{64}");
  }

  @Test
  void anApplicationsOwnClientOrderIdIsKept() throws Exception {
    start(Exchange.OKX, Duration.ZERO);

    execute(fixture.post("/api/v5/trade/order", "{\"instId\":\"BTC-USDT\",\"clOrdId\":\"mine42\",\"side\":\"buy\"}"));

    assertThat(exchange.placements()).singleElement().extracting(Received::clientOrderId).isEqualTo("mine42");
  }

  @Test
  void aLookupDuringABanIsUnresolvedAndNothingIsResent() throws Exception {
    start(Exchange.BINANCE_USDM, Duration.ZERO);
    exchange.then(Script.UNKNOWN_PLACED);
    fixture.interceptor.bannedUntil(Exchange.BINANCE_USDM); // none yet
    // A ban in force from the moment the order's answer arrives: the lookup fails fast.
    fixture.server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        mockwebserver3.MockResponse answer = exchange.dispatch(request);
        if ("POST".equals(request.getMethod())) {
          return answer;
        }
        return new mockwebserver3.MockResponse.Builder().code(418).addHeader("Retry-After", "120")
            .addHeader("Content-Type", "application/json")
            .body("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1659146268000.\"}").build();
      }
    });

    assertThatThrownBy(() -> execute(order(Exchange.BINANCE_USDM)))
        .isInstanceOf(ExecutionUnknownException.class)
        .asInstanceOf(type(ExecutionUnknownException.class))
        .satisfies(e -> {
          assertThat(e.clientOrderId()).isPresent();
          heard.add(e.toString());
        });
    assertThat(exchange.placements()).hasSize(1);
    assertThat(fixture.interceptor.bannedUntil(Exchange.BINANCE_USDM)).isPresent();
  }

  @Test
  void lookupsPassAnOpenCircuitBreaker() throws Exception {
    start(Exchange.BYBIT, Duration.ZERO);
    exchange.then(Script.UNKNOWN_PLACED);
    fixture.server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        mockwebserver3.MockResponse answer = exchange.dispatch(request);
        if ("POST".equals(request.getMethod())) {
          // The breaker opens while the order is in doubt: ordinary calls are kept away, its lookup is not.
          fixture.interceptor.circuitBreaker(Exchange.BYBIT).transitionToForcedOpenState();
        }
        return answer;
      }
    });

    String answer = execute(order(Exchange.BYBIT));

    String clientOrderId = exchange.placements().get(0).clientOrderId();
    assertThat(answer).contains(clientOrderId);
    assertThat(exchange.lookups()).hasSize(2);
    assertThatThrownBy(() -> execute(order(Exchange.BYBIT))).isInstanceOf(FailFastException.class);
  }

  @Test
  void okxOrderExpiryHoldsNotExecutedBackUntilTheAttemptsExpiryHasPassed() throws Exception {
    start(Exchange.OKX, Duration.ZERO, builder -> builder.orderExpiry(Duration.ofSeconds(5)));
    exchange.then(Script.UNKNOWN_NOT_PLACED, Script.PLACE);
    Instant started = fixture.time.instant();

    execute(order(Exchange.OKX));

    List<Received> placements = exchange.placements();
    assertThat(placements).hasSize(2);
    assertThat(placements.get(0).clientOrderId()).isEqualTo(placements.get(1).clientOrderId());
    RecordedRequestBodies requests = new RecordedRequestBodies(fixture);
    long firstExpiry = Long.parseLong(requests.nextRequest().getHeaders().get("expTime"));
    assertThat(firstExpiry).isEqualTo(started.toEpochMilli() + 5000);
    // The resend went out only after the first attempt's expiry had passed, with an expiry of its own.
    assertThat(placements.get(1).timestamp()).isGreaterThan(firstExpiry);
    assertThat(exchange.lookups()).hasSize(5);
  }

  @Test
  void missingCredentialsFailTheCallBeforeAnythingIsSent() throws Exception {
    signing = ExchangeSigning.forExchange(Exchange.BYBIT, () -> {
      throw new MissingCredentialsException("environment variable BYBIT_API_KEY is not set");
    });
    fixture = new InterceptorFixture(Exchange.BYBIT, builder -> signing.configure(builder));
    exchange = new SignedExchange(Exchange.BYBIT, fixture.time, Duration.ZERO);
    fixture.server.setDispatcher(exchange);

    assertThatThrownBy(() -> execute(order(Exchange.BYBIT)))
        .isInstanceOf(MissingCredentialsException.class)
        .hasMessage("environment variable BYBIT_API_KEY is not set");
    assertThat(fixture.requestCount()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void theSimulatedExchangeRefusesAWrongSignature(Exchange id) throws Exception {
    signing = ExchangeSigning.forExchange(id, CredentialsProvider.of(
        Credentials.of(SignedExchange.API_KEY, "not-the-secret", SignedExchange.PASSPHRASE)));
    fixture = new InterceptorFixture(id, builder -> signing.configure(builder).listener(new RecordingListener()));
    exchange = new SignedExchange(id, fixture.time, Duration.ZERO);
    fixture.server.setDispatcher(exchange);

    assertThatThrownBy(() -> execute(order(id)))
        .isInstanceOf(ExchangeErrorException.class)
        .asInstanceOf(type(ExchangeErrorException.class))
        .satisfies(e -> {
          assertThat(e.policyClass()).isEqualTo(PolicyClass.AUTH);
          heard.add(e.toString());
        });
    assertThat(exchange.received).singleElement().matches(received -> !received.verified());
    assertThat(exchange.orders).isEmpty();
    exchange.received.clear();
  }

  @Test
  void signingForOneExchangeRefusesAnInterceptorForSeveral() {
    ExchangeSigning binance = ExchangeSigning.forExchange(Exchange.BINANCE_USDM, CREDENTIALS);
    assertThatThrownBy(() -> binance.configure(ExchangeResilienceInterceptor.builder()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("builder(Exchange.BINANCE_USDM)");
  }

  /** The requests the server received, in order. */
  private static final class RecordedRequestBodies {
    private final InterceptorFixture fixture;

    RecordedRequestBodies(InterceptorFixture fixture) {
      this.fixture = fixture;
    }

    mockwebserver3.RecordedRequest nextRequest() throws InterruptedException {
      return fixture.take();
    }

    String next() throws InterruptedException {
      return fixture.take().getBody().utf8();
    }
  }

  /** Writes down everything the listener hears. */
  private final class RecordingListener implements ResilienceListener {
    @Override
    public void onResponse(Exchange exchange, Request request, DecodedResponse decoded, PolicyClass handledAs) {
      heard.add(request + " " + decoded);
    }

    @Override
    public void onRetry(Exchange exchange, Request request, PolicyClass cause, int attempt, Duration wait) {
      heard.add(request + " " + cause);
    }

    @Override
    public void onReconcile(Exchange exchange, Request request, ReconcileOutcome outcome) {
      heard.add(request + " " + outcome);
    }

    @Override
    public void onFailFast(Exchange exchange, Request request, FailFastException.Reason reason) {
      heard.add(request + " " + reason);
    }

    @Override
    public void onIoFailure(Exchange exchange, Request request, Exception failure) {
      heard.add(request + " " + failure);
    }
  }
}
