package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Frames as each exchange's WebSocket pages show them, read by the frame reader and decided by the same decoders as
 * REST answers, through the catalog's WebSocket view.
 */
class WebSocketFramesTest {
  private static final ErrorCatalog CATALOG = ErrorCatalog.builtIn().forWebSocket();

  private static WebSocketFrame read(Exchange exchange, String frame) {
    return new WebSocketFrameReader(exchange.spec(), ResponseDecoder.of(exchange, CATALOG)).read(frame);
  }

  /** How the reader decided {@code frame}, checked against how its decoder decides the snapshot on its own. */
  private static DecodedResponse decode(Exchange exchange, WebSocketFrame frame) {
    assertThat(frame.decoded()).usingRecursiveComparison()
        .isEqualTo(ResponseDecoder.of(exchange, CATALOG).decode(frame.snapshot()));
    return frame.decoded();
  }

  @Test
  void binanceSuccessIsItsResultWithTheRateLimitsAsTheRestHeaders() {
    WebSocketFrame frame = read(Exchange.BINANCE_USDM, "{\"id\":\"43a3843a\",\"status\":200,\"result\":{\"orderId\":"
        + "336829446,\"symbol\":\"BTCUSDT\",\"status\":\"NEW\",\"clientOrderId\":\"FqEw6cn0vDhrkmfiwLYPeo\"},"
        + "\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":2400,"
        + "\"count\":7},{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":300,\"count\":3}]}");

    DecodedResponse decoded = decode(Exchange.BINANCE_USDM, frame);

    assertThat(frame.id()).isEqualTo("43a3843a");
    assertThat(frame.snapshot().httpStatus()).isEqualTo(200);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.hints().used()).containsEntry("weight-1m", 7L).containsEntry("orders-10s", 3L);
  }

  @Test
  void binanceErrorIsDecodedFromItsErrorObjectAndStatus() {
    WebSocketFrame frame = read(Exchange.BINANCE_USDM, "{\"id\":\"5761b939\",\"status\":400,\"error\":{\"code\":-2019,"
        + "\"msg\":\"Margin is insufficient.\"},\"rateLimits\":[]}");

    DecodedResponse decoded = decode(Exchange.BINANCE_USDM, frame);

    assertThat(decoded.code()).contains("-2019");
    assertThat(decoded.httpStatus()).isEqualTo(400);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.REJECTED);
  }

  @Test
  void binanceRefusalNamesItsRetryAfterAndABanItsEnd() {
    WebSocketFrame limited = read(Exchange.BINANCE_USDM, "{\"id\":\"7\",\"status\":429,\"error\":{\"code\":-1003,"
        + "\"msg\":\"Too much request weight used; current limit is 2400 request weight per 1 MINUTE.\",\"data\":"
        + "{\"serverTime\":1659355413520,\"retryAfter\":1659355473520}}}");
    WebSocketFrame banned = read(Exchange.BINANCE_USDM, "{\"id\":\"8\",\"status\":418,\"error\":{\"code\":-1003,"
        + "\"msg\":\"Way too much request weight used; IP banned until 1659146400000. Please use WebSocket Streams for"
        + " live updates to avoid bans.\",\"data\":{\"serverTime\":1659142907531,\"retryAfter\":1659146400000}}}");

    assertThat(decode(Exchange.BINANCE_USDM, limited).policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decode(Exchange.BINANCE_USDM, limited).hints().retryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(decode(Exchange.BINANCE_USDM, banned).hints().bannedUntil())
        .isEqualTo(Instant.ofEpochMilli(1659146400000L));
  }

  @Test
  void okxOrderAnswersCarryTheirOutcomeInTheirItem() {
    WebSocketFrame placed = read(Exchange.OKX, "{\"id\":\"1512\",\"op\":\"order\",\"data\":[{\"clOrdId\":\"a1\","
        + "\"ordId\":\"12345689\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"0\",\"sMsg\":\"\"}],\"code\":\"0\","
        + "\"msg\":\"\",\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}");
    WebSocketFrame refused = read(Exchange.OKX, "{\"id\":\"1513\",\"op\":\"order\",\"data\":[{\"clOrdId\":\"a2\","
        + "\"ordId\":\"\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"51008\",\"sMsg\":\"Order failed. Insufficient"
        + " USDT balance in account.\"}],\"code\":\"1\",\"msg\":\"\",\"inTime\":\"1\",\"outTime\":\"2\"}");

    assertThat(placed.id()).isEqualTo("1512");
    assertThat(placed.kind()).isEqualTo("order");
    assertThat(decode(Exchange.OKX, placed).policyClass()).isEqualTo(PolicyClass.SUCCESS);
    DecodedResponse decoded = decode(Exchange.OKX, refused);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.REJECTED);
    assertThat(decoded.items()).singleElement().satisfies(item -> {
      assertThat(item.code()).isEqualTo("51008");
      assertThat(item.clientOrderId()).isEqualTo("a2");
    });
  }

  @Test
  void okxLoginAnswersAndNoticesAreToldByTheirEvent() {
    WebSocketFrame login = read(Exchange.OKX, "{\"event\":\"login\",\"code\":\"0\",\"msg\":\"\",\"connId\":\"a4d3ae55\"}");
    WebSocketFrame failed = read(Exchange.OKX,
        "{\"event\":\"error\",\"code\":\"60009\",\"msg\":\"Login failed.\",\"connId\":\"a4d3ae55\"}");
    WebSocketFrame notice = read(Exchange.OKX, "{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The connection will"
        + " soon be closed for a service upgrade. Please reconnect.\",\"connId\":\"a4d3ae55\"}");

    assertThat(login.is("login")).isTrue();
    assertThat(decode(Exchange.OKX, login).policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(failed.id()).isNull();
    assertThat(failed.is(Exchange.OKX.spec().webSocket().frames().errorEvent())).isTrue();
    assertThat(decode(Exchange.OKX, failed).policyClass()).isEqualTo(PolicyClass.AUTH);
    assertThat(notice.is(Exchange.OKX.spec().webSocket().frames().noticeEvent())).isTrue();
    assertThat(Exchange.OKX.spec().webSocket().frames().reconnectCodes())
        .contains(decode(Exchange.OKX, notice).code().orElseThrow());
  }

  @Test
  void bybitAnswersCarryTheirRateLimitInAHeaderObject() {
    WebSocketFrame frame = read(Exchange.BYBIT, "{\"reqId\":\"test-005\",\"retCode\":0,\"retMsg\":\"OK\",\"op\":"
        + "\"order.create\",\"data\":{\"orderId\":\"a4c1718e\",\"orderLinkId\":\"\"},\"retExtInfo\":{},\"header\":{"
        + "\"X-Bapi-Limit\":\"10\",\"X-Bapi-Limit-Status\":\"9\",\"X-Bapi-Limit-Reset-Timestamp\":\"1711001595208\","
        + "\"Traceid\":\"38b7977b430f9bd228f4b19724794dfd\",\"Timenow\":\"1711001595209\"},\"connId\":\"cnt5leec0\"}");

    DecodedResponse decoded = decode(Exchange.BYBIT, frame);

    assertThat(frame.id()).isEqualTo("test-005");
    assertThat(frame.kind()).isEqualTo("order.create");
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.hints().remaining()).containsEntry("requests", 9L);
    assertThat(decoded.hints().windowResetAt()).isEqualTo(Instant.ofEpochMilli(1711001595208L));
  }

  @Test
  void bybitCodesMeanWhatTheOrderEntryPageSays() {
    String frame = "{\"reqId\":\"r1\",\"retCode\":%s,\"retMsg\":\"x\",\"op\":\"order.create\",\"data\":{},"
        + "\"header\":{},\"connId\":\"c\"}";

    assertThat(decode(Exchange.BYBIT, read(Exchange.BYBIT, String.format(frame, "10003"))).policyClass())
        .as("10003 is too many sessions on the WebSocket, a bad key over REST").isEqualTo(PolicyClass.REJECTED);
    assertThat(ResponseDecoder.of(Exchange.BYBIT, ErrorCatalog.builtIn())
        .decode(read(Exchange.BYBIT, String.format(frame, "10003")).snapshot()).policyClass())
        .isEqualTo(PolicyClass.AUTH);
    assertThat(decode(Exchange.BYBIT, read(Exchange.BYBIT, String.format(frame, "10429"))).policyClass())
        .isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decode(Exchange.BYBIT, read(Exchange.BYBIT, String.format(frame, "10016"))).policyClass())
        .isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decode(Exchange.BYBIT, read(Exchange.BYBIT, String.format(frame, "10019"))).policyClass())
        .as("10019: the service restarts and did not accept the request").isEqualTo(PolicyClass.TRANSIENT);
  }

  @Test
  void bitgetTradeAnswersAndErrorEventsCarryTheRequestId() {
    WebSocketFrame placed = read(Exchange.BITGET, "{\"event\":\"trade\",\"id\":\"1750034396082\",\"category\":\"spot\","
        + "\"topic\":\"place-order\",\"args\":[{\"symbol\":\"BTCUSDT\",\"orderId\":\"1321\",\"clientOid\":\"b1\","
        + "\"cTime\":\"1750034397008\"}],\"code\":\"0\",\"msg\":\"success\",\"ts\":1750034397076}");
    WebSocketFrame timedOut = read(Exchange.BITGET,
        "{\"event\":\"error\",\"id\":\"1750034396083\",\"code\":\"25001\",\"msg\":\"Operation timed out\"}");
    WebSocketFrame login = read(Exchange.BITGET, "{\"event\":\"login\",\"code\":0,\"msg\":\"\"}");

    assertThat(decode(Exchange.BITGET, placed).policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(timedOut.id()).isEqualTo("1750034396083");
    assertThat(decode(Exchange.BITGET, timedOut).policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decode(Exchange.BITGET, login).policyClass()).isEqualTo(PolicyClass.SUCCESS);
  }

  @Test
  void aFrameThatBreaksOffKeepsItsIdAndIsOfUnknownOutcome() {
    WebSocketFrame frame = read(Exchange.OKX, "{\"id\":\"77\",\"op\":\"order\",\"data\":[{\"clOrdId\":\"x\",\"sCo");

    assertThat(frame.id()).isEqualTo("77");
    DecodedResponse decoded = decode(Exchange.OKX, frame);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
  }

  @Test
  void textThatIsNotAJsonObjectIsNoFrameOfTheApi() {
    assertThat(read(Exchange.OKX, "pong").json()).isFalse();
    assertThat(read(Exchange.BITGET, "<html>502</html>").json()).isFalse();
    assertThat(decode(Exchange.BITGET, read(Exchange.BITGET, "<html>502</html>")).policyClass())
        .isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
  }

  @Test
  void aStatusOutsideHttpsRangeIsNoStatus() {
    WebSocketFrame frame = read(Exchange.BINANCE_USDM,
        "{\"id\":1,\"status\":99999999999,\"result\":{\"orderId\":1}}");

    assertThat(frame.snapshot().httpStatus()).isEqualTo(ResponseSnapshot.NO_HTTP_STATUS);
    assertThat(frame.id()).isEqualTo("1");
  }
}
