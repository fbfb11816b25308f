package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A code read before the body broke counts; a code written twice is taken at its more cautious value. */
class BrokenAfterTheCodeTest {
  private final ResponseDecoder binance = TestCatalog.decoder(Exchange.BINANCE_USDM);
  private final ResponseDecoder okx = TestCatalog.decoder(Exchange.OKX);

  private static byte[] withInvalidUtf8(String before, String after) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
    bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }

  private static ResponseSnapshot whole(int status, byte[] body) {
    return ResponseSnapshot.builder().httpStatus(status).contentType("application/json").body(body, true).build();
  }

  @Test
  void executionUnknownReadBeforeInvalidUtf8In400IsNotARejection() {
    DecodedResponse decoded = binance.decode(whole(400, withInvalidUtf8("{\"code\":-1007,\"msg\":\"Timeout ", "\"}")));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.NOT_JSON);
    assertThat(decoded.code()).contains("-1007");
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
  }

  @Test
  void aRateLimitCodeBeforeABreakIn429StaysARateLimit() {
    DecodedResponse decoded = binance.decode(whole(429, withInvalidUtf8("{\"code\":-1003,\"msg\":\"", "\"}")));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.code()).contains("-1003");
  }

  @Test
  void aSuccessCodeBeforeABreakIn200StaysInDoubt() {
    DecodedResponse decoded = TestCatalog.decoder(Exchange.BYBIT).decode(whole(200,
        "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":\"13210037\",\"orderLinkId\":\"sp"
            .getBytes(StandardCharsets.UTF_8)));

    // The status's view of a broken 2xx calls for more care than the code's: it may hide anything.
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
  }

  @Test
  void aRejectionCodeBeforeATruncationIn400StaysARejection() {
    DecodedResponse decoded = binance.decode(whole(400, "{\"code\":-2019,\"msg\":\"Margin is insuffi"
        .getBytes(StandardCharsets.UTF_8)));

    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.REJECTED);
    assertThat(decoded.code()).contains("-2019");
  }

  @Test
  void aNumberThatEndsWhereTheBodyEndsIsNotTakenForTheCode() {
    DecodedResponse decoded = binance.decode(whole(400, "{\"code\":-10".getBytes(StandardCharsets.UTF_8)));

    assertThat(decoded.code()).isEmpty();
    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.REJECTED);
    assertThat(decoded.bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
  }

  @Test
  void aCodeWrittenTwiceIsTakenAtTheMoreCautiousOfTheTwo() {
    DecodedResponse successThenUnknown = binance.decode(json(200,
        "{\"code\":200,\"msg\":\"ok\",\"code\":-1007}"));
    DecodedResponse unknownThenSuccess = binance.decode(json(200,
        "{\"code\":-1007,\"msg\":\"Timeout\",\"code\":200}"));
    DecodedResponse rejectedThenRateLimited = okx.decode(json(200,
        "{\"code\":\"51008\",\"msg\":\"Order failed.\",\"data\":[{\"a\":{\"code\":\"0\"}}],\"code\":\"50011\"}"));

    assertThat(successThenUnknown.code()).contains("-1007");
    assertThat(successThenUnknown.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(unknownThenSuccess.code()).contains("-1007");
    assertThat(unknownThenSuccess.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(rejectedThenRateLimited.code()).contains("50011");
    assertThat(rejectedThenRateLimited.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
  }

  @Test
  void aCodeKeyInsideTheDataIsNotASecondCode() {
    DecodedResponse decoded = okx.decode(json(200,
        "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"code\":\"50011\",\"instId\":\"BTC-USDT\"}]}"));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(decoded.code()).contains("0");
  }

  @Test
  void anUnreadableBodyIsDecidedFromTheStatusAndKeepsItsHints() {
    DecodedResponse ok = okx.decode(ResponseSnapshot.builder().httpStatus(200)
        .unreadableBody("gzip data could not be inflated").build());
    DecodedResponse limited = binance.decode(ResponseSnapshot.builder().httpStatus(429)
        .headers(HeaderLookup.of(java.util.Map.of("Retry-After", "7")))
        .unreadableBody("gzip data could not be inflated").build());

    assertThat(ok.bodyShape()).isEqualTo(BodyShape.UNREADABLE);
    assertThat(ok.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(ok.message()).isEqualTo("gzip data could not be inflated");
    assertThat(limited.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(limited.hints().retryAfter()).hasSeconds(7);
  }
}
