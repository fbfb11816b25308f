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
import org.junit.jupiter.params.provider.ValueSource;

class BinanceUsdmDecoderTest {
  private static final String NEW_ORDER = """
      {"clientOrderId":"testOrder","cumQty":"0","cumQuote":"0","executedQty":"0","orderId":22542179,\
      "avgPrice":"0.00000","origQty":"10","price":"0","reduceOnly":false,"side":"BUY","positionSide":"SHORT",\
      "status":"NEW","stopPrice":"9300","closePosition":false,"symbol":"BTCUSDT","timeInForce":"GTD",\
      "type":"TRAILING_STOP_MARKET","origType":"TRAILING_STOP_MARKET","activatePrice":"9020",\
      "priceRate":"0.3","updateTime":1566818724722,"workingType":"CONTRACT_PRICE","priceProtect":false,\
      "priceMatch":"NONE","selfTradePreventionMode":"NONE","goodTillDate":1693207680000}""";

  private final ResponseDecoder decoder = TestCatalog.decoder(Exchange.BINANCE_USDM);

  @Test
  void anObjectWithoutACodeIsSuccess() {
    DecodedResponse decoded = decoder.decode(json(200, NEW_ORDER));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(decoded.code()).isEmpty();
    assertThat(decoded.unknownCode()).isFalse();
    assertThat(decoded.items()).isEmpty();
  }

  @Test
  void anArrayOfOrdersIsSuccessNotABatch() {
    DecodedResponse decoded = decoder.decode(json(200, "[" + NEW_ORDER + "," + NEW_ORDER + "]"));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.items()).isEmpty();
  }

  @Test
  void klineRowsAreSuccess() {
    DecodedResponse decoded = decoder.decode(json(200, """
        [[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,\
        "2434.19055334",308,"1756.87402397","28.46694368","17928899.62484339"]]"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.items()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}",
      "{\"code\":\"200\",\"msg\":\"success\"}",
      "{\"code\":0,\"msg\":\"success\"}"})
  void codes200AndZeroAreSuccess(String body) {
    DecodedResponse decoded = decoder.decode(json(200, body));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.unknownCode()).isFalse();
  }

  @ParameterizedTest(name = "{0} at HTTP {1} is {2}")
  @CsvSource({
      "-1003, 429, RATE_LIMITED, Too many requests; current limit is 2400 requests per minute.",
      "-1022, 400, AUTH, Signature for this request is not valid.",
      "-1021, 400, CLOCK_SKEW, Timestamp for this request is outside of the recvWindow.",
      "-1008, 503, TRANSIENT, Server is currently overloaded with other requests.",
      "-1007, 408, EXECUTION_UNKNOWN, Timeout waiting for response from backend server.",
      "-1006, 500, EXECUTION_UNKNOWN, An unexpected response was received from the message bus.",
      "-1016, 503, UNAVAILABLE, This service is no longer available.",
      "-2023, 400, ACCOUNT_RESTRICTED, User in liquidation mode now.",
      "-2019, 400, REJECTED, Margin is insufficient.",
      "-1000, 500, EXECUTION_UNKNOWN, An unknown error occured while processing the request.",
      "-1001, 500, TRANSIENT, Internal error; unable to process your request. Please try again.",
  })
  void everyAnchorCodeIsDecidedByItsCatalogClass(String code, int status, PolicyClass expected, String message) {
    DecodedResponse decoded = decoder.decode(json(status, "{\"code\":" + code + ",\"msg\":\"" + message + "\"}"));

    assertThat(decoded.policyClass()).isEqualTo(expected);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.code()).contains(code);
    assertThat(decoded.message()).isEqualTo(message);
    assertThat(decoded.entry()).isPresent();
  }

  @Test
  void codesAsStringsAndFieldsOutOfOrder() {
    DecodedResponse decoded = decoder.decode(json(400, """
        {"msg":"Signature for this request is not valid.","code":"-1022"}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.AUTH);
    assertThat(decoded.code()).contains("-1022");
    assertThat(decoded.entry().flatMap(e -> e.name())).contains("INVALID_SIGNATURE");
  }

  @Test
  void batchOrdersMixingOrdersAndErrorsGivesItemsInOrder() {
    DecodedResponse decoded = decoder.decode(json(200, "[" + NEW_ORDER + """
        ,{"code":-2019,"msg":"Margin is insufficient."}]"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.PARTIAL_SUCCESS);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.items()).containsExactly(
        new ItemResult(0, null, "", PolicyClass.SUCCESS, "testOrder", "22542179"),
        new ItemResult(1, "-2019", "Margin is insufficient.", PolicyClass.REJECTED, null, null));
  }

  @Test
  void batchOrdersWhereEveryOrderFailedTakesTheWorstClass() {
    DecodedResponse decoded = decoder.decode(json(200, """
        [{"code":-2019,"msg":"Margin is insufficient."},\
        {"code":-1007,"msg":"Timeout waiting for response from backend server. Send status unknown; \
        execution status unknown."},{"code":-2023,"msg":"User in liquidation mode now."}]"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.items()).extracting(ItemResult::policyClass).containsExactly(
        PolicyClass.REJECTED, PolicyClass.EXECUTION_UNKNOWN, PolicyClass.ACCOUNT_RESTRICTED);
  }

  @Test
  void aLongListOfOrdersIsNeverReadAsABatch() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 40; i++) {
      body.append(i == 0 ? "" : ",").append(NEW_ORDER);
    }
    body.append(",{\"code\":-2019,\"msg\":\"Margin is insufficient.\"}]"); // cannot be a batch answer at #41

    DecodedResponse decoded = decoder.decode(json(200, body.toString()));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.items()).isEmpty();
  }

  @Test
  void ipBanIsReadFromTheMessageOfMinus1003() {
    DecodedResponse decoded = decoder.decode(json(418, """
        {"code":-1003,"msg":"Way too many requests; IP banned until 1659146268000. Please use the websocket \
        for live updates to avoid bans."}""", "Retry-After", "1380"));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.hints().bannedUntilValue()).contains(Instant.ofEpochMilli(1659146268000L));
    assertThat(decoded.hints().retryAfter()).hasSeconds(1380);
  }

  @Test
  void ipBanIsReadFromA418WhateverTheCode() {
    DecodedResponse decoded = decoder.decode(json(418, """
        {"code":-1099,"msg":"Way too many requests; IP banned until 1659146268000."}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    assertThat(decoded.hints().bannedUntil()).isEqualTo(Instant.ofEpochMilli(1659146268000L));
  }

  @Test
  void bannedUntilElsewhereIsNotAHint() {
    DecodedResponse decoded = decoder.decode(json(400, """
        {"code":-2019,"msg":"IP banned until 1659146268000"}"""));

    assertThat(decoded.hints().bannedUntil()).isNull();
  }

  @Test
  void weightAndOrderCountHeadersWhateverTheirCase() {
    DecodedResponse decoded = decoder.decode(json(200, NEW_ORDER,
        "x-mbx-used-weight-1m", "1201",
        "X-MBX-ORDER-COUNT-10S", "7",
        "x-mbx-order-count-1m", "31",
        "X-Mbx-Order-Count-1D", "not a number",
        "X-MBX-ORDER-COUNT-1H", "-3"));

    RateLimitHints hints = decoded.hints();
    assertThat(hints.used()).isEqualTo(Map.of("weight-1m", 1201L, "orders-10s", 7L, "orders-1m", 31L));
    assertThat(hints.retryAfter()).isNull();
  }

  @Test
  void malformedWeightIsIgnored() {
    DecodedResponse decoded = decoder.decode(json(200, NEW_ORDER, "X-MBX-USED-WEIGHT-1M", "12.5"));

    assertThat(decoded.hints().isEmpty()).isTrue();
  }

  @ParameterizedTest(name = "503 \"{1}\" with code {0} is {2}")
  @CsvSource(delimiter = '|', value = {
      "-1000 | Unknown error, please check your request or try again later. | EXECUTION_UNKNOWN",
      "-1001 | Unknown error, please check your request or try again later. | EXECUTION_UNKNOWN",
      "-1001 | Service Unavailable.                                          | UNAVAILABLE",
      "-1000 | Service Unavailable.                                          | UNAVAILABLE",
      "-1000 | Internal error; unable to process your request. Please try again. | TRANSIENT",
      "-1099 | Internal error; unable to process your request. Please try again. | TRANSIENT",
  })
  void on503TheDocumentedMessageDecidesWhateverTheCode(String code, String message, PolicyClass expected) {
    DecodedResponse decoded = decoder.decode(json(503, "{\"code\":" + code + ",\"msg\":\"" + message + "\"}"));

    assertThat(decoded.policyClass()).isEqualTo(expected);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.message()).isEqualTo(message);
  }

  @Test
  void theSameMessagesOutsideA503LeaveTheCodeToDecide() {
    DecodedResponse decoded = decoder.decode(json(500, """
        {"code":-1000,"msg":"Service Unavailable."}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
  }

  @Test
  void a503WithAnotherMessageIsDecidedByItsCode() {
    DecodedResponse decoded = decoder.decode(json(503, """
        {"code":-1008,"msg":"Server is currently overloaded with other requests. Please try again in a few minutes."}\
        """));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.TRANSIENT);
  }

  @Test
  void a503ServiceUnavailableInPlainText() {
    DecodedResponse decoded = decoder.decode(Snapshots.body(503, "text/plain", "Service Unavailable."));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.UNAVAILABLE);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.NOT_JSON);
    assertThat(decoded.message()).isEqualTo("Service Unavailable.");
  }
}
