package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.ForwardingSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the guard does when something other than the exchange fails: a hook or another interceptor throwing, the
 * calling thread interrupted, the half-open breaker's permits, and the one log line for a capped wait.
 */
class GuardEdgesTest {
  /** Unsigned: the library's signer (none here) would sign each attempt, so a clock-skew answer is resent. */
  private static final String BINANCE_ORDER = "/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01"
      + "&newClientOrderId=bot-42";
  private static final String SKEWED = "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the"
      + " recvWindow.\"}";
  private static final String SERVER_TIME = "{\"serverTime\":1659146001000}";

  private InterceptorFixture fixture;

  @AfterEach
  void tearDown() {
    Thread.interrupted();
    if (fixture != null) {
      assertThat(fixture.unclosedBodies()).as("response bodies left open").isZero();
      fixture.close();
    }
  }

  private Request order() {
    return fixture.post(BINANCE_ORDER, "");
  }

  // ---- A hook fails ----

  @Test
  void aTimeSyncThatFailsAfterAnOrderWentOutLeavesItTraceableByItsClientOrderId() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.timeSync(exchange -> {
      throw new IllegalStateException("time server unreachable");
    }));
    fixture.enqueue(400, SKEWED);

    assertThatThrownBy(() -> fixture.execute(order()))
        .isInstanceOf(ExecutionUnknownException.class)
        .asInstanceOf(type(ExecutionUnknownException.class))
        .satisfies(e -> {
          assertThat(e.clientOrderId()).contains("bot-42");
          assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        });
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void aTimeSyncThatFailsOnAReadIsAnIoExceptionNamingTheRequest() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.timeSync(exchange -> {
      throw new IllegalStateException("time server unreachable");
    }));
    fixture.enqueue(400, SKEWED);

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v2/account")))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("binance-usdm: GET /fapi/v2/account failed: unexpected IllegalStateException")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPreparerThatFailsSendsNothingAndSaysSo() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.requestPreparer(request -> {
      throw new IllegalStateException("id generator closed");
    }));

    assertThatThrownBy(() -> fixture.execute(order()))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("binance-usdm: request failed: unexpected IllegalStateException");
    assertThat(fixture.requestCount()).isZero();
  }

  // ---- The calling thread is interrupted ----

  @Test
  void anInterruptedCallOnALiveConnectionEndsAtOnceWithoutReconcilingOrRetrying() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM);
    fixture.enqueue(200, SERVER_TIME);
    fixture.enqueue(200, SERVER_TIME);
    fixture.execute(fixture.get("/fapi/v1/time")).close(); // the connection the order will reuse

    Thread.currentThread().interrupt();
    Interrupted outcome = Interrupted.after(() -> fixture.execute(order()).close());
    Throwable thrown = outcome.thrown();
    boolean stillInterrupted = outcome.flagKept();

    // The order may have left: the caller gets it as unknown, by its client order id, with the interrupt as cause.
    assertThat(thrown).isInstanceOf(ExecutionUnknownException.class)
        .hasCauseInstanceOf(InterruptedIOException.class);
    assertThat(((ExecutionUnknownException) thrown).clientOrderId()).contains("bot-42");
    assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
    assertThat(fixture.reconciler.requests()).isEmpty();
    assertThat(fixture.time.sleeps()).isEmpty();
  }

  /** What a call threw, and whether the thread's interrupt flag was set once it ended (the flag is cleared here). */
  private record Interrupted(Throwable thrown, boolean flagKept) {
    interface Call {
      void run() throws Exception;
    }

    static Interrupted after(Call call) {
      Throwable thrown = null;
      try {
        call.run();
      } catch (Throwable t) {
        thrown = t;
      }
      return new Interrupted(thrown, Thread.interrupted());
    }
  }

  /** Throws a checked exception that {@code proceed} does not declare, as Kotlin code may. */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> Response sneakyThrow(Exception e) throws E {
    throw (E) e;
  }

  /**
   * An interceptor further down that lets a raw InterruptedException out, as OkHttp 5's fast-fallback connect does
   * when the calling thread is interrupted while it waits for a connection.
   */
  private static InterceptorFixture rawInterruptBelow(AtomicBoolean once) throws IOException {
    return new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.circuitBreakerConfig(threeProbes()),
        client -> client.addNetworkInterceptor(chain -> {
          if (once.getAndSet(false)) {
            return sneakyThrow(new InterruptedException());
          }
          return chain.proceed(chain.request());
        }));
  }

  @Test
  void aRawInterruptedExceptionFromBelowEndsAnOrderAsUnknownByItsClientOrderId() throws Exception {
    fixture = rawInterruptBelow(new AtomicBoolean(true));
    CircuitBreaker breaker = halfOpen();

    Interrupted outcome = Interrupted.after(() -> fixture.execute(order()).close());
    Throwable thrown = outcome.thrown();
    boolean stillInterrupted = outcome.flagKept();

    assertThat(thrown).isInstanceOf(ExecutionUnknownException.class)
        .hasCauseInstanceOf(InterruptedIOException.class)
        .hasRootCauseInstanceOf(InterruptedException.class);
    assertThat(((ExecutionUnknownException) thrown).clientOrderId()).contains("bot-42");
    assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
    assertThat(fixture.reconciler.requests()).isEmpty();
    assertThat(fixture.time.sleeps()).isEmpty();
    assertThat(fixture.requestCount()).isZero();
    assertThat(permitsLeft(breaker)).as("the probe's permit was recorded, not kept").isEqualTo(2);
  }

  @Test
  void anotherUndeclaredCheckedExceptionFromBelowIsAnIoFailureAndARetriedRead() throws Exception {
    AtomicBoolean once = new AtomicBoolean(true);
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b,
        client -> client.addNetworkInterceptor(chain -> {
          if (once.getAndSet(false)) {
            return sneakyThrow(new java.util.concurrent.TimeoutException("a layer written in Kotlin"));
          }
          return chain.proceed(chain.request());
        }));
    fixture.enqueue(200, SERVER_TIME);

    try (Response response = fixture.execute(fixture.get("/fapi/v1/time"))) {
      assertThat(response.body().string()).isEqualTo(SERVER_TIME);
    }
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(fixture.time.sleeps()).as("backed off once, as after any I/O failure").hasSize(1);
    assertThat(fixture.requestCount()).isEqualTo(1);
  }

  @Test
  void aRawInterruptedExceptionFromBelowEndsARead() throws Exception {
    fixture = rawInterruptBelow(new AtomicBoolean(true));
    fixture.enqueue(200, SERVER_TIME);

    Interrupted outcome = Interrupted.after(() -> fixture.execute(fixture.get("/fapi/v1/time")).close());
    Throwable thrown = outcome.thrown();
    boolean stillInterrupted = outcome.flagKept();

    assertThat(thrown).isInstanceOf(InterruptedIOException.class).hasCauseInstanceOf(InterruptedException.class);
    assertThat(stillInterrupted).isTrue();
    assertThat(fixture.time.sleeps()).as("not retried").isEmpty();
    assertThat(fixture.requestCount()).isZero();
  }

  // ---- Half-open permits: each one taken is recorded or released, once ----

  private static CircuitBreakerConfig threeProbes() {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(10)
        .minimumNumberOfCalls(10)
        .permittedNumberOfCallsInHalfOpenState(3)
        .build();
  }

  private CircuitBreaker halfOpen() {
    CircuitBreaker breaker = fixture.interceptor.circuitBreaker(Exchange.BINANCE_USDM);
    breaker.transitionToOpenState();
    breaker.transitionToHalfOpenState();
    return breaker;
  }

  private static int permitsLeft(CircuitBreaker breaker) {
    int permits = 0;
    while (permits < 10 && breaker.tryAcquirePermission()) {
      permits++;
    }
    return permits;
  }

  @Test
  void aProbeThatWasRecordedSpendsItsPermit() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.circuitBreakerConfig(threeProbes()));
    CircuitBreaker breaker = halfOpen();
    fixture.enqueue(200, SERVER_TIME);

    fixture.execute(fixture.get("/fapi/v1/time")).close();

    assertThat(permitsLeft(breaker)).isEqualTo(2);
  }

  @Test
  void aReconcileLookupTakesNoPermitAndReleasesNone() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.circuitBreakerConfig(threeProbes()));
    CircuitBreaker breaker = halfOpen();
    fixture.enqueue(200, "{\"orderId\":22542179,\"status\":\"NEW\",\"clientOrderId\":\"bot-42\"}");

    fixture.execute(ReconcileLookup.mark(fixture.get("/fapi/v1/order?symbol=BTCUSDT&origClientOrderId=bot-42")))
        .close();

    assertThat(permitsLeft(breaker)).isEqualTo(3);
  }

  @Test
  void anotherInterceptorThatThrowsGetsThePermitReleased() throws Exception {
    AtomicBoolean failOnce = new AtomicBoolean(true);
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.circuitBreakerConfig(threeProbes()),
        client -> client.addNetworkInterceptor(chain -> {
          if (failOnce.getAndSet(false)) {
            throw new IllegalStateException("a network interceptor's defect");
          }
          return chain.proceed(chain.request());
        }));
    CircuitBreaker breaker = halfOpen();

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/time")))
        .isInstanceOf(IOException.class)
        .hasRootCauseInstanceOf(IllegalStateException.class);

    assertThat(permitsLeft(breaker)).isEqualTo(3);
  }

  @Test
  void aBodyThatThrowsWhileItIsReadIsClosedAndItsPermitReleased() throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b.circuitBreakerConfig(threeProbes()),
        client -> client.addNetworkInterceptor(chain -> {
          Response response = chain.proceed(chain.request());
          // A decompressing or decrypting layer with a defect: every read of the body throws.
          return response.newBuilder().body(InterceptorFixture.withSource(response.body(),
              source -> new ForwardingSource(source) {
                @Override
                public long read(Buffer sink, long byteCount) {
                  throw new IllegalStateException("a body layer's defect");
                }
              })).build();
        }));
    CircuitBreaker breaker = halfOpen();
    fixture.enqueue(200, SERVER_TIME);

    assertThatThrownBy(() -> fixture.execute(fixture.get("/fapi/v1/time")))
        .isInstanceOf(IOException.class)
        .hasRootCauseInstanceOf(IllegalStateException.class);

    assertThat(permitsLeft(breaker)).isEqualTo(3);
  }

  // ---- A capped wait is logged once ----

  @Test
  void aCappedWaitIsLoggedOnceAndHeardEveryTime() throws Exception {
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger logger = Logger.getLogger("io.github.exchangeresilience.okhttp");
    logger.addHandler(handler);
    List<Duration> capped = new CopyOnWriteArrayList<>();
    try {
      fixture = new InterceptorFixture(Exchange.OKX, b -> b.listener(new ResilienceListener() {
        @Override
        public void onServerWaitCapped(Exchange exchange, Duration named, Duration cap) {
          capped.add(named);
        }
      }));
      for (int i = 0; i < 2; i++) {
        fixture.enqueue(429, "{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}",
            "Retry-After: 999999999");
        fixture.execute(fixture.get("/api/v5/account/balance")).close();
        fixture.time.advance(Duration.ofDays(3));
        assertThat(logged).as("logged at the first capped wait, and only then")
            .filteredOn(record -> record.getLevel() == Level.WARNING).hasSize(1);
      }
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(capped).hasSize(2);
    assertThat(logged).filteredOn(record -> record.getLevel() == Level.WARNING).singleElement()
        .satisfies(record -> assertThat(record.getMessage()).contains("beyond maxServerWait"));
  }
}
