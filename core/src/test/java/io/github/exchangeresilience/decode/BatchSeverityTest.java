package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decision.CallState;
import io.github.exchangeresilience.decision.Decider;
import io.github.exchangeresilience.decision.DecisionSettings;
import io.github.exchangeresilience.decision.Step;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Which failure a batch, or a body that says two things, is handled as: "may have executed" first, then the failures
 * a retry would make worse (a restricted account, a refused key, a rate limit, a skewed clock), then those a retry may
 * cure (the exchange down or busy), then plain refusals. Each pair is one step of that ranking, in both orders.
 */
class BatchSeverityTest {
  private final ResponseDecoder okx = TestCatalog.decoder(Exchange.OKX);

  /** OKX's "all operations failed" with one item per code, as its batch endpoints answer. */
  private DecodedResponse failedBatch(String... itemCodes) {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < itemCodes.length; i++) {
      data.append(i == 0 ? "" : ",").append("{\"clOrdId\":\"b").append(i).append("\",\"ordId\":\"\",\"tag\":\"\","
          + "\"ts\":\"1695190491421\",\"sCode\":\"").append(itemCodes[i]).append("\",\"sMsg\":\"refused\"}");
    }
    return okx.decode(json(200, "{\"code\":\"1\",\"msg\":\"All operations failed\",\"data\":[" + data + "],"
        + "\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}"));
  }

  @ParameterizedTest(name = "{0} ({1}) over {2} ({3})")
  @CsvSource({
      "50004, EXECUTION_UNKNOWN, 50007, ACCOUNT_RESTRICTED",
      "50007, ACCOUNT_RESTRICTED, 50113, AUTH",
      "50113, AUTH, 50011, RATE_LIMITED",
      "50011, RATE_LIMITED, 50102, CLOCK_SKEW",
      "50102, CLOCK_SKEW, 50005, UNAVAILABLE",
      "50005, UNAVAILABLE, 50013, TRANSIENT",
      "50013, TRANSIENT, 51008, REJECTED",
  })
  void aFailedBatchIsHandledAsItsMostCautiousItem(String graver, PolicyClass graverClass, String lighter,
      PolicyClass lighterClass) {
    DecodedResponse graverFirst = failedBatch(graver, lighter);
    DecodedResponse lighterFirst = failedBatch(lighter, graver);

    assertThat(graverFirst.items()).extracting(ItemResult::policyClass).containsExactly(graverClass, lighterClass);
    assertThat(graverFirst.policyClass()).isEqualTo(graverClass);
    assertThat(lighterFirst.policyClass()).isEqualTo(graverClass);
  }

  @Test
  void aBatchMixingARestrictedAccountAndABusyExchangeFailsAndIsNeverRetriedWhole() {
    DecodedResponse mixed = failedBatch("50013", "50007", "50013");
    Decider decider = new Decider(Exchange.OKX.spec(), new DecisionSettings(Duration.ofSeconds(60),
        Duration.ofDays(3), Duration.ofMinutes(2), Duration.ofSeconds(30)));

    assertThat(mixed.policyClass()).isEqualTo(PolicyClass.ACCOUNT_RESTRICTED);
    assertThat(decider.decide(new CallState(false, null, true, false), mixed, Instant.EPOCH).step())
        .isEqualTo(new Step.Fail(Step.Failure.EXCHANGE_ERROR));
  }

  @Test
  void aCodeWrittenTwiceIsTakenAtTheOneCallingForMoreCare() {
    ResponseDecoder binance = TestCatalog.decoder(Exchange.BINANCE_USDM);

    // Success, then a refusal after the message: the rest of a small body is searched for the code key again.
    DecodedResponse refusedAfterAll = binance.decode(json(200,
        "{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\",\"code\":-2019}"));
    // A rate limit, then a refusal, both before the message: the rate limit stands.
    DecodedResponse rateLimited = binance.decode(json(429,
        "{\"code\":-1003,\"code\":-2019,\"msg\":\"Too many requests.\"}"));
    // A code, then a null where a second code would be: the code stands.
    DecodedResponse nullSecond = binance.decode(json(429, "{\"code\":-1003,\"msg\":\"Too many requests.\",\"code\":null}"));

    assertThat(refusedAfterAll.code()).contains("-2019");
    assertThat(refusedAfterAll.policyClass()).isEqualTo(PolicyClass.REJECTED);
    assertThat(rateLimited.code()).contains("-1003");
    assertThat(rateLimited.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(nullSecond.code()).contains("-1003");
    assertThat(nullSecond.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(nullSecond.message()).isEqualTo("Too many requests.");
  }

  @Test
  void ofTwoCodesThatRankAlikeTheFirstStands() {
    // An unknown code may hide anything, as much as "execution unknown": neither replaces the other.
    DecodedResponse decoded = TestCatalog.decoder(Exchange.BINANCE_USDM).decode(json(200,
        "{\"code\":-99999,\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server.\"}"));

    assertThat(decoded.code()).contains("-99999");
    assertThat(decoded.unknownCode()).isTrue();
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
  }
}
