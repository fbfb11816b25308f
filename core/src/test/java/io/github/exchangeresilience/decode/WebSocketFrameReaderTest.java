package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frame reader's edges: the status's range, the rate-limit readings it turns into headers, the moment to send
 * again it turns into a {@code Retry-After}, and frames that break off inside or after the answer's object.
 */
class WebSocketFrameReaderTest {
  private static final ErrorCatalog CATALOG = ErrorCatalog.builtIn().forWebSocket();
  private static final WebSocketFrameReader BINANCE = reader(Exchange.BINANCE_USDM);
  private static final List<String> RETRY_AFTER = List.of("error", "data", "retryAfter");

  private static WebSocketFrameReader reader(Exchange exchange) {
    return new WebSocketFrameReader(exchange.spec(), ResponseDecoder.of(exchange, CATALOG));
  }

  /** How the reader decided {@code frame}, checked against how its decoder decides the snapshot on its own. */
  private static DecodedResponse decode(Exchange exchange, WebSocketFrame frame) {
    assertThat(frame.decoded()).usingRecursiveComparison()
        .isEqualTo(ResponseDecoder.of(exchange, CATALOG).decode(frame.snapshot()));
    return frame.decoded();
  }

  /** A Binance refusal of {@code status} whose data names {@code retryAfter} and {@code serverTime} as written. */
  private static WebSocketFrame refusal(int status, String retryAfter, String serverTime) {
    return BINANCE.read("{\"id\":\"c1\",\"status\":" + status + ",\"error\":{\"code\":-1003,\"msg\":\"Too much request"
        + " weight used; current limit is 2400 request weight per 1 MINUTE. Please use WebSocket Streams for live"
        + " updates to avoid polling the API.\",\"data\":{\"serverTime\":" + serverTime + ",\"retryAfter\":" + retryAfter
        + "}},\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,"
        + "\"limit\":2400,\"count\":2410}]}");
  }

  private static String retryAfterHeader(WebSocketFrame frame) {
    return frame.snapshot().headers().get("Retry-After");
  }

  @ParameterizedTest
  @CsvSource({"100, 100", "599, 599", "99, 0", "600, 0", "-429, 0"})
  void aStatusIsKeptOnlyInHttpsRange(int written, int read) {
    WebSocketFrame frame = BINANCE.read("{\"id\":\"s1\",\"status\":" + written + ",\"error\":{\"code\":-1001,\"msg\":"
        + "\"Internal error; unable to process your request. Please try again.\"}}");

    assertThat(frame.snapshot().httpStatus()).isEqualTo(read);
    assertThat(frame.id()).isEqualTo("s1");
  }

  @Test
  void rateLimitReadingsBecomeTheRestHeadersOfTheSameReadings() {
    WebSocketFrame frame = refusal(429, "1659355473520", "1659355413520");

    assertThat(frame.snapshot().headers().get("X-MBX-USED-WEIGHT-1M")).isEqualTo("2410");
    assertThat(decode(Exchange.BINANCE_USDM, frame).hints().used()).containsEntry("weight-1m", 2410L);
  }

  @Test
  void anIntervalOfUpToFourDigitsNamesAHeaderAndALongerOneNone() {
    WebSocketFrame frame = BINANCE.read("{\"id\":\"r1\",\"status\":200,\"result\":{\"orderId\":1},\"rateLimits\":["
        + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":9999,\"limit\":300,\"count\":3},"
        + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"DAY\",\"intervalNum\":10000,\"limit\":1200,\"count\":4},"
        + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"MINUTE\",\"intervalNum\":\"1x\",\"limit\":1200,\"count\":5}]}");

    assertThat(frame.snapshot().headers().get("X-MBX-ORDER-COUNT-9999S")).isEqualTo("3");
    assertThat(frame.snapshot().headers().get("X-MBX-ORDER-COUNT-10000D")).isNull();
    assertThat(frame.snapshot().headers().get("X-MBX-ORDER-COUNT-1xM")).isNull();
  }

  @Test
  void aRefusalNamesItsRetryAfterInWholeSecondsRoundedUp() {
    assertThat(retryAfterHeader(refusal(429, "1659355473520", "1659355413520"))).isEqualTo("60");
    assertThat(retryAfterHeader(refusal(429, "1659355413521", "1659355413520"))).isEqualTo("1");
    assertThat(retryAfterHeader(refusal(418, "1659146400000", "1659142907531"))).isEqualTo("3493");
  }

  @Test
  void aMomentToSendAgainThatIsTheServersTimeIsNoWait() {
    WebSocketFrame frame = refusal(429, "1659355413520", "1659355413520");

    assertThat(retryAfterHeader(frame)).isEqualTo("0");
    assertThat(decode(Exchange.BINANCE_USDM, frame).hints().retryAfter()).isEqualTo(Duration.ZERO);
  }

  @Test
  void aMomentToSendAgainBeforeTheServersTimeNamesNoWait() {
    assertThat(retryAfterHeader(refusal(429, "1659355413519", "1659355413520"))).isNull();
  }

  @Test
  void aRefusalAt400NamesItsRetryAfterToo() {
    WebSocketFrame frame = BINANCE.read("{\"id\":\"c2\",\"status\":400,\"error\":{\"code\":-1015,\"msg\":\"Too many"
        + " new orders; current limit is 300 orders per TEN_SECONDS.\",\"data\":{\"serverTime\":1659355413520,"
        + "\"retryAfter\":1659355418520}}}");

    assertThat(retryAfterHeader(frame)).isEqualTo("5");
  }

  @Test
  void aServerTimeOfZeroOrNoneNamesNoWait() {
    assertThat(retryAfterHeader(refusal(429, "1659355473520", "0"))).isNull();
    assertThat(retryAfterHeader(refusal(429, "1659355473520", "null"))).isNull();
    assertThat(retryAfterHeader(refusal(429, "0", "1659355413520"))).isNull();
  }

  @Test
  void aMomentWrittenAsTextIsReadAsItsDigits() {
    assertThat(retryAfterHeader(refusal(429, "\" 1659355473520\"", "\"1659355413520\""))).isEqualTo("60");
    assertThat(retryAfterHeader(refusal(429, "\"soon\"", "1659355413520"))).isNull();
    assertThat(retryAfterHeader(refusal(429, "1659355473520.5", "1659355413520"))).isNull();
  }

  @Test
  void aMomentOfUpTo18DigitsIsReadAndALongerOneIsNot() {
    // 18 digits always fit a long; 19 may not, and are no moment any exchange writes.
    assertThat(retryAfterHeader(refusal(429, "100000000001659355", "100000000000000000"))).isEqualTo("1660");
    assertThat(retryAfterHeader(refusal(429, "1000000000016593550", "1659355413520"))).isNull();
  }

  @Test
  void aFrameCutOffInsideItsErrorIsDecodedAsATruncatedBody() {
    WebSocketFrame frame = BINANCE.read("{\"id\":\"5761b939\",\"status\":400,\"error\":{\"code\":-2019,\"msg\":"
        + "\"Margin is insuff");

    assertThat(frame.id()).isEqualTo("5761b939");
    assertThat(frame.snapshot().httpStatus()).isEqualTo(400);
    assertThat(new String(frame.snapshot().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":-2019,\"msg\":\"Margin is insuff");
    DecodedResponse decoded = decode(Exchange.BINANCE_USDM, frame);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
    assertThat(decoded.code()).contains("-2019");
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.REJECTED);
  }

  @Test
  void aFrameCutOffAfterItsResultKeepsTheWholeResultAndTheReadingsBeforeTheCut() {
    WebSocketFrame frame = BINANCE.read("{\"id\":\"43a3843a\",\"status\":200,\"result\":{\"orderId\":336829446,"
        + "\"symbol\":\"BTCUSDT\",\"status\":\"NEW\",\"clientOrderId\":\"FqEw6cn0vDhrkmfiwLYPeo\"},\"rateLimits\":[{"
        + "\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":2400,\"count\":7},"
        + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNu");

    assertThat(new String(frame.snapshot().body(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":336829446,"
        + "\"symbol\":\"BTCUSDT\",\"status\":\"NEW\",\"clientOrderId\":\"FqEw6cn0vDhrkmfiwLYPeo\"}");
    assertThat(frame.snapshot().headers().get("X-MBX-USED-WEIGHT-1M")).isEqualTo("7");
    DecodedResponse decoded = decode(Exchange.BINANCE_USDM, frame);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
  }

  @Test
  void aFrameCutOffBeforeItsAnswerIsTheBodyAsItCame() {
    String text = "{\"id\":\"9\",\"status\":429,\"err";
    WebSocketFrame frame = BINANCE.read(text);

    assertThat(frame.id()).isEqualTo("9");
    assertThat(frame.snapshot().httpStatus()).isEqualTo(429);
    assertThat(frame.snapshot().body()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    assertThat(retryAfterHeader(frame)).isNull();
  }

  @Test
  void aFrameIsOfItsOwnKindOnly() {
    WebSocketFrame login = reader(Exchange.OKX)
        .read("{\"event\":\"login\",\"code\":\"0\",\"msg\":\"\",\"connId\":\"a4d3ae55\"}");
    WebSocketFrame order = reader(Exchange.BYBIT).read("{\"reqId\":\"test-005\",\"retCode\":"
        + "10006,\"retMsg\":\"Too many visits. Exceeded the API Rate Limit.\",\"op\":\"order.create\",\"data\":{},"
        + "\"header\":{\"X-Bapi-Limit\":\"10\",\"X-Bapi-Limit-Status\":\"0\",\"X-Bapi-Limit-Reset-Timestamp\":"
        + "\"1711001595208\"},\"connId\":\"cnt5leec0\"}");

    assertThat(login.is("login")).isTrue();
    assertThat(login.is("error")).isFalse();
    assertThat(login.is(null)).isFalse();
    assertThat(order.is("order.create")).isTrue();
    assertThat(order.is("order.cancel")).isFalse();
    assertThat(order.snapshot().headers().get("X-Bapi-Limit-Status")).isEqualTo("0");
    assertThat(order.snapshot().headers().get("Retry-After")).as("a header the frame does not carry").isNull();
    DecodedResponse decoded = decode(Exchange.BYBIT, order);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.hints().remaining()).containsEntry("requests", 0L);
  }

  @Test
  void longAtReadsTheIntegerAtItsPathOrGivesMinusOne() {
    assertThat(longAt("{\"error\":{\"data\":{\"retryAfter\":1659355473520}}}")).isEqualTo(1659355473520L);
    assertThat(longAt("{\"error\":{\"data\":{\"retryAfter\":\"1659355473520\"}}}")).isEqualTo(1659355473520L);
    assertThat(longAt("[{\"error\":{\"data\":{\"retryAfter\":1}}}]")).as("not an object").isEqualTo(-1);
    assertThat(longAt("{\"error\":{\"data\":[1]}}")).as("a step of the path that is no object").isEqualTo(-1);
    assertThat(longAt("{\"error\":{\"data\":{\"serverTime\":1}}}")).as("absent").isEqualTo(-1);
    assertThat(longAt("{\"error\":{\"data\":{\"retryAfter\":true}}}")).as("not a number").isEqualTo(-1);
    assertThat(longAt("{\"error\":{\"data\":{\"retryAfter\":\"\"}}}")).as("empty text").isEqualTo(-1);
    assertThat(longAt("{\"error\":{\"data\":{\"retryAfter\":\"-5\"}}}")).as("not digits").isEqualTo(-1);
    assertThat(longAt("{\"error\":{\"data\":{\"retry")).as("broken off").isEqualTo(-1);
  }

  private static long longAt(String json) {
    return WebSocketFrameReader.longAt(json.getBytes(StandardCharsets.UTF_8), RETRY_AFTER);
  }
}
