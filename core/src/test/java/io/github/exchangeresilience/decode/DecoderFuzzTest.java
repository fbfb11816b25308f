package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Seeded property test: whatever the bytes, status and headers, every decoder decides (never throws, never UNKNOWN)
 * and keeps what it holds bounded. A failure prints the seed and case so it can be replayed.
 */
class DecoderFuzzTest {
  private static final long SEED = 0x5EED_DEC0DEL;
  private static final int CASES = 4_000;

  /** Real-shaped bodies of every exchange, the material that truncations and mutations start from. */
  private static final List<String> CORPUS = List.of(
      "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1659146268000. Please use the websocket"
          + " for live updates to avoid bans.\"}",
      "{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}",
      "[{\"clientOrderId\":\"x\",\"orderId\":123,\"status\":\"NEW\"},{\"code\":-2019,\"msg\":\"Margin is"
          + " insufficient.\"}]",
      "{\"code\":\"1\",\"data\":[{\"clOrdId\":\"b15\",\"ordId\":\"\",\"sCode\":\"51008\",\"sMsg\":\"Order failed.\""
          + ",\"ts\":\"1695190491421\"}],\"inTime\":\"1695190491421339\",\"msg\":\"All operations failed\"}",
      "{\"code\":\"2\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"a\",\"ordId\":\"1\",\"sCode\":\"0\",\"sMsg\":\"\"},"
          + "{\"clOrdId\":\"b\",\"ordId\":\"\",\"sCode\":\"50004\",\"sMsg\":\"timeout\"}]}",
      "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"orderId\":\"1\",\"orderLinkId\":\"a\"},"
          + "{\"orderId\":\"\",\"orderLinkId\":\"b\"}]},\"retExtInfo\":{\"list\":[{\"code\":0,\"msg\":\"OK\"},"
          + "{\"code\":110007,\"msg\":\"Available balance is insufficient\"}]},\"time\":1713434102753}",
      "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"retExtInfo\":{},\"time\":1672211918471}",
      "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1695806875837,\"data\":{\"successList\":"
          + "[{\"orderId\":\"1\",\"clientOid\":\"a\"}],\"failureList\":[{\"orderId\":\"\",\"clientOid\":\"b\","
          + "\"errorMsg\":\"Insufficient balance\",\"errorCode\":\"25202\"}]}}",
      "{\"event\":\"error\",\"code\":30001,\"msg\":\"instType:sp,channel:ticker,instId:BTC-USDT doesn't exist\"}",
      "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>",
      CommonDecodingTest.successBody(Exchange.OKX, 20),
      CommonDecodingTest.successBody(Exchange.BYBIT, 20),
      CommonDecodingTest.successBody(Exchange.BITGET, 20),
      CommonDecodingTest.successBody(Exchange.BINANCE_USDM, 20));

  /** Values for a code field that no exchange sends, but a broken proxy or a new API version might. */
  private static final List<String> ODD_CODES = List.of(
      "1e400", "-1e400", "99999999999999999999", "-99999999999999999999999999", "0.0", "-0", "1.5e-400", "null",
      "true", "false", "{}", "{\"code\":-1003}", "[]", "[-1003,\"50011\"]", "\"\"", "\" 50011 \"", "\"00000\"",
      "\"" + "9".repeat(5_000) + "\"", "1" + "0".repeat(999), "\"\\u0000\"", "\"\\uD800\"", "[[[[[[[[]]]]]]]]");

  private static final int[] STATUSES = {0, 100, 200, 201, 204, 302, 400, 401, 403, 404, 408, 410, 418, 429, 500,
      502, 503, 504, 599, -7, 1_000};

  private static final String[] HINT_HEADERS = {"Retry-After", "X-MBX-USED-WEIGHT-1M", "X-MBX-ORDER-COUNT-10S",
      "X-MBX-ORDER-COUNT-1M", "X-Bapi-Limit", "X-Bapi-Limit-Status", "X-Bapi-Limit-Reset-Timestamp"};

  private final Map<Exchange, ResponseDecoder> decoders = new HashMap<>();

  @Test
  void everyInputGetsABoundedDecision() {
    for (Exchange exchange : Exchange.values()) {
      decoders.put(exchange, TestCatalog.decoder(exchange));
    }
    Random random = new Random(SEED);
    List<Function<Random, byte[]>> generators = List.of(
        DecoderFuzzTest::randomBytes,
        DecoderFuzzTest::truncatedRealBody,
        DecoderFuzzTest::mutatedRealBody,
        DecoderFuzzTest::invalidUtf8,
        DecoderFuzzTest::oddCode,
        DecoderFuzzTest::deeplyNested,
        DecoderFuzzTest::hugeStrings);

    for (int i = 0; i < CASES; i++) {
      int generator = random.nextInt(generators.size());
      byte[] body = generators.get(generator).apply(random);
      boolean complete = random.nextInt(4) != 0;
      ResponseSnapshot snapshot = ResponseSnapshot.builder()
          .httpStatus(STATUSES[random.nextInt(STATUSES.length)])
          .contentType(random.nextBoolean() ? "application/json" : random.nextBoolean() ? "text/html" : null)
          .headers(randomHeaders(random))
          .body(body, complete)
          .build();
      for (ResponseDecoder decoder : decoders.values()) {
        check(decoder, snapshot, "case " + i + " (generator " + generator + ", seed " + SEED + ")");
      }
    }
  }

  private static void check(ResponseDecoder decoder, ResponseSnapshot snapshot, String which) {
    DecodedResponse decoded;
    try {
      decoded = decoder.decode(snapshot);
    } catch (Throwable thrown) {
      throw new AssertionError(decoder.exchange() + " threw on " + which + ": "
          + new String(snapshot.body(), 0, Math.min(200, snapshot.body().length), StandardCharsets.UTF_8), thrown);
    }
    if (decoded == null) {
      fail(decoder.exchange() + " returned null on " + which);
    }
    assertThat(decoded.policyClass()).as(which).isNotNull().isNotEqualTo(PolicyClass.UNKNOWN);
    assertThat(decoded.exchange()).as(which).isEqualTo(decoder.exchange());
    assertThat(decoded.message()).as(which).hasSizeLessThanOrEqualTo(Text.MAX_MESSAGE_LENGTH);
    assertThat(decoded.code().orElse("")).as(which).hasSizeLessThanOrEqualTo(JsonValues.MAX_CODE_LENGTH);
    assertThat(decoded.items()).as(which).hasSizeLessThanOrEqualTo(EnvelopeDecoder.MAX_ITEMS);
    for (ItemResult item : decoded.items()) {
      assertThat(item.message()).as(which).hasSizeLessThanOrEqualTo(Text.MAX_MESSAGE_LENGTH);
      assertThat(item.policyClass()).as(which).isNotNull();
    }
    assertThat(decoded.hints()).as(which).isNotNull();
    if (!snapshot.bodyComplete()) {
      assertThat(decoded.bodyShape()).as(which + ": a prefix is long, not truncated")
          .isNotEqualTo(BodyShape.TRUNCATED_JSON);
    }
    boolean unreadable = decoded.bodyShape() != BodyShape.JSON && decoded.bodyShape() != BodyShape.EMPTY;
    if (unreadable && snapshot.httpStatus() >= 200 && snapshot.httpStatus() < 300) {
      assertThat(decoded.policyClass()).as(which + ": an unreadable 2xx body")
          .isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    }
    if (decoded.unknownCode() && snapshot.httpStatus() >= 200 && snapshot.httpStatus() < 300) {
      assertThat(decoded.policyClass()).as(which + ": an unknown code in a 2xx").isNotEqualTo(PolicyClass.SUCCESS);
    }
  }

  private static HeaderLookup randomHeaders(Random random) {
    Map<String, String> headers = new HashMap<>();
    for (String name : HINT_HEADERS) {
      switch (random.nextInt(6)) {
        case 0 -> headers.put(name, Long.toString(random.nextLong()));
        case 1 -> headers.put(name, Integer.toString(random.nextInt(100_000)));
        case 2 -> headers.put(name, "Wed, 21 Oct 20" + random.nextInt(100) + " 07:28:00 GMT");
        case 3 -> headers.put(name, new String(randomBytes(random), StandardCharsets.ISO_8859_1));
        case 4 -> headers.put(name, "9".repeat(random.nextInt(40)));
        default -> { } // absent
      }
    }
    return HeaderLookup.of(headers);
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(300)];
    random.nextBytes(bytes);
    if (bytes.length > 0 && random.nextBoolean()) {
      bytes[0] = (byte) (random.nextBoolean() ? '{' : '['); // get past the sniffer into the parser
    }
    return bytes;
  }

  private static byte[] realBody(Random random) {
    return CORPUS.get(random.nextInt(CORPUS.size())).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] truncatedRealBody(Random random) {
    byte[] body = realBody(random);
    return Arrays.copyOf(body, random.nextInt(body.length + 1));
  }

  private static byte[] mutatedRealBody(Random random) {
    byte[] body = realBody(random);
    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
      body[random.nextInt(body.length)] = (byte) "{}[]\":,-0e\\ x".charAt(random.nextInt(13));
    }
    return body;
  }

  private static byte[] invalidUtf8(Random random) {
    byte[] body = realBody(random);
    byte[] invalid = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF8};
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      body[random.nextInt(body.length)] = invalid[random.nextInt(invalid.length)];
    }
    return body;
  }

  private static byte[] oddCode(Random random) {
    String code = ODD_CODES.get(random.nextInt(ODD_CODES.size()));
    String codeField = List.of("code", "retCode", "sCode", "errorCode").get(random.nextInt(4));
    String body = switch (random.nextInt(4)) {
      case 0 -> "{\"" + codeField + "\":" + code + ",\"msg\":\"m\",\"retMsg\":\"m\"}";
      case 1 -> "{\"msg\":\"m\",\"data\":[{\"sCode\":" + code + ",\"clOrdId\":" + code + "}],\"code\":" + code + "}";
      case 2 -> "[{\"code\":" + code + ",\"msg\":" + code + ",\"orderId\":" + code + "}]";
      default -> "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"orderId\":" + code + "}]},"
          + "\"retExtInfo\":{\"list\":[{\"code\":" + code + ",\"msg\":" + code + "}]}}";
    };
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] deeplyNested(Random random) {
    int depth = 100 + random.nextInt(2_000); // jackson refuses more than 1000 levels: that path too
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    String nested = open.repeat(depth) + "1" + close.repeat(random.nextInt(depth + 1));
    String body = switch (random.nextInt(3)) {
      case 0 -> "{\"data\":" + nested + ",\"code\":\"1\",\"msg\":\"\"}";
      case 1 -> "{\"code\":" + nested + "}";
      default -> "[" + nested + "]";
    };
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hugeStrings(Random random) {
    // Up to 7,500 characters and 15 KB: far past every bound, and quick to decode.
    String huge = "x\u00e9\u6210\uD83D\uDE00".repeat(1 + random.nextInt(1_500));
    String body = switch (random.nextInt(4)) {
      case 0 -> "{\"code\":\"50011\",\"msg\":\"" + huge + "\"}";
      case 1 -> "{\"code\":\"" + huge + "\",\"msg\":\"m\"}";
      case 2 -> "{\"" + huge + "\":1,\"retCode\":10006,\"retMsg\":\"" + huge + "\"}";
      default -> "{\"code\":\"1\",\"msg\":\"\",\"data\":[{\"sCode\":\"51008\",\"sMsg\":\"" + huge
          + "\",\"clOrdId\":\"" + huge + "\"}]}";
    };
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
