package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How far the envelope read goes and what it skips: it stops once the code and the message decide, skips whole any
 * container it does not need, wherever it stands, and keeps batch items only from a body that parsed.
 */
class EnvelopeReadTest {
  private static final String BYBIT_ORDER = "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"orderId\":\"%s\","
      + "\"orderLinkId\":\"%s\",\"createAt\":\"1713434102752\"}";

  // ---- Where the read stops ----

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "BINANCE_USDM | {\"code\":-2019,\"msg\":\"Margin is insufficient.\",oops | -2019 | REJECTED",
      "BYBIT | {\"retCode\":10006,\"retMsg\":\"Too many visits!\",oops | 10006 | RATE_LIMITED",
      "OKX | {\"code\":\"50011\",\"msg\":\"Requests too frequent.\",oops | 50011 | RATE_LIMITED",
      "BITGET | {\"code\":\"25202\",\"msg\":\"Insufficient balance\",oops | 25202 | REJECTED",
  })
  void anErrorIsReadNoFurtherThanItsCodeAndMessage(Exchange exchange, String body, String code,
      PolicyClass expected) {
    DecodedResponse decoded = TestCatalog.decoder(exchange).decode(json(400, body));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(decoded.code()).contains(code);
    assertThat(decoded.policyClass()).isEqualTo(expected);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
  }

  @Test
  void aBybitSuccessIsDecidedOnceItsOutcomeIsRead() {
    // Cut in the trailing "time": the code and the (empty) batch outcome were read before it.
    DecodedResponse decoded = TestCatalog.decoder(Exchange.BYBIT).decode(json(200, "{\"retCode\":0,\"retMsg\":\"OK\","
        + "\"result\":{\"orderId\":\"1321003749386327552\",\"orderLinkId\":\"spot-test-postonly\"},"
        + "\"retExtInfo\":{},\"time\":16722"));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
  }

  @Test
  void aBodyThatBreaksOffAtASecondCodeKeyIsTruncated() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.BINANCE_USDM).decode(json(400,
        "{\"code\":-2019,\"msg\":\"Margin is insufficient.\",\"code\""));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
    assertThat(decoded.code()).contains("-2019");
  }

  @Test
  void aSecondCodeIsLookedForInBodiesUpTo16KiB() {
    String head = "{\"code\":-2019,\"msg\":\"Margin is insufficient.\",\"note\":\"";
    String tail = "\",\"code\":-1003}";
    String body = head + "x".repeat(EnvelopeDecoder.SECOND_CODE_SCAN_LIMIT - head.length() - tail.length()) + tail;
    String longer = head + "x".repeat(EnvelopeDecoder.SECOND_CODE_SCAN_LIMIT + 1 - head.length() - tail.length())
        + tail;

    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(EnvelopeDecoder.SECOND_CODE_SCAN_LIMIT);
    assertThat(TestCatalog.decoder(Exchange.BINANCE_USDM).decode(json(400, body)).code()).contains("-1003");
    assertThat(TestCatalog.decoder(Exchange.BINANCE_USDM).decode(json(400, longer)).code()).contains("-2019");
  }

  // ---- Containers that are not needed, wherever they stand ----

  @Test
  void aContainerBeforeTheCodeIsSkippedWhole() {
    DecodedResponse bitget = TestCatalog.decoder(Exchange.BITGET).decode(json(0, "{\"event\":\"error\","
        + "\"arg\":{\"instType\":\"SPOT\",\"channel\":\"orders\",\"instId\":\"default\"},\"code\":\"40009\","
        + "\"msg\":\"sign signature error\"}"));
    DecodedResponse okx = TestCatalog.decoder(Exchange.OKX).decode(json(200, "{\"arg\":{\"channel\":\"orders\","
        + "\"instType\":\"ANY\"},\"code\":\"50011\",\"msg\":\"Requests too frequent.\"}"));

    assertThat(bitget.code()).contains("40009");
    assertThat(bitget.policyClass()).isEqualTo(PolicyClass.AUTH);
    assertThat(bitget.message()).isEqualTo("sign signature error");
    assertThat(okx.code()).contains("50011");
    assertThat(okx.message()).isEqualTo("Requests too frequent.");
  }

  @Test
  void dataThatHoldsNoOutcomeIsSkippedAndTheMessageAfterItRead() {
    ResponseDecoder bitget = TestCatalog.decoder(Exchange.BITGET);

    DecodedResponse refused = bitget.decode(json(400, "{\"code\":\"25202\",\"data\":{\"orderId\":\"1\","
        + "\"clientOid\":\"a\"},\"msg\":\"Insufficient balance\",\"requestTime\":1695806875837}"));
    DecodedResponse listed = bitget.decode(json(200, "{\"code\":\"00000\",\"data\":[{\"orderId\":\"1\","
        + "\"clientOid\":\"a\"}],\"msg\":\"success\",\"requestTime\":1695806875837}"));
    DecodedResponse bybit = TestCatalog.decoder(Exchange.BYBIT).decode(json(200,
        "{\"retCode\":10006,\"result\":{\"list\":[]},\"retMsg\":\"Too many visits!\",\"retExtInfo\":{}}"));

    assertThat(refused.message()).isEqualTo("Insufficient balance");
    assertThat(refused.policyClass()).isEqualTo(PolicyClass.REJECTED);
    assertThat(listed.message()).isEqualTo("success");
    assertThat(listed.items()).isEmpty();
    assertThat(bybit.message()).isEqualTo("Too many visits!");
    assertThat(bybit.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
  }

  @Test
  void anErrorsDataBeforeItsMessageIsSkipped() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.OKX).decode(json(200,
        "{\"code\":\"50011\",\"data\":[{\"instId\":\"BTC-USDT\"}],\"msg\":\"Requests too frequent.\"}"));

    assertThat(decoded.message()).isEqualTo("Requests too frequent.");
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
  }

  @Test
  void aSecondCodeAfterADataListIsStillFound() {
    // The list is not a batch outcome and was left unread once the envelope was known; the search for a second code
    // key skips it whole.
    DecodedResponse decoded = TestCatalog.decoder(Exchange.BITGET).decode(json(200, "{\"code\":\"00000\","
        + "\"msg\":\"success\",\"requestTime\":1695806875837,\"data\":[{\"orderId\":\"1\"}],\"code\":\"40009\"}"));

    assertThat(decoded.code()).contains("40009");
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.AUTH);
  }

  // ---- Batch items ----

  @Test
  void bybitOutcomesReadBeforeANonZeroRetCodeAreDropped() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.BYBIT).decode(json(200, "{\"retExtInfo\":{\"list\":["
        + "{\"code\":110007,\"msg\":\"Available balance is insufficient\"}]},\"retCode\":10006,"
        + "\"retMsg\":\"Too many visits!\",\"result\":{},\"time\":1713434102753}"));

    assertThat(decoded.items()).isEmpty();
    assertThat(decoded.isBatch()).isFalse();
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
  }

  @Test
  void bybitOrdersBeyondTheOutcomesAreIgnored() {
    String orders = String.format(BYBIT_ORDER, "1666800494330512128", "a") + ","
        + String.format(BYBIT_ORDER, "", "b") + "," + String.format(BYBIT_ORDER, "1666800494330512129", "c");
    DecodedResponse decoded = TestCatalog.decoder(Exchange.BYBIT).decode(json(200, "{\"retCode\":0,\"retMsg\":\"OK\","
        + "\"result\":{\"list\":[" + orders + "]},\"retExtInfo\":{\"list\":[{\"code\":0,\"msg\":\"OK\"},"
        + "{\"code\":110007,\"msg\":\"Available balance is insufficient\"}]},\"time\":1713434102753}"));

    assertThat(decoded.items()).extracting(ItemResult::clientOrderId).containsExactly("a", "b");
    assertThat(decoded.items()).extracting(ItemResult::orderId).containsExactly("1666800494330512128", null);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.PARTIAL_SUCCESS);
  }

  @Test
  void itemsOfABodyThatDoesNotParseAreDropped() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.OKX).decode(json(200, "{\"code\":\"1\",\"data\":["
        + "{\"clOrdId\":\"b15\",\"ordId\":\"\",\"sCode\":\"50004\",\"sMsg\":\"Endpoint request timeout.\"}],!}"));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.NOT_JSON);
    assertThat(decoded.items()).isEmpty();
  }

  @Test
  void anItemIdThatIsNoIdIsNone() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.OKX).decode(json(200, "{\"code\":\"1\",\"msg\":\"\","
        + "\"data\":[{\"clOrdId\":null,\"ordId\":{},\"sCode\":\"51008\",\"sMsg\":\"Order failed.\"}]}"));

    assertThat(decoded.items()).singleElement().satisfies(item -> {
      assertThat(item.clientOrderId()).isNull();
      assertThat(item.clientOrderIdValue()).isEmpty();
      assertThat(item.orderId()).isNull();
    });
  }

  @Test
  void atMost256ItemsAreKept() {
    StringBuilder okxItems = new StringBuilder();
    StringBuilder binanceItems = new StringBuilder("{\"code\":-2019,\"msg\":\"Margin is insufficient.\"}");
    for (int i = 0; i < 300; i++) {
      okxItems.append(i == 0 ? "" : ",").append("{\"clOrdId\":\"o").append(i).append("\",\"sCode\":\"51008\"}");
      binanceItems.append(",{\"clientOrderId\":\"b").append(i).append("\",\"orderId\":").append(i).append('}');
    }

    DecodedResponse okx = TestCatalog.decoder(Exchange.OKX).decode(json(200,
        "{\"code\":\"1\",\"msg\":\"\",\"data\":[" + okxItems + "]}"));
    DecodedResponse binance = TestCatalog.decoder(Exchange.BINANCE_USDM).decode(json(200, "[" + binanceItems + "]"));

    assertThat(okx.items()).hasSize(EnvelopeDecoder.MAX_ITEMS);
    assertThat(binance.items()).hasSize(EnvelopeDecoder.MAX_ITEMS);
    assertThat(binance.policyClass()).isEqualTo(PolicyClass.PARTIAL_SUCCESS);
  }

  @Test
  void aBinanceArrayIsABatchAnswerOnlyIfAnErrorIsAmongItsFirstElevenElements() {
    String order = "{\"clientOrderId\":\"x\",\"orderId\":22542179,\"status\":\"NEW\"}";
    String error = "{\"code\":-2019,\"msg\":\"Margin is insufficient.\"}";
    ResponseDecoder binance = TestCatalog.decoder(Exchange.BINANCE_USDM);

    DecodedResponse errorEleventh = binance.decode(json(200, "[" + (order + ",").repeat(10) + error + "]"));
    DecodedResponse errorTwelfth = binance.decode(json(200, "[" + (order + ",").repeat(11) + error + "]"));

    assertThat(errorEleventh.items()).hasSize(11);
    assertThat(errorEleventh.policyClass()).isEqualTo(PolicyClass.PARTIAL_SUCCESS);
    assertThat(errorTwelfth.items()).isEmpty();
    assertThat(errorTwelfth.policyClass()).isEqualTo(PolicyClass.SUCCESS);
  }
}
