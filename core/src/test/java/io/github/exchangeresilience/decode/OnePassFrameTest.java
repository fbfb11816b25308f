package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A frame that is its own envelope (OKX, Bybit, Bitget) is tokenized once: the decoder reads the envelope while the
 * reader takes the frame's own fields. The oracle is the read in two, which the reader keeps for a decoder of the
 * application's own: the frame read whole for its fields, then its snapshot decoded by a fresh decoder as a REST body.
 * Both must find the same id, kind, status and headers, and decide the same, for every frame below and for every cut
 * of it (a frame that breaks off at each of its bytes), and for tails that break after the envelope.
 */
class OnePassFrameTest {
  static final ErrorCatalog CATALOG = ErrorCatalog.builtIn().forWebSocket();
  /** The headers the frames below carry, and one they do not. */
  static final List<String> HEADERS = List.of("X-Bapi-Limit", "X-Bapi-Limit-Status",
      "X-Bapi-Limit-Reset-Timestamp", "Traceid", "Timenow", "Retry-After");

  /** Frames as each page shows them, and the shapes around them that matter to the read's early stop. */
  static final Map<Exchange, List<String>> FRAMES = Map.of(
      Exchange.OKX, List.of(
          "{\"id\":\"1512\",\"op\":\"order\",\"data\":[{\"clOrdId\":\"a1\",\"ordId\":\"12345689\",\"tag\":\"\","
              + "\"ts\":\"1695190491421\",\"sCode\":\"0\",\"sMsg\":\"\"}],\"code\":\"0\",\"msg\":\"\","
              + "\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}",
          "{\"id\":\"1513\",\"op\":\"order\",\"data\":[{\"clOrdId\":\"a2\",\"ordId\":\"\",\"tag\":\"\",\"ts\":\"1\","
              + "\"sCode\":\"51008\",\"sMsg\":\"Order failed. Insufficient USDT balance in account.\"}],\"code\":\"1\","
              + "\"msg\":\"\",\"inTime\":\"1\",\"outTime\":\"2\"}",
          "{\"id\":\"1514\",\"op\":\"batch-orders\",\"code\":\"2\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"b1\","
              + "\"ordId\":\"1\",\"sCode\":\"0\",\"sMsg\":\"\"},{\"clOrdId\":\"b2\",\"ordId\":\"\",\"sCode\":\"51121\","
              + "\"sMsg\":\"lot size\"}],\"inTime\":\"1\",\"outTime\":\"2\"}",
          "{\"id\":\"1515\",\"op\":\"order\",\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"c1\",\"sCode\":\"0\"}],"
              + "\"inTime\":\"1\",\"outTime\":\"2\"}",
          "{\"id\":\"1516\",\"op\":\"order\",\"code\":\"50011\",\"msg\":\"Rate limit reached.\",\"data\":[],"
              + "\"inTime\":\"1\",\"outTime\":\"2\"}",
          "{\"id\":\"1517\",\"op\":\"order\",\"code\":\"0\",\"msg\":\"\",\"code\":\"50004\",\"data\":[]}",
          "{\"op\":\"order\",\"code\":\"0\",\"msg\":\"\",\"data\":[],\"id\":\"1518\"}",
          "{\"id\":1519,\"op\":{\"not\":\"text\"},\"code\":50013,\"msg\":null,\"data\":{}}",
          "{\"event\":\"login\",\"code\":\"0\",\"msg\":\"\",\"connId\":\"a4d3ae55\"}",
          "{\"event\":\"error\",\"code\":\"60009\",\"msg\":\"Login failed.\",\"connId\":\"a4d3ae55\"}",
          "{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The connection will soon be closed for a service upgrade."
              + " Please reconnect.\",\"connId\":\"a4d3ae55\"}",
          "{\"id\":\"1520\",\"op\":\"order\",\"code\":\"0\",\"msg\":\"\",\"data\":[],\"inTime\":\"1\",\"outTime\":x}",
          "{\"id\":\"1521\",\"op\":\"order\",\"code\":\"1\",\"msg\":\"\",\"data\":[{\"sCode\":\"51008\"},]}",
          // An id key after the envelope, at the top (the later id is the one taken) or nested (it is not).
          "{\"id\":\"1522\",\"op\":\"order\",\"code\":\"0\",\"msg\":\"\",\"data\":[],\"id\":\"1523\"}",
          "{\"id\":\"1524\",\"op\":\"order\",\"code\":\"0\",\"msg\":\"\",\"data\":[{\"id\":\"x\"}],\"outTime\":\"2\"}",
          // The kind after the envelope: the read goes on to it.
          "{\"id\":\"1525\",\"code\":\"0\",\"msg\":\"\",\"op\":\"order\",\"data\":[]}"),
      Exchange.BYBIT, List.of(
          "{\"reqId\":\"test-005\",\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"order.create\",\"data\":{\"orderId\":"
              + "\"a4c1718e\",\"orderLinkId\":\"\"},\"retExtInfo\":{},\"header\":{\"X-Bapi-Limit\":\"10\","
              + "\"X-Bapi-Limit-Status\":\"9\",\"X-Bapi-Limit-Reset-Timestamp\":\"1711001595208\",\"Traceid\":"
              + "\"38b7977b430f9bd228f4b19724794dfd\",\"Timenow\":\"1711001595209\"},\"connId\":\"cnt5leec0\"}",
          "{\"reqId\":\"test-006\",\"retCode\":10006,\"retMsg\":\"Too many visits. Exceeded the API Rate Limit.\","
              + "\"op\":\"order.create\",\"data\":{},\"header\":{\"X-Bapi-Limit\":\"10\",\"X-Bapi-Limit-Status\":\"0\","
              + "\"X-Bapi-Limit-Reset-Timestamp\":\"1711001595208\"},\"connId\":\"cnt5leec0\"}",
          "{\"reqId\":\"test-007\",\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"order.create-batch\",\"data\":{\"list\":["
              + "{\"orderId\":\"1\",\"orderLinkId\":\"d1\"},{\"orderId\":\"\",\"orderLinkId\":\"d2\"}]},\"retExtInfo\":{"
              + "\"list\":[{\"code\":0,\"msg\":\"OK\"},{\"code\":10001,\"msg\":\"qty\"}]},\"header\":{},\"connId\":\"c\"}",
          "{\"reqId\":\"test-008\",\"retCode\":10016,\"retMsg\":\"Internal server error.\",\"op\":\"order.create\","
              + "\"data\":{},\"header\":{},\"connId\":\"c\"}",
          "{\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"auth\",\"connId\":\"cnt5leec0\"}",
          // The id and the kind before the envelope, the rate limit's headers after it: they are still read.
          "{\"reqId\":\"t10\",\"op\":\"order.create\",\"retCode\":10006,\"retMsg\":\"Too many visits.\",\"data\":{},"
              + "\"header\":{\"X-Bapi-Limit\":\"10\",\"X-Bapi-Limit-Status\":\"0\",\"X-Bapi-Limit-Reset-Timestamp\":"
              + "\"1711001595208\"}}",
          "{\"op\":\"pong\",\"args\":[\"1711001595209\"],\"connId\":\"c\"}",
          "{\"reqId\":\"test-009\",\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"order.create\",\"data\":{},\"header\":{"
              + "\"X-Bapi-Limit\":1e9999,\"X-Bapi-Limit-Status\":\"-3\"},\"connId\":[1,2,"),
      Exchange.BITGET, List.of(
          "{\"event\":\"trade\",\"id\":\"1750034396082\",\"category\":\"spot\",\"topic\":\"place-order\",\"args\":[{"
              + "\"symbol\":\"BTCUSDT\",\"orderId\":\"1321\",\"clientOid\":\"b1\",\"cTime\":\"1750034397008\"}],"
              + "\"code\":\"0\",\"msg\":\"success\",\"ts\":1750034397076}",
          "{\"event\":\"error\",\"id\":\"1750034396083\",\"code\":\"25001\",\"msg\":\"Operation timed out\"}",
          "{\"event\":\"login\",\"code\":0,\"msg\":\"\"}",
          "{\"event\":\"error\",\"code\":30001,\"msg\":\"Bad Request\",\"id\":\"9\"}",
          "{\"event\":\"trade\",\"code\":\"0\",\"msg\":\"success\",\"id\":\"10\",\"args\":[{\"orderId\":\"1\"}]}",
          // A success whose data is a list, not batch lists: the read stops in front of it, the id still to come.
          "{\"event\":\"trade\",\"code\":\"00000\",\"msg\":\"success\",\"data\":[{\"id\":\"inner\"}],\"id\":\"11\"}"));

  @Test
  void everyFrameAndEveryCutOfItIsReadAsTheReadInTwoReadsIt() {
    int compared = 0;
    for (Map.Entry<Exchange, List<String>> exchange : FRAMES.entrySet()) {
      for (String frame : exchange.getValue()) {
        for (String variant : variants(frame)) {
          assertReadAlike(exchange.getKey(), variant);
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(3_000);
  }

  @Test
  void aRateLimitFrameIsDecidedWithItsIdAndKind() {
    WebSocketFrame frame = onePass(Exchange.OKX).read(FRAMES.get(Exchange.OKX).get(4));

    assertThat(frame.decoded().policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(frame.decoded().code()).contains("50011");
    assertThat(frame.id()).isEqualTo("1516");
    assertThat(frame.kind()).isEqualTo("order");
  }

  @Test
  void theIdAfterTheEnvelopeIsReadWhenTheFrameBreaksOnlyThere() {
    WebSocketFrame frame = onePass(Exchange.OKX)
        .read("{\"op\":\"order\",\"code\":\"51008\",\"msg\":\"Insufficient\",\"data\":[],\"id\":\"31\",\"outTime\":");

    assertThat(frame.id()).isEqualTo("31");
    assertThat(frame.decoded().bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(frame.decoded().code()).contains("51008");
  }

  /** The frame, each of its cuts, and the frame with its last byte replaced by bytes that break it. */
  static List<String> variants(String frame) {
    List<String> variants = new ArrayList<>();
    variants.add(frame);
    for (int cut = 1; cut < frame.length(); cut++) {
      variants.add(frame.substring(0, cut));
      variants.add(frame.substring(0, cut) + "\u0001}");
    }
    variants.add(frame.substring(0, frame.length() - 1) + ",}");
    variants.add(frame + " {}");
    return variants;
  }

  private static WebSocketFrameReader onePass(Exchange exchange) {
    return new WebSocketFrameReader(exchange.spec(), ResponseDecoder.of(exchange, CATALOG));
  }

  /** A reader whose decoder is not one of ours, as an application's own would be: it reads a frame in two. */
  private static WebSocketFrameReader inTwo(Exchange exchange) {
    ResponseDecoder ours = ResponseDecoder.of(exchange, CATALOG);
    return new WebSocketFrameReader(exchange.spec(), new ResponseDecoder() {
      @Override
      public Exchange exchange() {
        return exchange;
      }

      @Override
      public DecodedResponse decode(ResponseSnapshot response) {
        return ours.decode(response);
      }
    });
  }

  private static void assertReadAlike(Exchange exchange, String text) {
    WebSocketFrame actual = onePass(exchange).read(text);
    WebSocketFrame expected = inTwo(exchange).read(text);
    String what = exchange + " " + text;
    assertThat(actual.json()).as(what).isEqualTo(expected.json());
    assertThat(actual.id()).as(what).isEqualTo(expected.id());
    assertThat(actual.kind()).as(what).isEqualTo(expected.kind());
    ResponseSnapshot read = actual.snapshot();
    ResponseSnapshot readInTwo = expected.snapshot();
    assertThat(read.httpStatus()).as(what).isEqualTo(readInTwo.httpStatus());
    assertThat(read.body()).as(what).isEqualTo(readInTwo.body());
    for (String header : HEADERS) {
      assertThat(read.headers().get(header)).as(what).isEqualTo(readInTwo.headers().get(header));
    }
    DecidedAlike.assertDecidedAlike(actual.decoded(), expected.decoded(), what);
  }
}
