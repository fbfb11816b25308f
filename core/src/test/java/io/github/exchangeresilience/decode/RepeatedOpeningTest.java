package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static io.github.exchangeresilience.decode.Snapshots.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A decoder knows an answer that opens with the bytes of the last answer it read only partly (the same success, the
 * same rate-limit error) and decides it without reading it again. Whatever came before, every answer is decided
 * exactly as a decoder that never saw another answer decides it: the oracle below.
 */
class RepeatedOpeningTest {
  private static final ErrorCatalog CATALOG = ErrorCatalog.builtIn();
  private static final String BOM = "\uFEFF";
  private static final String OKX_TICKER = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\","
      + "\"last\":\"43210.5\",\"ts\":\"1695190491421\"}]}";
  private static final String OKX_50011 = "{\"code\":\"50011\",\"msg\":\"Rate limit reached. Please refer to API"
      + " documentation and throttle requests accordingly.\",\"data\":[]}";
  private static final String BINANCE_1003 = "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 2400"
      + " requests per minute. Please use the websocket for live updates to avoid polling the API.\"}";
  private static final String BINANCE_BANNED = "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until %d."
      + " Please use the websocket for live updates to avoid bans.\"}";
  private static final String BYBIT_PLACED = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":"
      + "\"1321003749386327552\",\"orderLinkId\":\"spot-test-postonly\"},\"retExtInfo\":{},\"time\":1672211918471}";

  /** Answers of one exchange, many of which share their first bytes and differ after them, or in status or headers. */
  private static Map<Exchange, List<ResponseSnapshot>> answers() {
    List<ResponseSnapshot> okx = new ArrayList<>(List.of(
        json(200, OKX_TICKER),
        json(200, OKX_TICKER.replace("43210.5", "43210.6")),
        json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[],\"code\":\"50011\"}"),
        json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[],\"code\":\"51008\"}"),
        json(200, "{\"code\":\"0\",\"msg\":\"\",\"code\":\"50011\"}"),
        json(200, "{\"code\":\"0\",\"msg\":\"\"}"),
        json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":["),
        json(503, OKX_TICKER),
        json(429, OKX_50011),
        json(200, OKX_50011),
        json(429, OKX_50011, "Retry-After", "2"),
        json(429, OKX_50011, "Retry-After", "5"),
        json(200, "{\"code\":\"1\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"a1\",\"ordId\":\"\",\"sCode\":\"51008\","
            + "\"sMsg\":\"Order failed. Insufficient USDT balance in account.\"}]}"),
        json(200, "{\"code\":\"1\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"a2\",\"ordId\":\"\",\"sCode\":\"51000\","
            + "\"sMsg\":\"Parameter sz error\"}]}"),
        json(200, "{\"msg\":\"\",\"code\":\"0\"}"),
        json(200, "{\"msg\":\"\",\"code\":0}"),
        json(200, "{\"msg\":\"\",\"code\":0 }"),
        json(200, "{\"msg\":\"\",\"code\":0"),
        json(200, "{\"msg\":\"\",\"code\":01}"),
        json(200, "{\"msg\":\"\",\"code\":50011}"),
        json(200, "{\"code\":\"0\",\"msg\":\"abc\"}"),
        json(200, "{\"code\":\"0\",\"msg\":\"abX\"}"),
        json(200, "{\"code\":\"0\",\"msg\":\"ab\"}"),
        json(200, "{\"code\":\"0\",\"msg\":null,\"data\":[]}"),
        json(200, "{\"code\":\"0\",\"msg\":nullx}"),
        json(200, "{\"code\":\"0\",\"msg\":true}"),
        json(200, "{\"code\":\"0\",\"msg\":12}"),
        json(200, "{\"code\":\"0\",\"msg\":123}"),
        json(200, "{ \"code\" : \"0\" , \"msg\" : \"\" }"),
        json(200, BOM + "{\"code\":\"0\",\"msg\":\"abc\"}"),
        json(200, BOM + "{\"code\":\"0\",\"msg\":\"abX\"}"),
        json(200, BOM + OKX_TICKER),
        json(200, "{\"code\":\"50004\",\"msg\":\"API endpoint request timeout (does not mean that the request was"
            + " successful or failed, please check the request result).\"}"),
        json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[1,2,3]}garbage"),
        ResponseSnapshot.builder().httpStatus(200).contentType("application/json")
            .unreadableBody("gzip data could not be inflated").build()));
    byte[] longTicker = utf8(OKX_TICKER.replace("]}", ",{\"instId\":\"ETH-USDT-SWAP\",\"last\":\"2210.5\"}]}"));
    okx.add(ResponseSnapshot.builder().httpStatus(200).body(longTicker, 0, 40, false).build());
    okx.add(ResponseSnapshot.builder().httpStatus(200).body(longTicker, 0, 24, false).build());
    okx.add(ResponseSnapshot.builder().httpStatus(200).body(longTicker, 0, 18, false).build());
    okx.add(ResponseSnapshot.builder().httpStatus(200)
        .window(longTicker, 0, 12, () -> json(200, new String(longTicker, 0, 60, java.nio.charset.StandardCharsets.UTF_8)))
        .build());
    byte[] padded = utf8("xxxx" + OKX_TICKER);
    okx.add(ResponseSnapshot.builder().httpStatus(200).body(padded, 4, padded.length - 4, true).build());

    List<ResponseSnapshot> binance = List.of(
        json(429, BINANCE_1003, "Retry-After", "1", "X-MBX-USED-WEIGHT-1M", "2400"),
        json(429, BINANCE_1003, "Retry-After", "7", "X-MBX-USED-WEIGHT-1M", "2412"),
        json(429, BINANCE_1003),
        json(418, String.format(BINANCE_BANNED, 1659146268000L)),
        json(418, String.format(BINANCE_BANNED, 1659146269000L)),
        json(429, String.format(BINANCE_BANNED, 1659146268000L)),
        json(400, "{\"code\":-10,\"msg\":\"x\"}"),
        json(400, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}"),
        json(400, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}",
            "X-MBX-ORDER-COUNT-10S", "3"),
        json(503, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status unknown;"
            + " execution status unknown.\"}"),
        json(503, "{\"code\":-1008,\"msg\":\"Service Unavailable.\"}"),
        json(503, "{\"code\":-1008,\"msg\":\"Request throttled by system-level protection.\"}"),
        json(200, "{\"symbol\":\"BTCUSDT\",\"orderId\":28,\"clientOrderId\":\"6gCrw2kRUAF9CvJDGP16IP\","
            + "\"status\":\"NEW\"}"),
        json(200, "[{\"code\":-2010,\"msg\":\"Order would immediately trigger.\"},{\"symbol\":\"BTCUSDT\","
            + "\"orderId\":29,\"clientOrderId\":\"b2\"}]"));

    List<ResponseSnapshot> bybit = List.of(
        json(200, BYBIT_PLACED),
        json(200, BYBIT_PLACED.replace("1321003749386327552", "1321003749386327553")),
        json(200, BYBIT_PLACED, "X-Bapi-Limit", "10", "X-Bapi-Limit-Status", "9",
            "X-Bapi-Limit-Reset-Timestamp", "1672211918471"),
        json(200, "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"retExtInfo\":{},"
            + "\"time\":1672211918471}", "X-Bapi-Limit-Reset-Timestamp", "1672211919000"),
        json(200, "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"retExtInfo\":{},"
            + "\"time\":1672211918472}", "X-Bapi-Limit-Reset-Timestamp", "1672211920000"),
        json(200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"category\":\"linear\",\"symbol\":"
            + "\"BTCUSDT\",\"orderId\":\"1666800494330512128\",\"orderLinkId\":\"linear-btc-03\"}]},"
            + "\"retExtInfo\":{\"list\":[{\"code\":0,\"msg\":\"OK\"}]},\"time\":1713434102753}"),
        json(200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"category\":\"linear\",\"symbol\":"
            + "\"BTCUSDT\",\"orderId\":\"\",\"orderLinkId\":\"linear-btc-04\"}]},"
            + "\"retExtInfo\":{\"list\":[{\"code\":110007,\"msg\":\"Insufficient available balance\"}]},"
            + "\"time\":1713434102754}"),
        json(200, "{\"retCode\":10002,\"retMsg\":\"invalid request, please check your server timestamp or recv_window"
            + " param\",\"result\":{},\"retExtInfo\":{},\"time\":1672211918471}"));

    String bitgetPlaced = "{\"code\":\"%s\",\"msg\":\"success\",\"requestTime\":1695806875837,\"data\":{\"orderId\":"
        + "\"121211212122\",\"clientOid\":\"BITGET121211212122\"}}";
    List<ResponseSnapshot> bitget = List.of(
        json(200, String.format(bitgetPlaced, "00000")),
        json(200, String.format(bitgetPlaced, "0")),
        json(429, "{\"code\":\"429\",\"msg\":\"Too Many Requests\",\"requestTime\":1695806875837,\"data\":null}"),
        json(200, "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1695806875837,\"data\":{\"successList\":"
            + "[{\"orderId\":\"1\",\"clientOid\":\"c1\"}],\"failureList\":[{\"clientOid\":\"c2\",\"errorCode\":"
            + "\"43012\",\"errorMsg\":\"Insufficient balance\"}]}}"),
        json(200, "{\"code\":\"25001\",\"msg\":\"order status unknown\",\"requestTime\":1695806875837,"
            + "\"data\":null}"));
    return Map.of(Exchange.OKX, okx, Exchange.BINANCE_USDM, binance, Exchange.BYBIT, bybit, Exchange.BITGET, bitget);
  }

  @Test
  void afterAnyAnswerEveryAnswerIsDecidedAsByADecoderThatSawNoOther() {
    int pairs = 0;
    for (Map.Entry<Exchange, List<ResponseSnapshot>> exchange : answers().entrySet()) {
      List<ResponseSnapshot> answers = exchange.getValue();
      for (int first = 0; first < answers.size(); first++) {
        for (int next = 0; next < answers.size(); next++) {
          ResponseSnapshot before = answers.get(first);
          ResponseSnapshot answer = answers.get(next);
          ResponseDecoder warm = ResponseDecoder.of(exchange.getKey(), CATALOG);
          warm.decode(before);
          DecodedResponse oracle = ResponseDecoder.of(exchange.getKey(), CATALOG).decode(answer);

          DecidedAlike.assertDecidedAlike(warm.decode(answer), oracle, exchange.getKey() + " answer " + next + " after " + first);
          DecidedAlike.assertDecidedAlike(warm.decode(answer), oracle, "the same answer again");
          pairs++;
        }
      }
    }
    assertThat(pairs).isGreaterThan(1_000);
  }

  @Test
  void aRepeatedErrorIsTheVerySameDecision() {
    ResponseDecoder binance = ResponseDecoder.of(Exchange.BINANCE_USDM, CATALOG);
    DecodedResponse first = binance.decode(json(429, BINANCE_1003, "Retry-After", "1"));

    assertThat(binance.decode(json(429, BINANCE_1003, "Retry-After", "1"))).isSameAs(first);
    assertThat(first.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
  }

  @Test
  void aRepeatUnderOtherHeadersHasItsOwnHints() {
    ResponseDecoder binance = ResponseDecoder.of(Exchange.BINANCE_USDM, CATALOG);
    DecodedResponse first = binance.decode(json(429, BINANCE_1003, "Retry-After", "1", "X-MBX-USED-WEIGHT-1M", "2400"));

    DecodedResponse later = binance.decode(json(429, BINANCE_1003, "Retry-After", "7", "X-MBX-USED-WEIGHT-1M", "2412"));
    DecodedResponse bare = binance.decode(json(429, BINANCE_1003));

    assertThat(first.hints().retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(later.hints().retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(later.hints().used()).containsEntry("weight-1m", 2412L);
    assertThat(bare.hints().isEmpty()).isTrue();
    assertThat(List.of(later, bare)).extracting(DecodedResponse::policyClass)
        .containsOnly(PolicyClass.RATE_LIMITED);
    assertThat(binance.decode(json(429, BINANCE_1003, "Retry-After", "1", "X-MBX-USED-WEIGHT-1M", "2400")))
        .as("the first, with the same hints again").isSameAs(first);
  }

  @Test
  void aBanEndIsReadFromEachAnswersOwnMessage() {
    ResponseDecoder binance = ResponseDecoder.of(Exchange.BINANCE_USDM, CATALOG);
    binance.decode(json(418, String.format(BINANCE_BANNED, 1659146268000L)));

    DecodedResponse later = binance.decode(json(418, String.format(BINANCE_BANNED, 1659146269000L)));

    assertThat(later.hints().bannedUntil()).isEqualTo(Instant.ofEpochMilli(1659146269000L));
  }

  @Test
  void aSecondCodeKeyAfterTheKnownOpeningStillCounts() {
    ResponseDecoder okx = ResponseDecoder.of(Exchange.OKX, CATALOG);
    assertThat(okx.decode(json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}")).policyClass())
        .isEqualTo(PolicyClass.SUCCESS);

    DecodedResponse twice = okx.decode(json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[],\"code\":\"50011\"}"));

    assertThat(twice.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(twice.code()).contains("50011");
  }

  @Test
  void aLongerNumberOrTextAfterTheKnownBytesIsReadAsItself() {
    ResponseDecoder okx = ResponseDecoder.of(Exchange.OKX, CATALOG);
    okx.decode(json(200, "{\"msg\":\"\",\"code\":0}"));
    okx.decode(json(200, "{\"code\":\"0\",\"msg\":12}"));

    assertThat(okx.decode(json(200, "{\"code\":\"0\",\"msg\":123}")).message()).isEqualTo("123");
    okx.decode(json(200, "{\"msg\":\"\",\"code\":5}"));
    assertThat(okx.decode(json(200, "{\"msg\":\"\",\"code\":50011}")).policyClass())
        .isEqualTo(PolicyClass.RATE_LIMITED);
  }

  @Test
  void aSecondCodeKeyRightAfterTheKnownOpeningStillCounts() {
    ResponseDecoder okx = ResponseDecoder.of(Exchange.OKX, CATALOG);
    okx.decode(json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}"));

    assertThat(okx.decode(json(200, "{\"code\":\"0\",\"msg\":\"\",\"code\":\"50011\"}")).code()).contains("50011");
  }

  @Test
  void aReadThatStoppedAtTheEndOfAViewLearnsNothingFromTheBytesAfterIt() {
    // The interceptor hands over views of its own buffer: the byte after a view is not the answer's.
    byte[] buffer = utf8("{\"code\":\"0\",\"msg\":123}");
    ResponseDecoder okx = ResponseDecoder.of(Exchange.OKX, CATALOG);
    DecodedResponse view = okx.decode(ResponseSnapshot.builder().httpStatus(200)
        .body(buffer, 0, buffer.length - 2, true).build());

    DecodedResponse whole = okx.decode(ResponseSnapshot.builder().httpStatus(200).body(buffer, true).build());

    assertThat(view.message()).isEqualTo("12");
    assertThat(whole.message()).isEqualTo("123");
  }

  @Test
  void theScanForASecondCodeKeyMeasuresTheAnswerNotItsPlaceInTheBuffer() {
    String answer = "{\"code\":\"0\",\"msg\":\"\",\"data\":[],\"code\":\"50011\"}";
    byte[] buffer = new byte[EnvelopeDecoder.SECOND_CODE_SCAN_LIMIT + answer.length()];
    int offset = EnvelopeDecoder.SECOND_CODE_SCAN_LIMIT;
    System.arraycopy(utf8(answer), 0, buffer, offset, answer.length());
    ResponseSnapshot late = ResponseSnapshot.builder().httpStatus(200).body(buffer, offset, answer.length(), true).build();
    ResponseDecoder okx = ResponseDecoder.of(Exchange.OKX, CATALOG);

    assertThat(okx.decode(late).code()).as("read with a parser").contains("50011");
    okx.decode(json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[1]}"));
    assertThat(okx.decode(late).code()).as("known by its opening").contains("50011");
  }
}
