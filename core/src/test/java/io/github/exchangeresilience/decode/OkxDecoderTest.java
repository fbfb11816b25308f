package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OkxDecoderTest {
  private final ResponseDecoder decoder = TestCatalog.decoder(Exchange.OKX);

  @Test
  void successIsDecidedByCodeZeroWithoutReadingData() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"code":"0","msg":"","data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","last":"43250.1",\
        "sCode":"51008","sMsg":"not an outcome: code 0 never has items"}]}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(decoded.code()).contains("0");
    assertThat(decoded.entry()).isPresent();
    assertThat(decoded.unknownCode()).isFalse();
    assertThat(decoded.items()).isEmpty();
    assertThat(decoded.exchange()).isEqualTo(Exchange.OKX);
  }

  @ParameterizedTest(name = "{0} at HTTP {1} is {2}")
  @CsvSource({
      "50011, 429, RATE_LIMITED, Requests too frequent.",
      "50113, 401, AUTH, Invalid signature.",
      "50102, 401, CLOCK_SKEW, Timestamp request expired.",
      "50013, 429, TRANSIENT, 'System is busy, please try again later.'",
      "50004, 400, EXECUTION_UNKNOWN, Endpoint request timeout.",
      "50005, 410, UNAVAILABLE, API is offline or unavailable.",
      "50007, 200, ACCOUNT_RESTRICTED, Account blocked.",
      "51008, 200, REJECTED, Order placement failed due to insufficient balance.",
      "1, 200, REJECTED, All operations failed",
  })
  void everyAnchorCodeIsDecidedByItsCatalogClass(String code, int status, PolicyClass expected, String message) {
    DecodedResponse decoded = decoder.decode(json(status,
        "{\"code\":\"" + code + "\",\"msg\":\"" + message + "\",\"data\":[]}"));

    assertThat(decoded.policyClass()).isEqualTo(expected);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.code()).contains(code);
    assertThat(decoded.message()).isEqualTo(message);
    assertThat(decoded.entry()).hasValueSatisfying(entry -> assertThat(entry.code()).isEqualTo(code));
    assertThat(decoded.unknownCode()).isFalse();
  }

  @Test
  void aCodeWrittenAsANumberIsTheSameCode() {
    DecodedResponse decoded = decoder.decode(json(429, """
        {"code":50011,"msg":"Requests too frequent.","data":[]}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.code()).contains("50011");
  }

  @Test
  void fieldsMayComeInAnyOrder() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"data":[{"ts":"1695190491421"}],"msg":"Account blocked.","code":"50007","inTime":"1695190491421339"}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.ACCOUNT_RESTRICTED);
    assertThat(decoded.message()).isEqualTo("Account blocked.");
  }

  @Test
  void codeOneTakesEachOrdersReasonFromItsItem() {
    // As OKX sends it: msg after data, the reason only in the item.
    DecodedResponse decoded = decoder.decode(json(200, """
        {"code":"1","data":[{"clOrdId":"b15","ordId":"","sCode":"51008",\
        "sMsg":"Order failed. Insufficient USDT balance in account.","tag":"","ts":"1695190491421"}],\
        "inTime":"1695190491421339","msg":"All operations failed","outTime":"1695190491423240"}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.REJECTED);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.message()).isEqualTo("All operations failed");
    assertThat(decoded.isBatch()).isTrue();
    assertThat(decoded.items()).containsExactly(new ItemResult(0, "51008",
        "Order failed. Insufficient USDT balance in account.", PolicyClass.REJECTED, "b15", null));
  }

  @Test
  void codeTwoWithMixedItemsIsPartialSuccess() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"code":"2","msg":"Bulk operation partially succeeded.","data":[\
        {"clOrdId":"oktswap6","ordId":"639423391876816896","tag":"","ts":"1695190491421","sCode":"0","sMsg":""},\
        {"clOrdId":"oktswap7","ordId":"","tag":"","ts":"1695190491421","sCode":"51008",\
        "sMsg":"Order failed. Insufficient USDT balance in account."}],\
        "inTime":"1695190491421339","outTime":"1695190491423240"}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.PARTIAL_SUCCESS);
    assertThat(decoded.items()).extracting(ItemResult::policyClass)
        .containsExactly(PolicyClass.SUCCESS, PolicyClass.REJECTED);
    assertThat(decoded.items().get(0).orderId()).isEqualTo("639423391876816896");
    assertThat(decoded.items().get(0).succeeded()).isTrue();
    assertThat(decoded.items()).extracting(ItemResult::clientOrderId).containsExactly("oktswap6", "oktswap7");
    assertThat(decoded.items()).extracting(ItemResult::index).containsExactly(0, 1);
  }

  @Test
  void allFailedBatchTakesTheClassThatCallsForTheMostCare() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"code":"1","msg":"All operations failed","data":[\
        {"clOrdId":"a","ordId":"","sCode":"51008","sMsg":"Order failed."},\
        {"clOrdId":"b","ordId":"","sCode":"50011","sMsg":"Requests too frequent."},\
        {"clOrdId":"c","ordId":"","sCode":"50004","sMsg":"Endpoint request timeout."}]}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
  }

  @Test
  void anUnknownItemCodeCountsAsExecutionUnknown() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"code":"1","msg":"","data":[{"clOrdId":"a","sCode":"51008","sMsg":""},\
        {"clOrdId":"b","sCode":"59999","sMsg":"Something new"}]}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.items().get(1).policyClass()).isEqualTo(PolicyClass.UNKNOWN);
    assertThat(decoded.items().get(1).message()).isEqualTo("Something new");
  }

  @Test
  void itemsBeforeTheCodeAreReadBack() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"data":[{"clOrdId":"x1","ordId":"1","sCode":"0","sMsg":""},{"clOrdId":"x2","ordId":"","sCode":51008,\
        "sMsg":"Order failed."}],"msg":"Bulk operation partially succeeded.","code":2}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.PARTIAL_SUCCESS);
    assertThat(decoded.items()).extracting(ItemResult::code).containsExactly("0", "51008");
  }

  @Test
  void anUnknownCodeInA200IsExecutionUnknownNotSuccess() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"code":"58999","msg":"A code introduced last week","data":[]}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    assertThat(decoded.unknownCode()).isTrue();
    assertThat(decoded.code()).contains("58999");
    assertThat(decoded.entry()).isEmpty();
    assertThat(decoded.message()).isEqualTo("A code introduced last week");
  }

  @Test
  void anUnknownCodeInA500IsDecidedByTheStatus() {
    DecodedResponse decoded = decoder.decode(json(500, """
        {"code":"58999","msg":"Internal error","data":[]}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.TRANSIENT);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    assertThat(decoded.unknownCode()).isTrue();
  }

  @Test
  void retryAfterIsReadOnRateLimitAnswers() {
    DecodedResponse decoded = decoder.decode(json(429, """
        {"code":"50011","msg":"Requests too frequent.","data":[]}""", "retry-after", "2"));

    assertThat(decoded.hints().retryAfterValue()).contains(Duration.ofSeconds(2));
  }
}
