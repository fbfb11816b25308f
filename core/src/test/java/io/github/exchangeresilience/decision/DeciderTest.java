package io.github.exchangeresilience.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecisionSource;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.HeaderLookup;
import io.github.exchangeresilience.decode.ItemResult;
import io.github.exchangeresilience.decode.RateLimitHints;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.ResponseSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure decision, for every class of every exchange, without HTTP: what it returns is what the transport does. */
class DeciderTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final DecisionSettings SETTINGS = new DecisionSettings(Duration.ofSeconds(60), Duration.ofDays(3),
      Duration.ofMinutes(2), Duration.ofSeconds(30));
  private static final CallState ORDER = new CallState(false, "c1", true, false);
  private static final CallState GET = new CallState(true, null, true, false);

  private static Decider decider(Exchange exchange) {
    return new Decider(exchange.spec(), SETTINGS);
  }

  private static DecodedResponse answer(Exchange exchange, PolicyClass policyClass) {
    return answer(exchange, 200, null, policyClass, DecisionSource.CODE, RateLimitHints.NONE);
  }

  private static DecodedResponse answer(Exchange exchange, int status, String code, PolicyClass policyClass,
      DecisionSource decidedBy, RateLimitHints hints) {
    return DecodedResponse.builder().exchange(exchange).httpStatus(status).code(code).policyClass(policyClass)
        .decidedBy(decidedBy).hints(hints).build();
  }

  /** A real answer, decoded by the exchange's own decoder over the built-in catalog. */
  private static DecodedResponse decoded(Exchange exchange, int status, String body, String... headers) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return ResponseDecoder.of(exchange, ErrorCatalog.builtIn()).decode(ResponseSnapshot.builder().httpStatus(status)
        .headers(HeaderLookup.of(map)).contentType("application/json").body(body).build());
  }

  static Stream<Arguments> everyExchange() {
    return EnumSet.allOf(Exchange.class).stream().map(Arguments::of);
  }

  // ---- Every class, every exchange, an order and a GET ----

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void successReturnsAndHandsUnknownBatchItemsToTheReconciler(Exchange exchange) {
    for (CallState call : List.of(ORDER, GET)) {
      Decision success = decider(exchange).decide(call, answer(exchange, PolicyClass.SUCCESS), NOW);
      Decision partial = decider(exchange).decide(call, answer(exchange, PolicyClass.PARTIAL_SUCCESS), NOW);

      assertThat(success.step()).isEqualTo(Step.RETURN_RECONCILING_ITEMS);
      assertThat(partial.step()).isEqualTo(Step.RETURN_RECONCILING_ITEMS);
      assertThat(partial.handledAs()).isEqualTo(PolicyClass.PARTIAL_SUCCESS);
      assertThat(success.countsAgainstAvailability()).isFalse();
      assertThat(success.banUntil()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aRejectionIsReturnedNeverResent(Exchange exchange) {
    Decision decision = decider(exchange).decide(ORDER, answer(exchange, PolicyClass.REJECTED), NOW);

    assertThat(decision.step()).isEqualTo(Step.RETURN);
    assertThat(decision.countsAgainstAvailability()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void authFailsAndCoolsTheKeyDown(Exchange exchange) {
    Decision decision = decider(exchange).decide(ORDER, answer(exchange, PolicyClass.AUTH), NOW);

    assertThat(decision.step()).isEqualTo(new Step.Fail(Step.Failure.EXCHANGE_ERROR));
    assertThat(decision.keyCooldownUntil()).isEqualTo(NOW.plusSeconds(30));
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aRestrictedAccountFailsWithoutCoolingTheKey(Exchange exchange) {
    Decision decision = decider(exchange).decide(ORDER, answer(exchange, PolicyClass.ACCOUNT_RESTRICTED), NOW);

    assertThat(decision.step()).isEqualTo(new Step.Fail(Step.Failure.EXCHANGE_ERROR));
    assertThat(decision.keyCooldownUntil()).isNull();
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aRateLimitNamingNoWaitEmptiesTheBudgetsOrWaitsOutTheShortestWindow(Exchange exchange) {
    Decision paced = decider(exchange).decide(ORDER, answer(exchange, PolicyClass.RATE_LIMITED), NOW);
    Decision unpaced = decider(exchange).decide(new CallState(false, "c1", false, false),
        answer(exchange, PolicyClass.RATE_LIMITED), NOW);
    Duration shortest = Map.of(Exchange.BINANCE_USDM, Duration.ofMinutes(1), Exchange.OKX, Duration.ofSeconds(2),
        Exchange.BYBIT, Duration.ofSeconds(1), Exchange.BITGET, Duration.ofSeconds(1)).get(exchange);

    assertThat(paced.drainBudgets()).isTrue();
    assertThat(paced.step()).isEqualTo(new Step.Resend(Duration.ZERO, Step.RETURN));
    assertThat(unpaced.drainBudgets()).isFalse();
    assertThat(unpaced.step()).isEqualTo(new Step.Resend(shortest, Step.RETURN));
    assertThat(unpaced.pauseUntil()).as("the limit may be one endpoint's: nothing else waits").isNull();
    assertThat(paced.pauseUntil()).isNull();
    assertThat(paced.countsAgainstAvailability()).isFalse();
  }

  @Test
  void aWindowLongerThanTheLongestRateLimitWaitIsNotWaitedFor() {
    Decider patient = new Decider(Exchange.OKX.spec(), new DecisionSettings(Duration.ofSeconds(2),
        SETTINGS.maxServerWait(), SETTINGS.defaultBanDuration(), SETTINGS.rejectedKeyCooldown(), false));
    Decider impatient = new Decider(Exchange.OKX.spec(), new DecisionSettings(Duration.ofMillis(1999),
        SETTINGS.maxServerWait(), SETTINGS.defaultBanDuration(), SETTINGS.rejectedKeyCooldown(), false));
    CallState unpaced = new CallState(true, null, false, false);

    assertThat(patient.decide(unpaced, answer(Exchange.OKX, PolicyClass.RATE_LIMITED), NOW).step())
        .isEqualTo(new Step.Resend(Duration.ofSeconds(2), Step.RETURN));
    assertThat(impatient.decide(unpaced, answer(Exchange.OKX, PolicyClass.RATE_LIMITED), NOW).step())
        .isEqualTo(Step.RETURN);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void clockSkewResyncsAndResendsOnce(Exchange exchange) {
    Decision first = decider(exchange).decide(ORDER, answer(exchange, PolicyClass.CLOCK_SKEW), NOW);
    Decision second = decider(exchange).decide(ORDER.resynced(), answer(exchange, PolicyClass.CLOCK_SKEW), NOW);

    assertThat(first.resyncClock()).isTrue();
    assertThat(first.step()).isEqualTo(new Step.Resend(Duration.ZERO, Step.RETURN));
    assertThat(second.resyncClock()).isFalse();
    assertThat(second.step()).isEqualTo(Step.RETURN);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void transientAndUnavailableBackOffAndOnlyUnavailableCountsAgainstTheBreaker(Exchange exchange) {
    Decision busy = decider(exchange).decide(ORDER, answer(exchange, PolicyClass.TRANSIENT), NOW);
    Decision down = decider(exchange).decide(ORDER, answer(exchange, PolicyClass.UNAVAILABLE), NOW);

    assertThat(busy.step()).isEqualTo(new Step.Resend(null, Step.RETURN));
    assertThat(busy.countsAgainstAvailability()).isFalse();
    assertThat(down.step()).isEqualTo(new Step.Resend(null, Step.RETURN));
    assertThat(down.countsAgainstAvailability()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void anOrderInDoubtIsReconciledNeverResent(Exchange exchange) {
    Decision decision = decider(exchange).decide(ORDER, answer(exchange, PolicyClass.EXECUTION_UNKNOWN), NOW);

    assertThat(decision.step()).isEqualTo(new Step.Reconcile("c1", false));
    assertThat(decision.handledAs()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void anIdempotentRequestInDoubtIsSimplyRetried(Exchange exchange) {
    Decision decision = decider(exchange).decide(GET, answer(exchange, PolicyClass.EXECUTION_UNKNOWN), NOW);

    assertThat(decision.handledAs()).isEqualTo(PolicyClass.TRANSIENT);
    assertThat(decision.step()).isEqualTo(new Step.Resend(null, Step.RETURN));
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void anOrderAnsweredWithAStatusAloneMayHaveExecuted(Exchange exchange) {
    for (PolicyClass fromStatus : List.of(PolicyClass.TRANSIENT, PolicyClass.UNAVAILABLE)) {
      DecodedResponse badGateway = answer(exchange, 502, null, fromStatus, DecisionSource.HTTP_STATUS,
          RateLimitHints.NONE);

      assertThat(decider(exchange).decide(ORDER, badGateway, NOW).step()).isEqualTo(new Step.Reconcile("c1", false));
      assertThat(decider(exchange).decide(GET, badGateway, NOW).step()).isInstanceOf(Step.Resend.class);
    }
  }

  // ---- Requests signed outside the library (an SDK's signature, no signer of ours) ----

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aClockSkewAnswerToBytesSignedOutsideIsNotResentWithTheSameStaleTimestamp(Exchange exchange) {
    CallState sdkSigned = ORDER.signedOutside(NOW.plusSeconds(5));

    Decision decision = decider(exchange).decide(sdkSigned, answer(exchange, PolicyClass.CLOCK_SKEW), NOW);

    assertThat(decision.step()).isEqualTo(Step.RETURN);
    assertThat(decision.resyncClock()).isFalse();
    // Signed by the library, the one resend after a resync stays.
    assertThat(decider(exchange).decide(ORDER, answer(exchange, PolicyClass.CLOCK_SKEW), NOW).step())
        .isEqualTo(new Step.Resend(Duration.ZERO, Step.RETURN));
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aResendOfBytesSignedOutsideLeavesOnlyInsideTheirReceiveWindow(Exchange exchange) {
    Duration window = exchange.spec().signing().receiveWindow();
    CallState sdkSigned = GET.signedOutside(NOW.plus(window));
    DecodedResponse limited = answer(exchange, 429, null, PolicyClass.RATE_LIMITED, DecisionSource.HTTP_STATUS,
        new RateLimitHints(window.plusSeconds(1), null, null, null, null, null));
    Step.Resend resend = (Step.Resend) decider(exchange).decide(sdkSigned, limited, NOW).step();

    assertThat(resend.delay()).isEqualTo(window.plusSeconds(1));
    assertThat(decider(exchange).beforeResend(sdkSigned, resend, NOW.plus(resend.delay())))
        .isEqualTo(new Step.Fail(Step.Failure.SIGNATURE_EXPIRED));
    assertThat(decider(exchange).beforeResend(sdkSigned, resend, NOW.plus(window))).isSameAs(resend);
    // Signed by the library (each attempt afresh), any wait is fine.
    assertThat(decider(exchange).beforeResend(GET, resend, NOW.plus(Duration.ofDays(1)))).isSameAs(resend);
  }

  @Test
  void everyExchangeNamesTheReceiveWindowItsDocumentsGive() {
    assertThat(Exchange.BINANCE_USDM.spec().signing().receiveWindow()).isEqualTo(Duration.ofSeconds(5));
    assertThat(Exchange.BYBIT.spec().signing().receiveWindow()).isEqualTo(Duration.ofSeconds(5));
    assertThat(Exchange.OKX.spec().signing().receiveWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(Exchange.BITGET.spec().signing().receiveWindow()).isEqualTo(Duration.ofSeconds(30));
  }

  // ---- Handing final refusals back, for an SDK's own exceptions ----

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void handingAnswersBackReturnsRefusalsAndBansWithTheirEffects(Exchange exchange) {
    Decider handsBack = new Decider(exchange.spec(), new DecisionSettings(Duration.ofSeconds(60), Duration.ofDays(3),
        Duration.ofMinutes(2), Duration.ofSeconds(30), true));
    DecodedResponse ban = answer(exchange, 429, null, PolicyClass.RATE_LIMITED, DecisionSource.HTTP_STATUS,
        new RateLimitHints(null, NOW.plusSeconds(90), null, null, null, null));

    Decision auth = handsBack.decide(ORDER, answer(exchange, PolicyClass.AUTH), NOW);
    Decision restricted = handsBack.decide(ORDER, answer(exchange, PolicyClass.ACCOUNT_RESTRICTED), NOW);
    Decision banned = handsBack.decide(ORDER, ban, NOW);

    assertThat(auth.step()).isEqualTo(Step.RETURN);
    assertThat(auth.keyCooldownUntil()).isEqualTo(NOW.plusSeconds(30));
    assertThat(restricted.step()).isEqualTo(Step.RETURN);
    assertThat(banned.step()).isEqualTo(Step.RETURN);
    assertThat(banned.banUntil()).isEqualTo(NOW.plusSeconds(90));
    // An order in doubt is never an answer to hand back.
    assertThat(handsBack.decide(ORDER, answer(exchange, PolicyClass.EXECUTION_UNKNOWN), NOW).step())
        .isEqualTo(new Step.Reconcile("c1", false));
    assertThat(decider(exchange).decide(ORDER, ban, NOW).step()).isEqualTo(new Step.Fail(Step.Failure.BAN_IN_FORCE));
  }

  // ---- Duplicate client order ids, from each spec ----

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aTakenClientOrderIdMeansTheOrderExists(Exchange exchange) {
    String duplicate = exchange.spec().orders().duplicateClientOrderIdCodes().iterator().next();
    DecodedResponse refused = answer(exchange, 400, duplicate, PolicyClass.REJECTED, DecisionSource.CODE,
        RateLimitHints.NONE);
    DecodedResponse inItsItem = DecodedResponse.builder().exchange(exchange).httpStatus(200).code("1")
        .policyClass(PolicyClass.REJECTED)
        .items(List.of(new ItemResult(0, duplicate, "taken", PolicyClass.REJECTED, "c1", null))).build();

    assertThat(decider(exchange).decide(ORDER, refused, NOW).step()).isEqualTo(new Step.Reconcile("c1", true));
    assertThat(decider(exchange).decide(ORDER, inItsItem, NOW).step()).isEqualTo(new Step.Reconcile("c1", true));
    // Without a client order id of ours, or on a GET, it is the answer.
    assertThat(decider(exchange).decide(new CallState(false, null, true, false), refused, NOW).step())
        .isEqualTo(Step.RETURN);
    assertThat(decider(exchange).decide(GET, refused, NOW).step()).isEqualTo(Step.RETURN);
  }

  @Test
  void aBatchWithOneTakenIdAmongOthersIsTheApplicationsToRead() {
    DecodedResponse batch = DecodedResponse.builder().exchange(Exchange.OKX).httpStatus(200).code("2")
        .policyClass(PolicyClass.PARTIAL_SUCCESS)
        .items(List.of(new ItemResult(0, "0", "", PolicyClass.SUCCESS, "a", "1"),
            new ItemResult(1, "51016", "Duplicated clOrdId", PolicyClass.REJECTED, "b", null))).build();

    assertThat(decider(Exchange.OKX).decide(ORDER, batch, NOW).step()).isEqualTo(Step.RETURN_RECONCILING_ITEMS);
  }

  // ---- Waits and bans named on the wire ----

  @Test
  void binanceBannedUntilInTheMessageBansTheScope() {
    long until = NOW.plusSeconds(600).toEpochMilli();
    DecodedResponse banned = decoded(Exchange.BINANCE_USDM, 418,
        "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until " + until + ".\"}");

    Decision decision = decider(Exchange.BINANCE_USDM).decide(GET, banned, NOW);

    assertThat(decision.step()).isEqualTo(new Step.Fail(Step.Failure.BAN_IN_FORCE));
    assertThat(decision.banUntil()).isEqualTo(Instant.ofEpochMilli(until));
    assertThat(decision.cappedWait()).isNull();
  }

  @Test
  void binance418LastsAsLongAsRetryAfterOrTheDefault() {
    DecodedResponse withRetryAfter = decoded(Exchange.BINANCE_USDM, 418, "{\"code\":-1003,\"msg\":\"banned\"}",
        "Retry-After", "120");
    DecodedResponse withoutRetryAfter = decoded(Exchange.BINANCE_USDM, 418, "{\"code\":-1003,\"msg\":\"banned\"}");

    assertThat(decider(Exchange.BINANCE_USDM).decide(GET, withRetryAfter, NOW).banUntil())
        .isEqualTo(NOW.plusSeconds(120));
    assertThat(decider(Exchange.BINANCE_USDM).decide(GET, withoutRetryAfter, NOW).banUntil())
        .isEqualTo(NOW.plus(SETTINGS.defaultBanDuration()));
  }

  @Test
  void bybit403IsATenMinuteBanAndOnlyBybitsIs() {
    DecodedResponse bybit = decoded(Exchange.BYBIT, 403, "");
    DecodedResponse okx = answer(Exchange.OKX, 403, null, PolicyClass.RATE_LIMITED, DecisionSource.HTTP_STATUS,
        RateLimitHints.NONE);

    assertThat(bybit.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decider(Exchange.BYBIT).decide(GET, bybit, NOW).banUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    assertThat(decider(Exchange.OKX).decide(GET, okx, NOW).banUntil()).isNull();
  }

  @Test
  void binanceWafLimitAndBybit10009AreBansToo() {
    DecodedResponse waf = decoded(Exchange.BINANCE_USDM, 403, "<html><body>403 Forbidden</body></html>");
    DecodedResponse bybitBanned = decoded(Exchange.BYBIT, 200,
        "{\"retCode\":10009,\"retMsg\":\"IP has been banned.\",\"result\":{},\"retExtInfo\":{}}");

    assertThat(decider(Exchange.BINANCE_USDM).decide(GET, waf, NOW).banUntil())
        .isEqualTo(NOW.plus(SETTINGS.defaultBanDuration()));
    assertThat(decider(Exchange.BYBIT).decide(ORDER, bybitBanned, NOW).step())
        .isEqualTo(new Step.Fail(Step.Failure.BAN_IN_FORCE));
    assertThat(decider(Exchange.BYBIT).decide(ORDER, bybitBanned, NOW).banUntil())
        .isEqualTo(NOW.plus(Duration.ofMinutes(10)));
  }

  @Test
  void aBanBeyondMaxServerWaitIsCappedAndSaysSo() {
    DecodedResponse banned = decoded(Exchange.BINANCE_USDM, 418,
        "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 99999999999999.\"}");

    Decision decision = decider(Exchange.BINANCE_USDM).decide(GET, banned, NOW);

    assertThat(decision.banUntil()).isEqualTo(NOW.plus(Duration.ofDays(3)));
    assertThat(decision.cappedWait()).isGreaterThan(Duration.ofDays(3));
  }

  @Test
  void retryAfterPausesTheExchangeAndResendsAfterIt() {
    RateLimitHints hints = new RateLimitHints(Duration.ofSeconds(7), null, null, null, null, null);
    Decision decision = decider(Exchange.OKX).decide(ORDER, answer(Exchange.OKX, 429, "50011",
        PolicyClass.RATE_LIMITED, DecisionSource.CODE, hints), NOW);

    assertThat(decision.pauseUntil()).isEqualTo(NOW.plusSeconds(7));
    assertThat(decision.step()).isEqualTo(new Step.Resend(Duration.ofSeconds(7), Step.RETURN));
    assertThat(decision.drainBudgets()).isFalse();
  }

  @Test
  void aWaitLongerThanMaxRateLimitWaitEndsTheCallWithTheAnswerButStillPauses() {
    RateLimitHints hints = new RateLimitHints(Duration.ofMinutes(5), null, null, null, null, null);
    Decision decision = decider(Exchange.OKX).decide(ORDER, answer(Exchange.OKX, 429, "50011",
        PolicyClass.RATE_LIMITED, DecisionSource.CODE, hints), NOW);

    assertThat(decision.step()).isEqualTo(Step.RETURN);
    assertThat(decision.pauseUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
  }

  @Test
  void aWindowResetIsTheWaitAndOneInThePastIsNoWait() {
    RateLimitHints soon = new RateLimitHints(null, null, NOW.plusMillis(1500), null, null, null);
    RateLimitHints past = new RateLimitHints(null, null, NOW.minusSeconds(1), null, null, null);
    RateLimitHints absurd = new RateLimitHints(null, null, Instant.ofEpochMilli(99999999999999L), null, null, null);

    assertThat(decider(Exchange.BYBIT).decide(ORDER, answer(Exchange.BYBIT, 200, "10006", PolicyClass.RATE_LIMITED,
        DecisionSource.CODE, soon), NOW).step()).isEqualTo(new Step.Resend(Duration.ofMillis(1500), Step.RETURN));
    assertThat(decider(Exchange.BYBIT).decide(ORDER, answer(Exchange.BYBIT, 200, "10006", PolicyClass.RATE_LIMITED,
        DecisionSource.CODE, past), NOW).step()).isEqualTo(new Step.Resend(Duration.ZERO, Step.RETURN));
    Decision capped = decider(Exchange.BYBIT).decide(ORDER, answer(Exchange.BYBIT, 200, "10006",
        PolicyClass.RATE_LIMITED, DecisionSource.CODE, absurd), NOW);
    assertThat(capped.pauseUntil()).isEqualTo(NOW.plus(Duration.ofDays(3)));
    assertThat(capped.step()).isEqualTo(Step.RETURN);
    assertThat(capped.cappedWait()).isNotNull();
  }

  // ---- I/O failures ----

  @Test
  void anOrderThatMayHaveBeenSentIsReconciled() {
    Decision decision = decider(Exchange.BINANCE_USDM).decideFailure(ORDER, true, false);

    assertThat(decision.step()).isEqualTo(new Step.Reconcile("c1", false));
    assertThat(decision.countsAgainstAvailability()).isTrue();
  }

  @Test
  void aRequestThatCannotHaveLeftOrIsIdempotentIsRetriedThenFailsAsItFailed() {
    Decision refused = decider(Exchange.BINANCE_USDM).decideFailure(ORDER, false, false);
    Decision get = decider(Exchange.BINANCE_USDM).decideFailure(GET, true, false);

    assertThat(refused.step()).isEqualTo(new Step.Resend(null, new Step.Fail(Step.Failure.IO_FAILURE)));
    assertThat(get.step()).isEqualTo(new Step.Resend(null, new Step.Fail(Step.Failure.IO_FAILURE)));
  }

  @Test
  void anInterruptEndsTheCallAtOnceAndAnOrderThatMayHaveLeftAsUnknown() {
    Decider decider = decider(Exchange.OKX);

    assertThat(decider.decideFailure(ORDER, true, true).step())
        .isEqualTo(new Step.Fail(Step.Failure.EXECUTION_UNKNOWN));
    assertThat(decider.decideFailure(ORDER, false, true).step()).isEqualTo(new Step.Fail(Step.Failure.IO_FAILURE));
    assertThat(decider.decideFailure(GET, true, true).step()).isEqualTo(new Step.Fail(Step.Failure.IO_FAILURE));
  }

  // ---- After the reconciler ----

  @Test
  void afterTheReconciler() {
    Decider decider = decider(Exchange.OKX);
    Step.Reconcile inDoubt = new Step.Reconcile("c1", false);
    Step.Reconcile exists = new Step.Reconcile("c1", true);

    assertThat(decider.afterReconcile(inDoubt, ReconcileOutcome.FOUND).step()).isEqualTo(Step.RETURN);
    assertThat(decider.afterReconcile(inDoubt, ReconcileOutcome.NOT_EXECUTED).step())
        .isEqualTo(new Step.Resend(Duration.ZERO, new Step.Fail(Step.Failure.NOT_EXECUTED)));
    assertThat(decider.afterReconcile(inDoubt, ReconcileOutcome.UNRESOLVED).step())
        .isEqualTo(new Step.Fail(Step.Failure.EXECUTION_UNKNOWN));
    // The exchange said the order exists: a reconciler that cannot find it is not believed.
    assertThat(decider.afterReconcile(exists, ReconcileOutcome.NOT_EXECUTED).step())
        .isEqualTo(new Step.Fail(Step.Failure.EXECUTION_UNKNOWN));
    assertThat(decider.afterReconcile(exists, ReconcileOutcome.FOUND).step()).isEqualTo(Step.RETURN);
  }

  // ---- Before sending ----

  @Test
  void beforeSending() {
    Decider decider = decider(Exchange.BINANCE_USDM);

    assertThat(decider.beforeSending(NOW, null, null, null)).isEqualTo(Gate.PROCEED);
    assertThat(decider.beforeSending(NOW, NOW.minusSeconds(1), NOW, NOW)).isEqualTo(Gate.PROCEED);
    assertThat(decider.beforeSending(NOW, NOW.plusSeconds(60), NOW.plusSeconds(5), NOW.plusSeconds(5)))
        .isEqualTo(new Gate(Gate.Verdict.BANNED, Duration.ofSeconds(60), NOW.plusSeconds(60)));
    assertThat(decider.beforeSending(NOW, null, NOW.plusSeconds(5), NOW.plusSeconds(5)).verdict())
        .isEqualTo(Gate.Verdict.KEY_COOLING_DOWN);
    assertThat(decider.beforeSending(NOW, null, null, NOW.plusSeconds(5)))
        .isEqualTo(new Gate(Gate.Verdict.WAIT, Duration.ofSeconds(5), null));
    assertThat(decider.beforeSending(NOW, null, null, NOW.plusSeconds(61)).verdict())
        .isEqualTo(Gate.Verdict.PAUSED);
  }

  // ---- The limits are inclusive ----

  @Test
  void aWaitOfExactlyMaxRateLimitWaitIsWaitedOutInLine() {
    Duration limit = SETTINGS.maxRateLimitWait();
    RateLimitHints named = new RateLimitHints(limit, null, null, null, null, null);
    Decision decision = decider(Exchange.OKX).decide(ORDER, answer(Exchange.OKX, 429, "50011",
        PolicyClass.RATE_LIMITED, DecisionSource.CODE, named), NOW);

    assertThat(decider(Exchange.OKX).beforeSending(NOW, null, null, NOW.plus(limit)))
        .isEqualTo(new Gate(Gate.Verdict.WAIT, limit, null));
    assertThat(decision.step()).isEqualTo(new Step.Resend(limit, Step.RETURN));
    assertThat(((Step.Resend) decision.step()).backoff()).isFalse();
  }

  @Test
  void aBanOfExactlyMaxServerWaitIsNotCapped() {
    long until = NOW.plus(SETTINGS.maxServerWait()).toEpochMilli();
    DecodedResponse banned = decoded(Exchange.BINANCE_USDM, 418,
        "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until " + until + ".\"}");

    Decision decision = decider(Exchange.BINANCE_USDM).decide(GET, banned, NOW);

    assertThat(decision.banUntil()).isEqualTo(NOW.plus(SETTINGS.maxServerWait()));
    assertThat(decision.cappedWait()).isNull();
  }

  // ---- What a decision tells ----

  @Test
  void aDeciderKeepsItsSpecAndSettings() {
    Decider decider = decider(Exchange.BYBIT);

    assertThat(decider.spec()).isSameAs(Exchange.BYBIT.spec());
    assertThat(decider.settings()).isSameAs(SETTINGS);
  }

  @Test
  void aDecisionSaysWhatItCarries() {
    RateLimitHints absurd = new RateLimitHints(null, null, Instant.ofEpochMilli(99999999999999L), null, null, null);
    Decision capped = decider(Exchange.BYBIT).decide(ORDER, answer(Exchange.BYBIT, 200, "10006",
        PolicyClass.RATE_LIMITED, DecisionSource.CODE, absurd), NOW);
    Decision drained = decider(Exchange.BYBIT).decide(ORDER, answer(Exchange.BYBIT, PolicyClass.RATE_LIMITED), NOW);
    Decision skewed = decider(Exchange.BYBIT).decide(ORDER, answer(Exchange.BYBIT, PolicyClass.CLOCK_SKEW), NOW);
    Decision refused = decider(Exchange.BYBIT).decide(ORDER, answer(Exchange.BYBIT, PolicyClass.AUTH), NOW);
    Decision banned = decider(Exchange.BYBIT).decide(GET, decoded(Exchange.BYBIT, 403, ""), NOW);

    assertThat(capped).hasToString("Decision{RATE_LIMITED -> Return[reconcileUnknownItems=false], pause until "
        + NOW.plus(Duration.ofDays(3)) + ", capped " + Duration.between(NOW, Instant.ofEpochMilli(99999999999999L))
        + "}");
    assertThat(drained).hasToString("Decision{RATE_LIMITED -> Resend[delay=PT0S, whenExhausted=Return["
        + "reconcileUnknownItems=false]], drain budgets}");
    assertThat(skewed).hasToString("Decision{CLOCK_SKEW -> Resend[delay=PT0S, whenExhausted=Return["
        + "reconcileUnknownItems=false]], resync clock}");
    assertThat(refused).hasToString("Decision{AUTH -> Fail[failure=EXCHANGE_ERROR], key cools down until "
        + NOW.plusSeconds(30) + "}");
    assertThat(banned).hasToString("Decision{RATE_LIMITED -> Fail[failure=BAN_IN_FORCE], ban until "
        + NOW.plus(Duration.ofMinutes(10)) + "}");
    assertThat(((Step.Resend) decider(Exchange.BYBIT).decide(ORDER, answer(Exchange.BYBIT, PolicyClass.TRANSIENT),
        NOW).step()).backoff()).isTrue();
  }

  @Test
  void anExhaustedRetryNeverResends() {
    assertThatThrownBy(() -> new Step.Resend(null, new Step.Resend(null, Step.RETURN)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
