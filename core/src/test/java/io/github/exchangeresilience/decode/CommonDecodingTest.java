package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static io.github.exchangeresilience.decode.Snapshots.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** What every decoder does alike: bodies that are not the exchange's JSON, long bodies, the status fallback, hints. */
class CommonDecodingTest {
  private static final String CLOUDFLARE_502 = """
      <!DOCTYPE html>
      <!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
      <!--[if gt IE 8]><!--> <html class="no-js" lang="en-US"> <!--<![endif]-->
      <head>
      <title>fapi.binance.com | 502: Bad gateway</title>
      <meta charset="UTF-8" />
      <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
      </head>
      <body><div id="cf-wrapper"><h1>Bad gateway <span>Error code 502</span></h1>
      <p>Visit <a href="https://www.cloudflare.com/5xx-error-landing">cloudflare.com</a> for more information.</p>
      <span>Cloudflare Ray ID: <strong>7f1c2d3e4a5b6c7d</strong></span></div></body>
      </html>
      """;

  /** A success answer of {@code exchange} whose bulk data has {@code rows} rows, envelope fields in front. */
  static String successBody(Exchange exchange, int rows) {
    String row = "{\"instId\":\"BTC-USDT-SWAP\",\"symbol\":\"BTCUSDT\",\"last\":\"43250.1\",\"askPx\":\"43250.2\","
        + "\"bidPx\":\"43250.0\",\"vol24h\":\"2213731.5\",\"ts\":1695190491421,\"note\":\"caf\u00e9 \u6210\u4ea4\"}";
    StringBuilder list = new StringBuilder(rows * (row.length() + 1) + 2).append('[');
    for (int i = 0; i < rows; i++) {
      list.append(i == 0 ? "" : ",").append(row);
    }
    list.append(']');
    switch (exchange) {
      case OKX:
        return "{\"code\":\"0\",\"msg\":\"\",\"data\":" + list + "}";
      case BYBIT:
        return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\",\"list\":" + list
            + "},\"retExtInfo\":{},\"time\":1672211918471}";
      case BITGET:
        return "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1695806875837,\"data\":" + list + "}";
      default:
        return "{\"timezone\":\"UTC\",\"serverTime\":1565246363776,\"symbols\":" + list + "}";
    }
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void cloudflare502PageIsDecidedByTheStatus(Exchange exchange) {
    DecodedResponse decoded = TestCatalog.decoder(exchange)
        .decode(Snapshots.body(502, "text/html; charset=UTF-8", CLOUDFLARE_502));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.TRANSIENT);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.HTML);
    assertThat(decoded.message()).isEqualTo("fapi.binance.com | 502: Bad gateway");
    assertThat(decoded.code()).isEmpty();
    assertThat(decoded.unknownCode()).isFalse();
  }

  @Test
  void anHtmlPageServedWithoutAContentType() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.BINANCE_USDM).decode(Snapshots.body(503, null, """
        <html>
        <head><TITLE>
            503 Service
            Temporarily Unavailable  </TITLE></head>
        <body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body>
        </html>"""));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.HTML);
    assertThat(decoded.message()).isEqualTo("503 Service Temporarily Unavailable");
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.UNAVAILABLE);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void htmlInA200MayHideAnything(Exchange exchange) {
    DecodedResponse decoded = TestCatalog.decoder(exchange)
        .decode(Snapshots.body(200, "application/json", CLOUDFLARE_502));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.HTML);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void emptyBodies(Exchange exchange) {
    ResponseDecoder decoder = TestCatalog.decoder(exchange);

    assertThat(decoder.decode(Snapshots.body(200, null, "")).policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoder.decode(Snapshots.body(200, null, " \r\n")).bodyShape()).isEqualTo(BodyShape.EMPTY);
    DecodedResponse gatewayTimeout = decoder.decode(Snapshots.body(504, null, ""));
    assertThat(gatewayTimeout.policyClass()).isEqualTo(PolicyClass.TRANSIENT);
    assertThat(gatewayTimeout.bodyShape()).isEqualTo(BodyShape.EMPTY);
    assertThat(gatewayTimeout.message()).isEmpty();
  }

  @ParameterizedTest(name = "HTTP {0} without a body is {1}")
  @CsvSource({
      "200, SUCCESS", "204, SUCCESS",
      "418, RATE_LIMITED", "429, RATE_LIMITED",
      "401, AUTH", "403, AUTH",
      "408, TRANSIENT", "500, TRANSIENT", "502, TRANSIENT", "504, TRANSIENT", "599, TRANSIENT",
      "503, UNAVAILABLE",
      "400, REJECTED", "404, REJECTED", "405, REJECTED", "451, REJECTED",
      "100, EXECUTION_UNKNOWN", "302, EXECUTION_UNKNOWN", "0, EXECUTION_UNKNOWN", "-1, EXECUTION_UNKNOWN",
      "600, EXECUTION_UNKNOWN",
  })
  void statusFallback(int status, PolicyClass expected) {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.OKX).decode(Snapshots.body(status, null, ""));

    assertThat(decoded.policyClass()).isEqualTo(expected);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void truncatedJsonIsDecidedByTheStatusButALongBodysPrefixByWhatItHolds(Exchange exchange) {
    byte[] body = utf8(successBody(exchange, 50));
    ResponseDecoder decoder = TestCatalog.decoder(exchange);
    // Cut in the data, before the envelope's end: whole as far as the caller knows, or a prefix.
    byte[] cut = Arrays.copyOf(body, body.length / 2);

    DecodedResponse truncated = decoder.decode(ResponseSnapshot.builder().httpStatus(200).body(cut, true).build());
    DecodedResponse prefix = decoder.decode(ResponseSnapshot.builder().httpStatus(200).body(cut, false).build());
    DecodedResponse truncated429 = decoder.decode(ResponseSnapshot.builder().httpStatus(429)
        .body(Arrays.copyOf(body, 8), true).build());

    if (exchange != Exchange.OKX && exchange != Exchange.BITGET) {
      // OKX and Bitget stop at code and message, before the data: the cut is never seen (see earlyStop below).
      assertThat(truncated.bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
      assertThat(truncated.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
      assertThat(truncated.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    }
    assertThat(prefix.bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(prefix.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(truncated429.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(truncated429.bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
  }

  @ParameterizedTest(name = "{0}: unknown code at HTTP {1} is {2}")
  @CsvSource({
      "BINANCE_USDM, 200, EXECUTION_UNKNOWN", "BINANCE_USDM, 500, TRANSIENT", "BINANCE_USDM, 400, REJECTED",
      "OKX, 200, EXECUTION_UNKNOWN", "OKX, 503, UNAVAILABLE",
      "BYBIT, 200, EXECUTION_UNKNOWN", "BYBIT, 500, TRANSIENT", "BYBIT, 403, RATE_LIMITED",
      "BITGET, 200, EXECUTION_UNKNOWN", "BITGET, 500, TRANSIENT", "BITGET, 429, RATE_LIMITED",
  })
  void anUnknownCodeIsDecidedByTheStatus(Exchange exchange, int status, PolicyClass expected) {
    String codeField = exchange == Exchange.BYBIT ? "retCode" : "code";
    String messageField = exchange == Exchange.BYBIT ? "retMsg" : "msg";

    DecodedResponse decoded = TestCatalog.decoder(exchange)
        .decode(json(status, "{\"" + codeField + "\":\"-777\",\"" + messageField + "\":\"new\"}"));

    assertThat(decoded.policyClass()).isEqualTo(expected);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    assertThat(decoded.unknownCode()).isTrue();
    assertThat(decoded.code()).contains("-777");
    assertThat(decoded.entry()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aCodeThatIsNoCodeCountsAsUnknown(Exchange exchange) {
    String codeField = exchange == Exchange.BYBIT ? "retCode" : "code";

    DecodedResponse decoded = TestCatalog.decoder(exchange)
        .decode(json(200, "{\"" + codeField + "\":{\"value\":-1003},\"msg\":\"?\",\"retMsg\":\"?\"}"));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.unknownCode()).isTrue();
    assertThat(decoded.code()).isEmpty();
  }

  @Test
  void truncatedJsonBeforeTheCodeIsKnown() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.OKX).decode(json(200, """
        {"data":[{"instId":"BTC-USDT-SWAP","last":"43250.1"},{"instId":"ETH-US"""));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
  }

  @Test
  void aBatchCutShortLosesItsItems() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.OKX).decode(json(200, """
        {"code":"2","msg":"","data":[{"clOrdId":"a","sCode":"0","sMsg":""},{"clOrdId":"b","sCode":"510"""));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.items()).isEmpty();
    assertThat(decoded.code()).contains("2");
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aTenMebibyteSuccessBodyIsDecidedFromItsPrefix(Exchange exchange) {
    byte[] body = utf8(successBody(exchange, 70_000));
    assertThat(body.length).isGreaterThan(10 * 1024 * 1024);

    DecodedResponse decoded = TestCatalog.decoder(exchange)
        .decode(Snapshots.prefix(200, body, ResponseDecoder.DEFAULT_BODY_PREFIX_LIMIT));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(decoded.items()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Exchange.class, names = {"OKX", "BITGET"})
  void earlyStopAtCodeAndMessage(Exchange exchange) {
    // Garbage right after the envelope fields is never read: the read stopped at code and message.
    String body = successBody(exchange, 1);
    int data = body.indexOf("\"data\"");
    DecodedResponse decoded = TestCatalog.decoder(exchange)
        .decode(json(200, body.substring(0, data) + "\"data\":[\u0000 not json at all"));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
  }

  @Test
  void aNumberCutByThePrefixIsNotTakenForTheCode() {
    byte[] body = utf8("{\"code\":-1003,\"msg\":\"Too many requests\"}");
    DecodedResponse decoded = TestCatalog.decoder(Exchange.BINANCE_USDM).decode(ResponseSnapshot.builder()
        .httpStatus(200).body(Arrays.copyOf(body, 11), false).build()); // {"code":-10

    assertThat(decoded.code()).isEmpty();
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void jsonServedAsTextIsStillJson(Exchange exchange) {
    String body = successBody(exchange, 2);
    ResponseDecoder decoder = TestCatalog.decoder(exchange);

    DecodedResponse plain = decoder.decode(Snapshots.body(200, "text/plain", body));
    DecodedResponse html = decoder.decode(Snapshots.body(200, "text/html", "\uFEFF \n" + body));

    assertThat(plain.bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(plain.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(html.bodyShape()).isEqualTo(BodyShape.JSON);
    assertThat(html.policyClass()).isEqualTo(PolicyClass.SUCCESS);
  }

  @Test
  void xmlAndPlainTextAreNotJson() {
    ResponseDecoder decoder = TestCatalog.decoder(Exchange.BYBIT);

    DecodedResponse xml = decoder.decode(Snapshots.body(500, "application/xml",
        "<?xml version=\"1.0\"?><Error><Code>InternalError</Code></Error>"));
    DecodedResponse text = decoder.decode(Snapshots.body(200, "application/json", "upstream connect error\nreset"));

    assertThat(xml.bodyShape()).isEqualTo(BodyShape.NOT_JSON);
    assertThat(xml.policyClass()).isEqualTo(PolicyClass.TRANSIENT);
    assertThat(text.bodyShape()).isEqualTo(BodyShape.NOT_JSON);
    assertThat(text.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(text.message()).isEqualTo("upstream connect error");
  }

  @Test
  void invalidJsonIsNotJson() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.OKX).decode(json(200, "{\"code\":\"0\" \"msg\":\"\"}"));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.NOT_JSON);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
  }

  @ParameterizedTest
  @EnumSource(value = Exchange.class, names = {"OKX", "BYBIT", "BITGET"})
  void anArrayIsNoEnvelopeButMustStillBeJson(Exchange exchange) {
    ResponseDecoder decoder = TestCatalog.decoder(exchange);

    DecodedResponse empty = decoder.decode(json(200, "[]"));
    DecodedResponse garbage = decoder.decode(json(200, "[{\"a\":1}, oops"));

    assertThat(empty.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(empty.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    assertThat(garbage.bodyShape()).isEqualTo(BodyShape.NOT_JSON);
    assertThat(garbage.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void retryAfterInSecondsOrAsAnHttpDate(Exchange exchange) {
    ResponseDecoder decoder = TestCatalog.decoder(exchange);
    String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
        .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
    String past = "Wed, 21 Oct 2015 07:28:00 GMT";

    Duration seconds = decoder.decode(Snapshots.body(429, null, "", "Retry-After", " 30 ")).hints().retryAfter();
    Duration date = decoder.decode(Snapshots.body(503, null, "", "RETRY-AFTER", inTwoMinutes)).hints().retryAfter();
    Duration passed = decoder.decode(Snapshots.body(503, null, "", "retry-after", past)).hints().retryAfter();
    RateLimitHints malformed = decoder.decode(Snapshots.body(503, null, "", "Retry-After", "soon")).hints();

    assertThat(seconds).isEqualTo(Duration.ofSeconds(30));
    assertThat(date).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(120));
    assertThat(passed).isEqualTo(Duration.ZERO);
    assertThat(malformed.retryAfter()).isNull();
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aThrowingHeaderLookupCostsTheHintsOnly(Exchange exchange) {
    ResponseSnapshot snapshot = ResponseSnapshot.builder()
        .httpStatus(200)
        .headers(name -> {
          throw new IllegalStateException("closed");
        })
        .body(successBody(exchange, 1))
        .build();

    DecodedResponse decoded = TestCatalog.decoder(exchange).decode(snapshot);

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.hints()).isEqualTo(RateLimitHints.NONE);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void decodeOfNullDecidesToo(Exchange exchange) {
    DecodedResponse decoded = TestCatalog.decoder(exchange).decode(null);

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.exchange()).isEqualTo(exchange);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void longMessagesAreBounded(Exchange exchange) {
    String codeField = exchange == Exchange.BYBIT ? "retCode" : "code";
    String messageField = exchange == Exchange.BYBIT ? "retMsg" : "msg";
    String huge = "\uD83D\uDE00".repeat(40_000); // surrogate pairs: a cut must not split one

    DecodedResponse decoded = TestCatalog.decoder(exchange).decode(json(400,
        "{\"" + codeField + "\":\"77777\",\"" + messageField + "\":\"" + huge + "\"}"));

    assertThat(decoded.message()).hasSizeLessThanOrEqualTo(512).startsWith("\uD83D\uDE00");
    assertThat(Character.isHighSurrogate(decoded.message().charAt(decoded.message().length() - 1))).isFalse();
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.REJECTED);
  }

  @Test
  void decoderKnowsItsExchange() {
    for (Exchange exchange : Exchange.values()) {
      assertThat(TestCatalog.decoder(exchange).exchange()).isEqualTo(exchange);
    }
  }
}
