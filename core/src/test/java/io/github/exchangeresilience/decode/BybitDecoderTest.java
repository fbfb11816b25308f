package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BybitDecoderTest {
  private static final String CREATE_BATCH = """
      {"retCode":0,"retMsg":"OK","result":{"list":[\
      {"category":"linear","symbol":"BTCUSDT","orderId":"1666800494330512128","orderLinkId":"linear-btc-03",\
      "createAt":"1713434102752"},\
      {"category":"linear","symbol":"ETHUSDT","orderId":"","orderLinkId":"linear-eth-03","createAt":""}]},\
      "retExtInfo":{"list":[{"code":0,"msg":"OK"},{"code":110007,"msg":"Available balance is insufficient"}]},\
      "time":1713434102753}""";

  private final ResponseDecoder decoder = TestCatalog.decoder(Exchange.BYBIT);

  @Test
  void success() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"retCode":0,"retMsg":"OK","result":{"orderId":"1321003749386327552","orderLinkId":"spot-test-postonly"},\
        "retExtInfo":{},"time":1672211918471}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.code()).contains("0");
    assertThat(decoded.message()).isEqualTo("OK");
    assertThat(decoded.items()).isEmpty();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "10006, RATE_LIMITED, Too many visits!",
      "10003, AUTH, API key is invalid.",
      "10002, CLOCK_SKEW, 'invalid request, please check your server timestamp or recv_window param'",
      "10000, EXECUTION_UNKNOWN, Server Timeout",
      "110007, REJECTED, 'ab not enough for new order'",
  })
  void everyAnchorCodeIsDecidedByItsCatalogClass(String code, PolicyClass expected, String message) {
    DecodedResponse decoded = decoder.decode(json(200, "{\"retCode\":" + code + ",\"retMsg\":\"" + message
        + "\",\"result\":{},\"retExtInfo\":{},\"time\":1672211918471}"));

    assertThat(decoded.policyClass()).isEqualTo(expected);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.code()).contains(code);
    assertThat(decoded.message()).isEqualTo(message);
    assertThat(decoded.items()).isEmpty();
  }

  @Test
  void retCodeAsAStringAndAfterTheResult() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"result":{},"time":1672211918471,"retExtInfo":{},"retMsg":"Too many visits!","retCode":"10006"}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.code()).contains("10006");
  }

  @Test
  void createBatchPairsEachOutcomeWithItsOrder() {
    DecodedResponse decoded = decoder.decode(json(200, CREATE_BATCH));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.PARTIAL_SUCCESS);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.code()).contains("0");
    assertThat(decoded.items()).containsExactly(
        new ItemResult(0, "0", "OK", PolicyClass.SUCCESS, "linear-btc-03", "1666800494330512128"),
        new ItemResult(1, "110007", "Available balance is insufficient", PolicyClass.REJECTED, "linear-eth-03",
            null));
  }

  @Test
  void createBatchWithRetExtInfoBeforeResult() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"retExtInfo":{"list":[{"code":110007,"msg":"Available balance is insufficient"},\
        {"code":10006,"msg":"Too many visits!"}]},"retCode":0,"retMsg":"OK",\
        "result":{"list":[{"orderId":"","orderLinkId":"a"},{"orderId":"","orderLinkId":"b"}]},"time":1}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.items()).extracting(ItemResult::clientOrderId).containsExactly("a", "b");
  }

  @Test
  void createBatchWhereEveryOrderSucceeded() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"retCode":0,"retMsg":"OK","result":{"list":[{"orderId":"1","orderLinkId":"a"},\
        {"orderId":"2","orderLinkId":"b"}]},"retExtInfo":{"list":[{"code":0,"msg":"OK"},{"code":0,"msg":"OK"}]},\
        "time":1713434102753}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.items()).extracting(ItemResult::orderId).containsExactly("1", "2");
  }

  @Test
  void aNonZeroRetCodeFailsTheWholeBatch() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"retCode":10003,"retMsg":"API key is invalid.","result":{},\
        "retExtInfo":{"list":[{"code":0,"msg":"OK"}]},"time":1}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.AUTH);
    assertThat(decoded.items()).isEmpty();
  }

  @Test
  void theDocumented403IsARateLimitNotAnAuthFailure() {
    DecodedResponse decoded = decoder.decode(Snapshots.body(403, "text/html", """
        <html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>\
        """));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.HTML);
    assertThat(decoded.message()).isEqualTo("403 Forbidden");
  }

  @Test
  void theDocumented401() {
    DecodedResponse decoded = decoder.decode(Snapshots.body(401, null, ""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.AUTH);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.EMPTY);
  }

  @Test
  void limitHeadersWhateverTheirCase() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"retCode":10006,"retMsg":"Too many visits!","result":{},"retExtInfo":{},"time":1672211918471}""",
        "x-bapi-limit", "20",
        "X-BAPI-LIMIT-STATUS", "0",
        "X-Bapi-Limit-Reset-Timestamp", "1672211918481"));

    RateLimitHints hints = decoded.hints();
    assertThat(hints.limits()).isEqualTo(Map.of("requests", 20L));
    assertThat(hints.remaining()).isEqualTo(Map.of("requests", 0L));
    assertThat(hints.windowResetAtValue()).contains(Instant.ofEpochMilli(1672211918481L));
  }

  @Test
  void malformedLimitHeadersAreIgnored() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"retCode":0,"retMsg":"OK","result":{},"retExtInfo":{},"time":1672211918471}""",
        "X-Bapi-Limit", "",
        "X-Bapi-Limit-Status", "many",
        "X-Bapi-Limit-Reset-Timestamp", "-5"));

    assertThat(decoded.hints().isEmpty()).isTrue();
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
  }

  @Test
  void aResetBeyondALongSaturatesForTheInterceptorToCap() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"retCode":10006,"retMsg":"Too many visits!","result":{},"retExtInfo":{},"time":1672211918471}""",
        "X-Bapi-Limit-Reset-Timestamp", "99999999999999999999999"));

    // Not "no hint": the exchange asked for a very long wait, which the interceptor caps at maxServerWait.
    assertThat(decoded.hints().windowResetAtValue()).contains(Instant.ofEpochMilli(Long.MAX_VALUE));
  }
}
