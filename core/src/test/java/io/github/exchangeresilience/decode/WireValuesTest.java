package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values at the edges of what the wire can carry: statuses at the ends of their ranges, header numbers at zero, empty
 * or at the edge of a long, "banned until" wherever it stands in a message, bodies that are only a byte order mark,
 * HTML cut or malformed, and text at the length bound.
 */
class WireValuesTest {
  private static final long BAN_END = 1_659_146_268_000L;

  private final ResponseDecoder binance = TestCatalog.decoder(Exchange.BINANCE_USDM);
  private final ResponseDecoder bybit = TestCatalog.decoder(Exchange.BYBIT);

  // ---- Codes ----

  /**
   * A success code is taken as the exchange's own string only when written exactly so: one character more, fewer or
   * other, or white space around it, is another code (trimmed), never the success it resembles.
   */
  @Test
  void codesNextToASuccessCodeAreTheirOwn() {
    ResponseDecoder bitget = TestCatalog.decoder(Exchange.BITGET);
    String[][] codeAndRead = {{"\"00000\"", "00000"}, {"\"0000\"", "0000"}, {"\"000000\"", "000000"},
        {"\"00001\"", "00001"}, {"\" 00000 \"", "00000"}, {"0", "0"}, {"\"0\"", "0"}, {"00", null}};
    for (String[] pair : codeAndRead) {
      DecodedResponse decoded = bitget.decode(json(200, "{\"code\":" + pair[0] + ",\"msg\":\"success\"}"));
      assertThat(decoded.rawCode()).as(pair[0]).isEqualTo(pair[1]);
      assertThat(decoded.policyClass().isSuccess()).as(pair[0])
          .isEqualTo(pair[1] != null && (pair[1].equals("00000") || pair[1].equals("0")));
    }
  }

  @Test
  void aCodeIsOneOfASetOnlyWhenTheAnswerCarriesIt() {
    ResponseDecoder okx = TestCatalog.decoder(Exchange.OKX);
    java.util.Set<String> reconnect = java.util.Set.of("64008", "64009");

    assertThat(okx.decode(json(200, "{\"code\":\"64008\",\"msg\":\"\"}")).codeIsOneOf(reconnect)).isTrue();
    assertThat(okx.decode(json(200, "{\"code\":\"0\",\"msg\":\"\"}")).codeIsOneOf(reconnect)).isFalse();
    assertThat(okx.decode(json(503, "{\"msg\":\"64008\"}")).codeIsOneOf(reconnect)).as("no code").isFalse();
  }

  // ---- Statuses ----

  @Test
  void http300WithACodelessBodyIsUnknownNotSuccess() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.OKX).decode(json(300, "{\"data\":[]}"));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
  }

  @Test
  void aCatalogEntryForA2xxStatusIsNeverUsedButOneFor300Is() {
    ErrorCatalog catalog = ErrorCatalog.of(List.of(httpStatus(200, PolicyClass.REJECTED),
        httpStatus(300, PolicyClass.TRANSIENT)));
    ResponseDecoder okx = ResponseDecoder.of(Exchange.OKX, catalog);

    // An unknown code inside a 200 may hide anything: what the catalog says of a bare 200 does not apply.
    DecodedResponse unknownIn200 = okx.decode(json(200, "{\"code\":\"59999\",\"msg\":\"?\",\"data\":[]}"));
    DecodedResponse codeless300 = okx.decode(json(300, "{\"data\":[]}"));

    assertThat(unknownIn200.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(codeless300.policyClass()).isEqualTo(PolicyClass.TRANSIENT);
  }

  private static CatalogEntry httpStatus(int status, PolicyClass policyClass) {
    return CatalogEntry.builder().exchange(Exchange.OKX).code(Integer.toString(status)).kind(EntryKind.HTTP_STATUS)
        .source("001_fbebf5cfef146b6b.txt").policyClass(policyClass).classifiedBy("test")
        .addMessage(LocalizedMessage.en("HTTP " + status)).build();
  }

  // ---- Header numbers ----

  @Test
  void retryAfterZeroIsResendAtOnce() {
    assertThat(binance.decode(Snapshots.body(429, null, "", "Retry-After", "0")).hints().retryAfter())
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void anEmptyHeaderValueIsNoHintAndCostsNoOther() {
    RateLimitHints hints = binance.decode(Snapshots.body(429, null, "", "Retry-After", "",
        "X-MBX-USED-WEIGHT-1M", "2400")).hints();

    assertThat(hints.retryAfter()).isNull();
    assertThat(hints.used()).isEqualTo(Map.of("weight-1m", 2400L));
  }

  @Test
  void aMalformedReadingAfterAGoodOneLeavesTheGoodOne() {
    RateLimitHints hints = binance.decode(Snapshots.body(200, null, "",
        "X-MBX-USED-WEIGHT-1M", "2400", "X-MBX-ORDER-COUNT-10S", "12x")).hints();

    assertThat(hints.used()).isEqualTo(Map.of("weight-1m", 2400L));
  }

  @Test
  void numbersAreReadExactlyUpToALongAndSaturateBeyond() {
    RateLimitHints hints = binance.decode(Snapshots.body(200, null, "",
        "X-MBX-USED-WEIGHT-1M", "9223372036854775800", "X-MBX-ORDER-COUNT-10S", "99999999999999999999",
        "X-MBX-ORDER-COUNT-1M", "9223372036854775807", "X-MBX-ORDER-COUNT-1H", "9223372036854775808",
        "X-MBX-ORDER-COUNT-1D", "9223372036854775801")).hints();

    assertThat(hints.used()).isEqualTo(Map.of("weight-1m", 9_223_372_036_854_775_800L,
        "orders-10s", Long.MAX_VALUE, "orders-1m", Long.MAX_VALUE, "orders-1h", Long.MAX_VALUE,
        "orders-1d", 9_223_372_036_854_775_801L));
  }

  @Test
  void bybitsRemainingAndLimitAreEachAHintAlone() {
    RateLimitHints remaining = bybit.decode(Snapshots.body(200, null, "", "X-Bapi-Limit-Status", "99")).hints();
    RateLimitHints limit = bybit.decode(Snapshots.body(200, null, "", "X-Bapi-Limit", "100")).hints();
    RateLimitHints reset = bybit.decode(Snapshots.body(200, null, "", "X-Bapi-Limit-Reset-Timestamp", "0")).hints();

    assertThat(remaining.remaining()).isEqualTo(Map.of("requests", 99L));
    assertThat(remaining.isEmpty()).isFalse();
    assertThat(limit.limits()).isEqualTo(Map.of("requests", 100L));
    assertThat(reset.windowResetAt()).isEqualTo(Instant.EPOCH);
    assertThat(RateLimitHints.NONE.isEmpty()).isTrue();
  }

  // ---- "banned until" in a message ----

  private RateLimitHints banned(String message, String... headers) {
    return binance.decode(Snapshots.body(418, "application/json",
        "{\"code\":-1003,\"msg\":\"" + message + "\"}", headers)).hints();
  }

  @Test
  void bannedUntilAtTheVeryEndOfTheMessage() {
    assertThat(banned("Way too many requests; IP banned until " + BAN_END).bannedUntil())
        .isEqualTo(Instant.ofEpochMilli(BAN_END));
    assertThat(banned("banned until " + BAN_END + ". Please use the websocket.").bannedUntil())
        .isEqualTo(Instant.ofEpochMilli(BAN_END));
    assertThat(banned("IP banned until 0.").bannedUntil()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void bannedUntilWithNoNumberIsNoBanEndAndCostsNoOtherHint() {
    RateLimitHints hints = banned("Way too many requests; IP banned until", "Retry-After", "120");

    assertThat(hints.bannedUntil()).isNull();
    assertThat(hints.retryAfter()).isEqualTo(Duration.ofSeconds(120));
  }

  // ---- Bodies that are not JSON ----

  @Test
  void aBodyThatIsOnlyAByteOrderMarkIsEmpty() {
    DecodedResponse decoded = binance.decode(ResponseSnapshot.builder().httpStatus(200)
        .body(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, true).build());

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.EMPTY);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
  }

  @Test
  void htmlTitlesWhereverAndHoweverTheyStand() {
    assertThat(binance.decode(Snapshots.body(502, "text/html", "<title>502 Bad Gateway</title><html></html>"))
        .message()).isEqualTo("502 Bad Gateway");
    DecodedResponse cut = binance.decode(Snapshots.body(502, null, "<html><head><title>502 Bad Gateway"));
    assertThat(cut.bodyShape()).isEqualTo(BodyShape.HTML);
    assertThat(cut.message()).isEqualTo("502 Bad Gateway");
    assertThat(binance.decode(Snapshots.body(502, null, "<html><title<>Bad Gateway</title></html>")).message())
        .isEqualTo("Bad Gateway");
    assertThat(binance.decode(Snapshots.body(502, null, "<html><title")).message()).isEmpty();
    assertThat(binance.decode(Snapshots.body(502, null, "<!DOCTYPE html")).bodyShape()).isEqualTo(BodyShape.HTML);
  }

  @Test
  void markupThatIsNotHtmlIsTextWithItsFirstLine() {
    DecodedResponse decoded = binance.decode(Snapshots.body(503, null,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>ServiceUnavailable</Code></Error>"));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.NOT_JSON);
    assertThat(decoded.message()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.UNAVAILABLE);
  }

  // ---- Text at the bound ----

  @Test
  void textIsCutAtTheBoundNeverInsideACharacter() {
    String emoji = "\uD83D\uDE00";
    DecodedResponse plain = binance.decode(Snapshots.body(503, "text/plain", "x".repeat(600)));
    DecodedResponse straddling = binance.decode(Snapshots.body(503, "text/plain", "x".repeat(511) + emoji + "x"));
    // Characters after the pair, so that what follows it in jackson's buffer is known (a recycled buffer holds others).
    DecodedResponse json = binance.decode(json(400, "{\"code\":-2019,\"msg\":\"" + "x".repeat(511) + emoji + "xx\"}"));

    assertThat(plain.message()).hasSize(Text.MAX_MESSAGE_LENGTH);
    assertThat(straddling.message()).isEqualTo("x".repeat(511));
    assertThat(json.message()).isEqualTo("x".repeat(511));
  }

  @Test
  void aMessageOfExactlyTheBoundIsKeptAsWritten() {
    // Even ending in an unpaired high surrogate, which a JSON string can escape: only a longer message is cut.
    DecodedResponse decoded = binance.decode(json(400,
        "{\"code\":-2019,\"msg\":\"" + "x".repeat(511) + "\\uD83D\"}"));

    assertThat(decoded.message()).hasSize(Text.MAX_MESSAGE_LENGTH).endsWith("\uD83D");
  }

  // ---- The values themselves ----

  @Test
  void whatASnapshotAndADecodedAnswerTell() {
    ResponseSnapshot bare = ResponseSnapshot.builder().build();
    DecodedResponse single = binance.decode(json(400, "{\"code\":-2019,\"msg\":\"Margin is insufficient.\"}"));
    DecodedResponse batch = binance.decode(json(200, "[{\"clientOrderId\":\"a\",\"orderId\":1},"
        + "{\"code\":-2019,\"msg\":\"Margin is insufficient.\"}]"));

    assertThat(bare.contentType()).isNull();
    assertThat(bare.body()).isEmpty();
    assertThat(single.isBatch()).isFalse();
    assertThat(batch.isBatch()).isTrue();
    assertThat(batch.items().get(0).clientOrderIdValue()).contains("a");
    assertThat(single).hasToString("DecodedResponse{binance-usdm http=400 code=-2019 class=REJECTED by=CODE"
        + " shape=JSON}");
    assertThat(batch).hasToString("DecodedResponse{binance-usdm http=200 code=null class=PARTIAL_SUCCESS by=CODE"
        + " shape=JSON items=2}");
  }
}
