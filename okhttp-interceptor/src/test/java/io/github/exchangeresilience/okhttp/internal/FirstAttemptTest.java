package io.github.exchangeresilience.okhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decision.CallState;
import io.github.exchangeresilience.decision.Decision;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.WebSocketFrameReader;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.BanState;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.FakeTime;
import io.github.exchangeresilience.okhttp.ReconcileResult;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import io.github.exchangeresilience.okhttp.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * The carry-out's entry points for a first attempt begun where nothing may wait (a WebSocket order written from the
 * caller's thread, its answer decided on the reader thread): its turn taken without waiting, the wait it left carried
 * out later, an outcome that ends the call at once, and the call carried on from a decided attempt. On a virtual clock,
 * with OKX's own answer frames, so that the carry-out's mutants are killed without a socket.
 */
class FirstAttemptTest {
  private static final String OKX_ORDER = "{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":\"buy\","
      + "\"ordType\":\"limit\",\"sz\":\"1\",\"px\":\"100\",\"clOrdId\":\"c1\"}";
  private static final String PLACED = "{\"id\":\"7\",\"op\":\"order\",\"data\":[{\"clOrdId\":\"c1\",\"ordId\":"
      + "\"12345689\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"0\",\"sMsg\":\"\"}],\"code\":\"0\","
      + "\"msg\":\"\",\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}";
  private static final String INSUFFICIENT = "{\"id\":\"7\",\"op\":\"order\",\"data\":[{\"clOrdId\":\"c1\","
      + "\"ordId\":\"\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"51008\",\"sMsg\":\"Order failed."
      + " Insufficient USDT balance in account.\"}],\"code\":\"1\",\"msg\":\"\",\"inTime\":\"1\",\"outTime\":\"2\"}";
  private static final String BUSY = "{\"id\":\"7\",\"op\":\"order\",\"data\":[],\"code\":\"50013\",\"msg\":"
      + "\"System is busy, please try again later.\",\"inTime\":\"1\",\"outTime\":\"2\"}";
  private static final String IN_DOUBT = "{\"id\":\"7\",\"op\":\"order\",\"data\":[],\"code\":\"50004\",\"msg\":"
      + "\"API endpoint request timeout (does not mean that the request was successful or failed, please check the"
      + " request result).\",\"inTime\":\"1\",\"outTime\":\"2\"}";

  private final FakeTime time = new FakeTime(Instant.parse("2026-03-01T00:00:00Z"));
  private final BanState bans = BanState.inMemory();
  private final List<String> heard = new CopyOnWriteArrayList<>();
  /** What the carry-out's waits do; the virtual clock's, unless a test says more. */
  private Sleeper sleeper = time;

  private ExchangeCore core(Consumer<ExchangeResilienceInterceptor.Builder> settings) {
    ExchangeResilienceInterceptor.Builder builder = ExchangeResilienceInterceptor.builder(Exchange.OKX)
        .clock(time)
        .sleeper(wait -> sleeper.sleep(wait))
        .banState(bans)
        .listener(new ResilienceListener() {
          @Override
          public void onRateLimitWait(Exchange exchange, String budget, Duration wait) {
            heard.add("wait " + budget + " " + wait);
          }
        });
    settings.accept(builder);
    return InterceptorAccess.core(builder.build(), Exchange.OKX);
  }

  private static ExchangeRequest order() {
    Request request = new Request.Builder().url("https://www.okx.com/api/v5/trade/order")
        .post(RequestBody.create(OKX_ORDER, MediaType.get("application/json"))).build();
    return ExchangeRequest.known(request, null, Exchange.OKX.spec(), false, "c1");
  }

  private static RateBudget oneEvery(Duration period) {
    return RateBudget.allRequests("ip", 1, period);
  }

  /** {@code frame} as the session reads, decodes and decides it. */
  private static ExchangeCore.Sent<String> answered(ExchangeCore core, ExchangeRequest outgoing, String frame) {
    DecodedResponse decoded = new WebSocketFrameReader(Exchange.OKX.spec(),
        ResponseDecoder.of(Exchange.OKX, core.settings().requests().catalog().forWebSocket())).read(frame).decoded();
    Decision decision = core.decide(outgoing, core.callState(outgoing), decoded, null, false, System.nanoTime(),
        false);
    return new ExchangeCore.Sent<>(frame, decoded, null, decision);
  }

  @Test
  void aTurnIsTakenAtOnceWhileTheBudgetHasRoomAndItsWaitIsToldWhenNot() throws Exception {
    ExchangeCore core = core(b -> b.rateBudgets(Exchange.OKX, List.of(oneEvery(Duration.ofSeconds(1)))));

    assertThat(core.tryTurn(order())).isZero();
    long wait = core.tryTurn(order());

    assertThat(wait).isPositive().isLessThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    assertThat(heard).as("only the wait there is, told as taken").containsExactly("wait ip " + Duration.ofNanos(wait));
    assertThat(time.sleeps()).as("taken, not waited").isEmpty();
  }

  @Test
  void aClosedGateTakesNoPermit() throws Exception {
    ExchangeCore core = core(b -> b.rateBudgets(Exchange.OKX, List.of(oneEvery(Duration.ofMinutes(1))))
        .maxPacingWait(Duration.ofMinutes(2)));
    bans.ban("okx:ip", time.instant().plusSeconds(1));

    assertThat(core.tryTurn(order())).isEqualTo(-1);
    time.advance(Duration.ofSeconds(2));
    assertThat(core.tryTurn(order())).as("the window's one permit still there").isZero();
    assertThat(core.tryTurn(order())).isPositive();
  }

  @Test
  void aTurnWithNoRoomWithinThePacingWaitFailsFast() throws Exception {
    ExchangeCore core = core(b -> b.rateBudgets(Exchange.OKX, List.of(oneEvery(Duration.ofMinutes(10))))
        .maxPacingWait(Duration.ofSeconds(1)));
    core.tryTurn(order());

    assertThatThrownBy(() -> core.tryTurn(order())).isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class)).extracting(FailFastException::reason)
        .isEqualTo(FailFastException.Reason.RATE_BUDGET_EXHAUSTED);
  }

  @Test
  void aTakenTurnWaitsWhatItLeftThenLooksAtTheGateAgain() throws Exception {
    ExchangeCore core = core(b -> {});
    core.awaitTakenTurn(order(), 0);
    core.awaitTakenTurn(order(), TimeUnit.MILLISECONDS.toNanos(500));
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));

    // Another process on this IP is banned while the order waits.
    sleeper = wait -> {
      bans.ban("okx:ip", time.instant().plus(Duration.ofMinutes(10)));
      time.sleep(wait);
    };
    assertThatThrownBy(() -> core.awaitTakenTurn(order(), TimeUnit.MILLISECONDS.toNanos(500)))
        .isInstanceOf(FailFastException.class)
        .asInstanceOf(type(FailFastException.class)).extracting(FailFastException::reason)
        .isEqualTo(FailFastException.Reason.BAN_IN_FORCE);
  }

  @Test
  void onlyAnAnswerThatNeedsNothingMoreEndsTheCallAtOnce() {
    ExchangeCore core = core(b -> {});
    ExchangeRequest order = order();

    for (String frame : List.of(PLACED, INSUFFICIENT)) {
      ExchangeCore.Sent<String> sent = answered(core, order, frame);
      assertThat(core.endsAtOnce(sent.decision(), sent.decoded())).as(frame).isTrue();
    }
    for (String frame : List.of(BUSY, IN_DOUBT)) { // a resend; a lookup
      ExchangeCore.Sent<String> sent = answered(core, order, frame);
      assertThat(core.endsAtOnce(sent.decision(), sent.decoded())).as(frame).isFalse();
    }
  }

  @Test
  void aBatchAnswerWithAnItemInDoubtGoesOnToItsLookup() {
    ExchangeCore core = core(b -> b.reconciler(request -> ReconcileResult.unresolved()));
    ExchangeRequest order = order();
    String inDoubt = batch("\"sCode\":\"0\",\"sMsg\":\"\"", "\"sCode\":\"50004\",\"sMsg\":\"API endpoint"
        + " request timeout (does not mean that the request was successful or failed, please check the request"
        + " result).\"");
    String settled = batch("\"sCode\":\"0\",\"sMsg\":\"\"", "\"sCode\":\"51008\",\"sMsg\":\"Order failed."
        + " Insufficient USDT balance in account.\"");
    String settledInDoubtFirst = batch("\"sCode\":\"51008\",\"sMsg\":\"Order failed. Insufficient USDT balance"
        + " in account.\"", "\"sCode\":\"0\",\"sMsg\":\"\"");

    ExchangeCore.Sent<String> doubt = answered(core, order, inDoubt);
    assertThat(doubt.decoded().items()).hasSize(2);
    assertThat(core.endsAtOnce(doubt.decision(), doubt.decoded())).as("the second item's fate unknown").isFalse();
    for (String frame : List.of(settled, settledInDoubtFirst)) {
      ExchangeCore.Sent<String> sent = answered(core, order, frame);
      assertThat(core.endsAtOnce(sent.decision(), sent.decoded())).as(frame).isTrue();
    }
  }

  /** OKX's batch answer (code 2: some items failed) with two items, c1 and c2, their codes and messages given. */
  private static String batch(String first, String second) {
    return "{\"id\":\"7\",\"op\":\"batch-orders\",\"data\":[{\"clOrdId\":\"c1\",\"ordId\":\"1\",\"tag\":\"\","
        + first + "},{\"clOrdId\":\"c2\",\"ordId\":\"\",\"tag\":\"\"," + second + "}],\"code\":\"2\",\"msg\":\"\","
        + "\"inTime\":\"1\",\"outTime\":\"2\"}";
  }

  @Test
  void aCallFinishedAtOnceCountsAsASuccessWithoutRetry() throws Exception {
    ExchangeCore core = core(b -> {});
    Attempts attempts = new Attempts(core, order(), PLACED);

    assertThat(core.finish(answered(core, order(), PLACED), attempts)).isEqualTo(PLACED);
    assertThat(core.retry().getMetrics().getNumberOfSuccessfulCallsWithoutRetryAttempt()).isEqualTo(1);
    assertThat(attempts.sends).hasValue(0);
  }

  @Test
  void aCallCarriedOnFromADecidedAttemptSendsOnlyWhatComesNext() throws Exception {
    ExchangeCore core = core(b -> {});
    ExchangeRequest order = order();
    CallState state = core.callState(order);
    Attempts resends = new Attempts(core, order, PLACED);

    assertThat(core.carryOn(order, state, resends, answered(core, order, BUSY), System.nanoTime()))
        .isEqualTo(PLACED);
    assertThat(resends.sends).as("the busy attempt resent once").hasValue(1);

    Attempts none = new Attempts(core, order, PLACED);
    assertThat(core.carryOn(order, state, none, answered(core, order, PLACED), System.nanoTime()))
        .isEqualTo(PLACED);
    assertThat(none.sends).hasValue(0);
  }

  @Test
  void theRetryBudgetCountsFromWhenTheCallBeganNotFromWhereItIsCarriedOn() throws Exception {
    ExchangeCore core = core(b -> b.maxRetryDuration(Duration.ofSeconds(1)));
    ExchangeRequest order = order();
    Attempts attempts = new Attempts(core, order, PLACED);
    long tenSecondsAgo = System.nanoTime() - TimeUnit.SECONDS.toNanos(10);

    assertThat(core.carryOn(order, core.callState(order), attempts, answered(core, order, BUSY), tenSecondsAgo))
        .as("no time left to resend: the busy answer handed back").isEqualTo(BUSY);
    assertThat(attempts.sends).hasValue(0);
  }

  /** Attempts whose every send is answered with one frame, counted. */
  private static final class Attempts implements ExchangeCore.Attempts<String> {
    private final ExchangeCore core;
    private final ExchangeRequest outgoing;
    private final String answer;
    final AtomicInteger sends = new AtomicInteger();

    Attempts(ExchangeCore core, ExchangeRequest outgoing, String answer) {
      this.core = core;
      this.outgoing = outgoing;
      this.answer = answer;
    }

    @Override
    public ExchangeCore.Sent<String> send(CallState call) {
      sends.incrementAndGet();
      return answered(core, outgoing, answer);
    }

    @Override
    public void discard(String answer) {}

    @Override
    public String found(ReconcileResult result) {
      return result.body().orElseThrow();
    }

    @Override
    public String finish(String answer, DecodedResponse decoded) {
      return answer;
    }
  }
}
