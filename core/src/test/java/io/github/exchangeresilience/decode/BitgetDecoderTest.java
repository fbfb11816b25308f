package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitgetDecoderTest {
  private final ResponseDecoder decoder = TestCatalog.decoder(Exchange.BITGET);

  @Test
  void successIsTheCode00000KeptAsWritten() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"code":"00000","msg":"success","requestTime":1695806875837,\
        "data":{"orderId":"1627293504612","clientOid":"BITGET#1627293504612"}}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.code()).contains("00000");
    assertThat(decoded.unknownCode()).isFalse();
    assertThat(decoded.items()).isEmpty();
  }

  @ParameterizedTest(name = "{0} at HTTP {1} is {2}")
  @CsvSource({
      "429, 429, RATE_LIMITED, Too Many Requests",
      "40009, 400, AUTH, sign signature error",
      "40008, 400, CLOCK_SKEW, Request timestamp expired",
      "25003, 400, TRANSIENT, 'Concurrent operation, please retry'",
      "25001, 500, EXECUTION_UNKNOWN, Operation timed out",
      "25202, 400, REJECTED, Insufficient balance",
  })
  void everyAnchorCodeIsDecidedByItsCatalogClass(String code, int status, PolicyClass expected, String message) {
    DecodedResponse decoded = decoder.decode(json(status, "{\"code\":\"" + code + "\",\"msg\":\"" + message
        + "\",\"requestTime\":1695806875837,\"data\":null}"));

    assertThat(decoded.policyClass()).isEqualTo(expected);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.code()).contains(code);
    assertThat(decoded.message()).isEqualTo(message);
  }

  @Test
  void aNumberCodeAfterTheData() {
    DecodedResponse decoded = decoder.decode(json(400, """
        {"data":null,"requestTime":1695806875837,"msg":"sign signature error","code":40009}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.AUTH);
    assertThat(decoded.code()).contains("40009");
  }

  @Test
  void webSocketErrorFrameWithAKnownCode() {
    DecodedResponse decoded = decoder.decode(ResponseSnapshot.ofWebSocketFrame("""
        {"event":"error","code":40009,"msg":"sign signature error"}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.AUTH);
    assertThat(decoded.httpStatus()).isEqualTo(ResponseSnapshot.NO_HTTP_STATUS);
    assertThat(decoded.code()).contains("40009");
  }

  @Test
  void webSocketErrorFrameWithAnUnknownCodeCannotBeTrusted() {
    DecodedResponse decoded = decoder.decode(ResponseSnapshot.ofWebSocketFrame("""
        {"event":"error","code":30001,"msg":"instType:sp,channel:ticker,instId:BTC-USDT doesn't exist"}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    assertThat(decoded.unknownCode()).isTrue();
    assertThat(decoded.code()).contains("30001");
    assertThat(decoded.message()).isEqualTo("instType:sp,channel:ticker,instId:BTC-USDT doesn't exist");
  }

  @Test
  void webSocketLoginAnswerWithCodeZeroIsSuccess() {
    DecodedResponse decoded = decoder.decode(ResponseSnapshot.ofWebSocketFrame("""
        {"event":"login","code":0,"msg":""}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
  }

  @Test
  void batchListsSuccessesThenFailures() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"code":"00000","msg":"success","requestTime":1695806875837,"data":{\
        "successList":[{"orderId":"121211212122","clientOid":"BITGET#121211212122"}],\
        "failureList":[{"orderId":"","clientOid":"BITGET#121211212123","errorMsg":"Insufficient balance",\
        "errorCode":"25202"}]}}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.PARTIAL_SUCCESS);
    assertThat(decoded.items()).containsExactly(
        new ItemResult(0, null, "", PolicyClass.SUCCESS, "BITGET#121211212122", "121211212122"),
        new ItemResult(1, "25202", "Insufficient balance", PolicyClass.REJECTED, "BITGET#121211212123", null));
  }

  @Test
  void batchWhereEveryOrderFailedAndTheDataComesFirst() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"data":{"successList":[],"failureList":[\
        {"clientOid":"a","errorMsg":"Insufficient balance","errorCode":"25202"},\
        {"clientOid":"b","errorMsg":"Operation timed out","errorCode":"25001"}]},\
        "code":"00000","msg":"success","requestTime":1695806875837}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.items()).extracting(ItemResult::clientOrderId).containsExactly("a", "b");
  }

  @Test
  void aListAnswerHasNoItems() {
    DecodedResponse decoded = decoder.decode(json(200, """
        {"code":"00000","msg":"success","requestTime":1695806875837,"data":[{"symbol":"BTCUSDT"}]}"""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.items()).isEmpty();
  }
}
