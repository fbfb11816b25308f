package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decision.ReconcileOutcome;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.exchange.RateBudget;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The decisions carried out, each through the public API against a server that counts what it received: items in
 * doubt handed to the reconciler, a ban that lands while a call waits, I/O failures that cannot have sent anything,
 * the reconciler's "not executed", and what the listener hears of each.
 */
class CarryOutTest {
  private static final String FORM_ORDER = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
      + "&newClientOrderId=form-7&timestamp=1659146000000&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b";
  private static final String NEW_ORDER = "{\"orderId\":22542179,\"symbol\":\"BTCUSDT\",\"status\":\"NEW\","
      + "\"clientOrderId\":\"form-7\",\"price\":\"0\",\"origQty\":\"0.01\",\"side\":\"BUY\",\"type\":\"MARKET\"}";
  private static final String SERVER_TIME = "{\"serverTime\":1659146001000}";
  private static final String OKX_BATCH = "[{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"b1\","
      + "\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"2.15\",\"sz\":\"2\"},{\"instId\":\"BTC-USDT\",\"tdMode\":"
      + "\"cash\",\"clOrdId\":\"b2\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"2.16\",\"sz\":\"2\"},"
      + "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"b3\",\"side\":\"buy\",\"ordType\":\"limit\","
      + "\"px\":\"2.17\",\"sz\":\"2\"},{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"b4\",\"side\":"
      + "\"buy\",\"ordType\":\"limit\",\"px\":\"2.18\",\"sz\":\"2\"}]";
  /** b1 placed, b2 timed out inside the exchange, b3 with a code no catalog lists, b4 refused. */
  private static final String OKX_BATCH_ANSWER = "{\"code\":\"2\",\"msg\":\"Bulk operation partially succeeded.\","
      + "\"data\":[{\"clOrdId\":\"b1\",\"ordId\":\"12345689\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"0\","
      + "\"sMsg\":\"\"},{\"clOrdId\":\"b2\",\"ordId\":\"\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"50004\","
      + "\"sMsg\":\"Endpoint request timeout\"},{\"clOrdId\":\"b3\",\"ordId\":\"\",\"tag\":\"\",\"ts\":"
      + "\"1695190491421\",\"sCode\":\"99999\",\"sMsg\":\"?\"},{\"clOrdId\":\"b4\",\"ordId\":\"\",\"tag\":\"\","
      + "\"ts\":\"1695190491421\",\"sCode\":\"51008\",\"sMsg\":\"Order failed. Insufficient USDT balance in"
      + " account.\"}],\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}";
  private static final String OKX_FILLED = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT\","
      + "\"ordId\":\"12345690\",\"clOrdId\":\"b2\",\"state\":\"filled\",\"accFillSz\":\"2\"}]}";

  private InterceptorFixture fixture;
  private final Heard heard = new Heard();

  @AfterEach
  void tearDown() {
    if (fixture != null) {
      assertThat(fixture.unclosedBodies()).as("response bodies left open").isZero();
      fixture.close();
    }
  }

  // ---- Batch items in doubt ----

  @Test
  void itemsInDoubtOfABatchGoToTheReconcilerOneByOneAndTheBatchIsNeverResent() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX, b -> b.listener(heard));
    // What the reconciler finds for b2: a lookup answer from the network, which the interceptor discards and closes.
    fixture.enqueue(200, OKX_FILLED);
    Response lookedUp = fixture.execute(fixture.get("/api/v5/trade/order?instId=BTC-USDT&clOrdId=b2"));
    fixture.reconciler.answering(ReconcileResult.found(lookedUp), ReconcileResult.unresolved());
    fixture.enqueue(200, OKX_BATCH_ANSWER);

    try (Response response = fixture.execute(fixture.post("/api/v5/trade/batch-orders", OKX_BATCH))) {
      assertThat(response.body().string()).isEqualTo(OKX_BATCH_ANSWER);
    }

    assertThat(fixture.requestCount()).as("the lookup, and the batch once").isEqualTo(2);
    assertThat(fixture.reconciler.requests()).extracting(ReconcileRequest::clientOrderId).containsExactly("b2", "b3");
    assertThat(fixture.reconciler.requests()).allSatisfy(asked -> {
      assertThat(asked.itemValue()).isPresent();
      assertThat(asked.failure()).isNull();
    });
    assertThat(heard.events).contains("reconcile FOUND", "reconcile UNRESOLVED");
  }

  // ---- Bans ----

  @Test
  void aBanRecordedWhileACallWaitsForItsBudgetStopsTheCall() throws Exception {
    BanState shared = BanState.inMemory();
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, (f, b) -> b
        .rateBudgets(Exchange.BINANCE_USDM, List.of(RateBudget.allRequests("ip", 1, Duration.ofSeconds(10))))
        .maxPacingWait(Duration.ofSeconds(20))
        .banState(shared)
        .listener(heard)
        // Another process on this IP is banned while this call waits for the next window.
        .sleeper(wait -> {
          shared.ban("binance-usdm:ip", f.time.instant().plus(Duration.ofMinutes(10)));
          f.time.sleep(wait);
        }));
    fixture.enqueue(200, SERVER_TIME);
    fixture.execute(fixture.get("/fapi/v1/time")).close();

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/time")))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .extracting(FailFastException::reason)
        .isEqualTo(FailFastException.Reason.BAN_IN_FORCE);
    assertThat(fixture.requestCount()).as("nothing sent during the ban").isEqualTo(1);
    assertThat(heard.events).anyMatch(event -> event.startsWith("wait ip "))
        .contains("fail fast BAN_IN_FORCE");
  }

  @Test
  void aBanRecordedWhileACallWaitsOutThePauseTheExchangeNamedStopsTheCall() throws Exception {
    BanState shared = BanState.inMemory();
    fixture = new InterceptorFixture(Exchange.OKX, (f, b) -> b
        .maxAttempts(1)
        .banState(shared)
        .listener(heard)
        .sleeper(wait -> {
          shared.ban("okx:ip", f.time.instant().plus(Duration.ofMinutes(10)));
          f.time.sleep(wait);
        }));
    fixture.enqueue(429, "{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}", "Retry-After: 5");
    fixture.execute(fixture.get("/api/v5/account/balance")).close();

    assertThatThrownBy(() -> fixture.execute(fixture.get("/api/v5/account/balance")))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .extracting(FailFastException::reason)
        .isEqualTo(FailFastException.Reason.BAN_IN_FORCE);
    assertThat(heard.events).contains("wait exchange PT5S");
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void a418ThatNamesNoEndBansForTheDefaultDuration() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM,
        b -> b.defaultBanDuration(Duration.ofMinutes(5)).listener(heard));
    fixture.enqueue(418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned.\"}");
    Instant end = InterceptorFixture.START.plus(Duration.ofMinutes(5));

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/exchangeInfo")))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class))
        .satisfies(e -> {
          assertThat(e.reason()).isEqualTo(FailFastException.Reason.BAN_IN_FORCE);
          assertThat(e.bannedUntil()).contains(end);
        });
    assertThat(heard.events).contains("ban binance-usdm:ip until " + end);
    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/time"))).isInstanceOf(FailFastException.class);
    assertThat(fixture.requestCount()).isEqualTo(1);

    fixture.time.advance(Duration.ofMinutes(5));
    fixture.enqueue(200, SERVER_TIME);
    fixture.execute(fixture.get("/fapi/v1/time")).close();
    assertThat(fixture.requestCount()).as("the ban is over").isEqualTo(2);
  }

  // ---- I/O failures ----

  private void enqueueDisconnect() {
    fixture.server.enqueue(new MockResponse.Builder()
        .onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build());
  }

  @Test
  void anOrderLostOnTheWireThatTheReconcilerFindsNotExecutedIsResentWithItsFormClientOrderId() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.listener(heard));
    enqueueDisconnect();
    fixture.enqueue(200, NEW_ORDER);
    fixture.reconciler.answering(ReconcileResult.notExecuted());

    try (Response response = fixture.execute(fixture.postForm("/fapi/v1/order", FORM_ORDER))) {
      assertThat(response.body().string()).isEqualTo(NEW_ORDER);
    }

    assertThat(fixture.requestCount()).isEqualTo(2);
    assertThat(fixture.take().getBody().utf8()).contains("newClientOrderId=form-7");
    assertThat(fixture.take().getBody().utf8()).contains("newClientOrderId=form-7");
    assertThat(fixture.reconciler.requests()).singleElement().satisfies(asked -> {
      assertThat(asked.clientOrderId()).isEqualTo("form-7");
      assertThat(asked.failure()).isInstanceOf(IOException.class);
    });
    assertThat(heard.events).contains("io failure", "reconcile NOT_EXECUTED");
  }

  @Test
  void notExecutedWithNoAttemptLeftIsNotExecutedWithItsCause() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.maxAttempts(1));
    enqueueDisconnect();
    fixture.reconciler.answering(ReconcileResult.notExecuted());

    assertThatThrownBy(() -> fixture.execute(fixture.postForm("/fapi/v1/order", FORM_ORDER)))
        .isInstanceOf(NotExecutedException.class)
        .asInstanceOf(type(NotExecutedException.class))
        .satisfies(e -> {
          assertThat(e.clientOrderId()).contains("form-7");
          assertThat(e.getCause()).isInstanceOf(IOException.class);
        });
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void aReconcilerThatFailsAfterAnIoFailureIsKeptBesideIt() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.reconciler(request -> {
      throw new IllegalStateException("order store unreachable");
    }));
    enqueueDisconnect();

    assertThatThrownBy(() -> fixture.execute(fixture.postForm("/fapi/v1/order", FORM_ORDER)))
        .isInstanceOf(ExecutionUnknownException.class)
        .satisfies(e -> {
          assertThat(e.getCause()).isInstanceOf(IOException.class);
          assertThat(e.getSuppressed()).singleElement().isInstanceOf(IllegalStateException.class);
        });
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void anOrderToAPortNobodyListensOnIsRetriedNeverReconciled() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.maxAttempts(3).listener(heard));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Request order = fixture.postForm("/fapi/v1/order", FORM_ORDER).newBuilder()
        .url("http://127.0.0.1:" + closedPort + "/fapi/v1/order").build();

    assertThatThrownBy(() -> fixture.execute(order)).isExactlyInstanceOf(ConnectException.class);

    assertThat(fixture.reconciler.requests()).as("it cannot have left: nothing to reconcile").isEmpty();
    assertThat(heard.events).filteredOn("io failure"::equals).hasSize(3);
    assertThat(heard.events).anyMatch(event -> event.startsWith("retry TRANSIENT 1 "))
        .anyMatch(event -> event.startsWith("retry TRANSIENT 2 "));
    assertThat(fixture.time.sleeps()).hasSize(2);
  }

  @Test
  void anOrderToAHostThatDoesNotResolveIsRetriedNeverReconciled() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.maxAttempts(2).listener(heard),
        client -> client.dns(host -> {
          throw new UnknownHostException(host + ": no address");
        }));

    assertThatThrownBy(() -> fixture.execute(fixture.postForm("/fapi/v1/order", FORM_ORDER)))
        .isInstanceOf(UnknownHostException.class);

    assertThat(fixture.reconciler.requests()).isEmpty();
    assertThat(heard.events).filteredOn("io failure"::equals).hasSize(2);
    assertThat(fixture.requestCount()).isZero();
  }

  // ---- What the listener hears of waits and retries ----

  @Test
  void aWaitTheExchangeNamedIsHeardAsARateLimitWaitAndABackoffIsNot() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX, b -> b.listener(heard));
    fixture.enqueue(429, "{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}", "Retry-After: 2");
    fixture.enqueue(200, "{\"code\":\"50013\",\"msg\":\"Systems are busy. Please try again later.\",\"data\":[]}");
    fixture.enqueue(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}");

    fixture.execute(fixture.get("/api/v5/account/balance")).close();

    assertThat(heard.events).filteredOn(event -> event.startsWith("retry ") || event.startsWith("wait "))
        .hasSize(3)
        .startsWith("retry RATE_LIMITED 1 PT2S", "wait exchange PT2S")
        .anyMatch(event -> event.startsWith("retry TRANSIENT 2 "));
    assertThat(fixture.interceptor.retry(Exchange.OKX).getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt())
        .isEqualTo(1);
  }

  @Test
  void aRateLimitThatDrainedTheBudgetsIsResentWithoutAnExchangeWait() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX, b -> b.listener(heard));
    fixture.enqueue(200, "{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}");
    fixture.enqueue(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"b1\",\"ordId\":\"1\","
        + "\"sCode\":\"0\",\"sMsg\":\"\"}]}");

    fixture.execute(fixture.post("/api/v5/trade/order", "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\","
        + "\"clOrdId\":\"b1\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"2.15\",\"sz\":\"2\"}")).close();

    // The order budget was emptied: the resend waits for its next window, not for a wait the exchange named.
    assertThat(heard.events).contains("retry RATE_LIMITED 1 PT0S").doesNotContain("wait exchange PT0S")
        .anyMatch(event -> event.startsWith("wait orders "));
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void aRateLimitWithNoBudgetToWaitOnBacksOff() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX, b -> b.rateBudgets(Exchange.OKX, List.of()).listener(heard));
    fixture.enqueue(200, "{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}");
    fixture.enqueue(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}");

    fixture.execute(fixture.get("/api/v5/account/balance")).close();

    assertThat(fixture.time.sleeps()).singleElement().satisfies(wait -> assertThat(wait).isPositive());
    assertThat(fixture.interceptor.rateLimiters(Exchange.OKX)).isEmpty();
  }

  @Test
  void theNextCallWaitsOutAPauseTheExchangeNamed() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX, b -> b.maxAttempts(1).listener(heard));
    fixture.enqueue(429, "{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}", "Retry-After: 5");
    fixture.enqueue(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}");
    fixture.execute(fixture.get("/api/v5/account/balance")).close();

    fixture.execute(fixture.get("/api/v5/account/balance")).close();

    assertThat(fixture.time.sleeps()).containsExactly(Duration.ofSeconds(5));
    assertThat(heard.events).contains("wait exchange PT5S");
    assertThat(fixture.requestCount()).isEqualTo(2);
  }

  @Test
  void aBudgetCountsEachRequestAtItsWeight() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b
        .rateBudgets(Exchange.BINANCE_USDM, List.of(RateBudget.allRequests("ip", 10, Duration.ofSeconds(10))))
        .requestWeight(request -> 5)
        .maxPacingWait(Duration.ofSeconds(20)));
    for (int i = 0; i < 3; i++) {
      fixture.enqueue(200, SERVER_TIME);
      fixture.execute(fixture.get("/fapi/v1/time")).close();
    }

    assertThat(fixture.time.sleeps()).as("two calls of weight 5 fill the budget of 10").hasSize(1);
    assertThat(fixture.interceptor.rateLimiters(Exchange.BINANCE_USDM)).extracting(limiter -> limiter.getName())
        .singleElement().asString().contains("ip");
  }

  /** Every event as short text. */
  static final class Heard implements ResilienceListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onResponse(Exchange exchange, Request request, DecodedResponse decoded, PolicyClass handledAs) {
      events.add("response " + handledAs);
    }

    @Override
    public void onRetry(Exchange exchange, Request request, PolicyClass cause, int attempt, Duration wait) {
      events.add("retry " + cause + " " + attempt + " " + wait);
    }

    @Override
    public void onRateLimitWait(Exchange exchange, String budget, Duration wait) {
      events.add("wait " + budget + " " + wait);
    }

    @Override
    public void onFailFast(Exchange exchange, Request request, FailFastException.Reason reason) {
      events.add("fail fast " + reason);
    }

    @Override
    public void onReconcile(Exchange exchange, Request request, ReconcileOutcome outcome) {
      events.add("reconcile " + outcome);
    }

    @Override
    public void onBan(Exchange exchange, String scope, Instant until) {
      events.add("ban " + scope + " until " + until);
    }

    @Override
    public void onIoFailure(Exchange exchange, Request request, Exception failure) {
      events.add("io failure");
    }
  }
}
