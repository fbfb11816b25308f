package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A body handed over as a view of a larger array, or as the first bytes of a long body that the decoder reads on from
 * (an HTTP client's buffer, in place): decided exactly as the same bytes handed over as an array of their own, and read
 * on from only when the first bytes do not decide.
 */
class BodyWindowTest {
  private static final long SEED = 0x0B0D_1E5L;
  private static final HeaderLookup HEADERS = HeaderLookup.of(Map.of("Retry-After", "3", "X-MBX-USED-WEIGHT-1M",
      "2400", "X-Bapi-Limit-Status", "0", "X-Bapi-Limit-Reset-Timestamp", "1672211918471"));

  /** Whole bodies of every exchange: envelopes, batches, a code written after the data or twice, pages and text. */
  private static final List<String> BODIES = List.of(
      "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1659146268000. Please use the websocket"
          + " for live updates to avoid bans.\"}",
      "[{\"clientOrderId\":\"x\",\"orderId\":123,\"status\":\"NEW\"},{\"code\":-2019,\"msg\":\"Margin is"
          + " insufficient.\"}]",
      "{\"data\":[{\"clOrdId\":\"b15\",\"ordId\":\"\",\"sCode\":\"51008\",\"sMsg\":\"Order failed.\"}],"
          + "\"code\":\"1\",\"msg\":\"All operations failed\"}",
      "{\"code\":\"2\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"a\",\"ordId\":\"1\",\"sCode\":\"0\",\"sMsg\":\"\"},"
          + "{\"clOrdId\":\"b\",\"ordId\":\"\",\"sCode\":\"50004\",\"sMsg\":\"timeout\"}]}",
      "{\"code\":\"0\",\"msg\":\"\",\"data\":[],\"code\":\"50011\"}",
      "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"orderId\":\"1\",\"orderLinkId\":\"a\"},"
          + "{\"orderId\":\"\",\"orderLinkId\":\"b\"}]},\"retExtInfo\":{\"list\":[{\"code\":0,\"msg\":\"OK\"},"
          + "{\"code\":110007,\"msg\":\"Available balance is insufficient\"}]},\"time\":1713434102753}",
      "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1695806875837,\"data\":{\"successList\":"
          + "[{\"orderId\":\"1\",\"clientOid\":\"a\"}],\"failureList\":[{\"orderId\":\"\",\"clientOid\":\"b\","
          + "\"errorMsg\":\"Insufficient balance\",\"errorCode\":\"25202\"}]}}",
      "\uFEFF{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}",
      "\uFEFF  <!DOCTYPE html><html><head><title>502 Bad\n Gateway</title></head><body>cloudflare</body></html>",
      "Service Unavailable\r\nretry later",
      "   ",
      "",
      "{\"code\":-10");

  private final Random random = new Random(SEED);

  @Test
  void aBodyAtAnOffsetOfALargerArrayIsDecidedAsTheSameBytesAlone() {
    for (Exchange exchange : Exchange.values()) {
      ResponseDecoder decoder = TestCatalog.decoder(exchange);
      for (String text : BODIES) {
        byte[] body = utf8(text);
        for (int status : new int[] {200, 429, 503}) {
          String alone = signature(decoder.decode(snapshot(status).body(body, true).build()));
          int offset = random.nextInt(40);
          byte[] larger = embedded(body, offset);
          assertThat(signature(decoder.decode(snapshot(status).body(larger, offset, body.length, true).build())))
              .as("%s, HTTP %d, at offset %d: %s", exchange, status, offset, text)
              .isEqualTo(alone);
        }
      }
    }
  }

  @Test
  void aWindowOfALongBodyIsDecidedAsItsWholePrefix() {
    for (Exchange exchange : Exchange.values()) {
      ResponseDecoder decoder = TestCatalog.decoder(exchange);
      for (byte[] prefix : longBodyPrefixes(exchange)) {
        for (int status : new int[] {200, 418, 429, 503}) {
          String whole = signature(decoder.decode(snapshot(status).body(prefix, false).build()));
          for (int window : new int[] {0, 1, 2, 7, 33, 100, 1000, prefix.length - 1, prefix.length}) {
            AtomicInteger readOns = new AtomicInteger();
            int offset = random.nextInt(40);
            ResponseSnapshot first = snapshot(status).window(embedded(prefix, offset), offset, window, () -> {
              readOns.incrementAndGet();
              return snapshot(status).body(prefix, false).build();
            }).build();
            assertThat(signature(decoder.decode(first)))
                .as("%s, HTTP %d, a window of %d of %d bytes: %s", exchange, status, window, prefix.length,
                    new String(prefix, 0, Math.min(60, prefix.length), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(whole);
            assertThat(readOns.get()).as("read on at most once").isLessThanOrEqualTo(1);
          }
        }
      }
    }
  }

  @Test
  void jsonAfterAByteOrderMarkIsReadAsJson() {
    byte[] body = utf8("\uFEFF{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}");
    DecodedResponse decoded = TestCatalog.decoder(Exchange.OKX).decode(snapshot(200).body(embedded(body, 5), 5,
        body.length, true).build());
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(decoded.code()).contains("50011");
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
  }

  @Test
  void aViewThatEndsInsideAByteOrderMarkIsDecidedAsItsOwnBytes() {
    // The view holds the mark's first two bytes; the array goes on with its third and a JSON body.
    byte[] marked = utf8("\uFEFF{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}");
    ResponseDecoder decoder = TestCatalog.decoder(Exchange.OKX);
    String alone = signature(decoder.decode(snapshot(200).body(Arrays.copyOf(marked, 2), true).build()));

    DecodedResponse decoded = decoder.decode(snapshot(200).body(embedded(marked, 5), 5, 2, true).build());

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.NOT_JSON);
    assertThat(signature(decoded)).isEqualTo(alone);
  }

  @Test
  void aSnapshotsBodyIsItsOwnBytesAndTheArrayItselfWhenItIsTheWholeArray() {
    byte[] body = utf8("{\"code\":\"0\",\"msg\":\"\",\"data\":[]}");
    byte[] larger = embedded(body, 7);

    assertThat(snapshot(200).body(body, true).build().body()).isSameAs(body);
    assertThat(snapshot(200).body(larger, 7, body.length, true).build().body()).isEqualTo(body);
    assertThat(snapshot(200).body(larger, 0, 7, true).build().body()).isEqualTo(Arrays.copyOf(larger, 7));
  }

  @Test
  void aSuccessIsDecidedFromItsFirstBytesWithoutReadingOn() {
    for (Exchange exchange : List.of(Exchange.OKX, Exchange.BYBIT, Exchange.BITGET)) {
      byte[] prefix = Arrays.copyOf(utf8(CommonDecodingTest.successBody(exchange, 2_000)), 64 * 1024);
      AtomicInteger readOns = new AtomicInteger();
      DecodedResponse decoded = TestCatalog.decoder(exchange).decode(snapshot(200).window(prefix, 0, 8192, () -> {
        readOns.incrementAndGet();
        return snapshot(200).body(prefix, false).build();
      }).build());
      assertThat(decoded.policyClass()).as(exchange.id()).isEqualTo(PolicyClass.SUCCESS);
      assertThat(readOns.get()).as("%s: decided at its code", exchange.id()).isZero();
    }
  }

  @Test
  void aCodeBeyondTheFirstBytesIsReadOnTo() {
    byte[] prefix = utf8("{\"note\":\"" + "x".repeat(20_000) + "\",\"code\":-1003,\"msg\":\"Too many requests.\","
        + "\"rows\":[" + "1,".repeat(30_000));
    AtomicInteger readOns = new AtomicInteger();
    DecodedResponse decoded = TestCatalog.decoder(Exchange.BINANCE_USDM).decode(snapshot(429)
        .window(prefix, 0, 8192, () -> {
          readOns.incrementAndGet();
          return snapshot(429).body(prefix, false).build();
        }).build());
    assertThat(decoded.code()).contains("-1003");
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.message()).isEqualTo("Too many requests.");
    assertThat(readOns.get()).isOne();
  }

  @Test
  void aWindowThatCannotBeReadOnFromIsDecidedFromWhatItHolds() {
    byte[] prefix = utf8("{\"note\":\"" + "x".repeat(20_000) + "\",\"code\":\"50011\"");
    for (int status : new int[] {200, 429, 502}) {
      DecodedResponse decoded = TestCatalog.decoder(Exchange.OKX).decode(snapshot(status)
          .window(prefix, 0, 8192, () -> null).build());
      assertThat(decoded.policyClass()).as("HTTP %d", status).isNotEqualTo(PolicyClass.UNKNOWN);
      assertThat(decoded.code()).isEmpty();
    }
  }

  /** Prefixes of long bodies: envelope fields in front of bulk data, behind it, or behind a long scalar. */
  private static List<byte[]> longBodyPrefixes(Exchange exchange) {
    List<byte[]> prefixes = new ArrayList<>();
    String bulk = CommonDecodingTest.successBody(exchange, 400);
    prefixes.add(utf8(bulk));
    prefixes.add(utf8("{\"pad\":\"" + "y".repeat(9_000) + "\",\"code\":\"50011\",\"msg\":\"Requests too frequent.\""
        + ",\"data\":[" + "0,".repeat(9_000)));
    prefixes.add(utf8("{\"pad\":\"" + "y".repeat(9_000) + "\",\"retCode\":10006,\"retMsg\":\"Too many visits!\""
        + ",\"result\":{\"list\":[" + "0,".repeat(9_000)));
    prefixes.add(utf8("{\"pad\":\"" + "z".repeat(9_000) + "\",\"code\":-1003"));
    prefixes.add(utf8("<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
        + "<p>".repeat(5_000)));
    prefixes.add(utf8(" ".repeat(9_000) + "{\"code\":\"0\",\"msg\":\"\",\"data\":[" + "0,".repeat(9_000)));
    prefixes.add(utf8("[" + "{\"a\":1},".repeat(3_000)));
    return prefixes;
  }

  private static ResponseSnapshot.Builder snapshot(int status) {
    return ResponseSnapshot.builder().httpStatus(status).contentType("application/json").headers(HEADERS);
  }

  /** {@code body} at {@code offset} of a larger array, the bytes around it garbage a decoder must not read. */
  private byte[] embedded(byte[] body, int offset) {
    byte[] larger = new byte[offset + body.length + 40];
    random.nextBytes(larger);
    System.arraycopy(body, 0, larger, offset, body.length);
    return larger;
  }

  /** Everything a decision carries. */
  private static String signature(DecodedResponse decoded) {
    return decoded + " message=" + decoded.message() + " entry=" + decoded.entry().map(e -> e.code()).orElse("-")
        + " unknownCode=" + decoded.unknownCode() + " items=" + decoded.items() + " hints=" + decoded.hints();
  }
}
