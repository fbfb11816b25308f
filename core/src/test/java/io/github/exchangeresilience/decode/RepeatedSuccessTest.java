package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A decoder hands out its last plain success again when an answer repeats its status, code and message, and only
 * then: an answer that differs from it in anything the decision or the caller reads is decoded as itself.
 */
class RepeatedSuccessTest {
  /** Bybit's "Place Order" answer. */
  private static final String BYBIT_PLACED = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":"
      + "\"1321003749386327552\",\"orderLinkId\":\"spot-test-postonly\"},\"retExtInfo\":{},\"time\":1672211918471}";

  private final ResponseDecoder bybit = ResponseDecoder.of(Exchange.BYBIT, ErrorCatalog.builtIn());

  /** Decodes the plain success first, so that it is the one a repeat would get. */
  private DecodedResponse placed() {
    DecodedResponse placed = bybit.decode(json(200, BYBIT_PLACED));
    assertThat(placed.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(placed.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(placed.hints().isEmpty()).isTrue();
    return placed;
  }

  @Test
  void aTrueRepeatIsTheVerySameDecodedResponse() {
    DecodedResponse first = placed();

    assertThat(bybit.decode(json(200, BYBIT_PLACED))).isSameAs(first);
    assertThat(bybit.decode(json(200, BYBIT_PLACED.replace("1321003749386327552", "1321003749386327553"))))
        .as("another order's answer with the same status, code and message decides the same").isSameAs(first);
  }

  @Test
  void anAnswerWithAnotherStatusIsDecodedAsItself() {
    DecodedResponse first = placed();

    DecodedResponse accepted = bybit.decode(json(202, BYBIT_PLACED));

    assertThat(accepted).isNotSameAs(first);
    assertThat(accepted.httpStatus()).isEqualTo(202);
    assertThat(accepted.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(bybit.decode(json(202, BYBIT_PLACED))).as("now the last plain success").isSameAs(accepted);
    assertThat(bybit.decode(json(200, BYBIT_PLACED)).httpStatus()).isEqualTo(200);
  }

  @Test
  void anAnswerWithAnotherMessageIsDecodedAsItself() {
    DecodedResponse first = placed();

    DecodedResponse other = bybit.decode(json(200, BYBIT_PLACED.replace("\"OK\"", "\"success\"")));

    assertThat(other).isNotSameAs(first);
    assertThat(other.message()).isEqualTo("success");
    assertThat(other.policyClass()).isEqualTo(PolicyClass.SUCCESS);
  }

  @Test
  void anAnswerWithAnotherSuccessCodeIsDecodedAsItself() {
    // Bitget answers REST calls with 00000 and WebSocket ones with 0: both are its success codes.
    ResponseDecoder bitget = ResponseDecoder.of(Exchange.BITGET, ErrorCatalog.builtIn());
    String placed = "{\"code\":\"%s\",\"msg\":\"success\",\"requestTime\":1695806875837,\"data\":{\"orderId\":"
        + "\"121211212122\",\"clientOid\":\"BITGET121211212122\"}}";
    DecodedResponse first = bitget.decode(json(200, String.format(placed, "00000")));

    DecodedResponse other = bitget.decode(json(200, String.format(placed, "0")));

    assertThat(first.code()).contains("00000");
    assertThat(other).isNotSameAs(first);
    assertThat(other.code()).contains("0");
    assertThat(other.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(bitget.decode(json(200, String.format(placed, "0")))).isSameAs(other);
  }

  @Test
  void aBatchAnswerKeepsItsItems() {
    DecodedResponse first = placed();

    DecodedResponse batch = bybit.decode(json(200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":["
        + "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"orderId\":\"1666800494330512128\",\"orderLinkId\":"
        + "\"linear-btc-03\",\"createAt\":\"1713434102752\"}]},\"retExtInfo\":{\"list\":[{\"code\":0,\"msg\":\"OK\"}]},"
        + "\"time\":1713434102753}"));

    assertThat(batch).isNotSameAs(first);
    assertThat(batch.policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(batch.items()).extracting(ItemResult::clientOrderId).containsExactly("linear-btc-03");
    assertThat(bybit.decode(json(200, BYBIT_PLACED))).as("a batch is never the one handed out again")
        .isSameAs(first);
  }

  @Test
  void anAnswerWithRateLimitHeadersKeepsItsHints() {
    DecodedResponse first = placed();

    DecodedResponse limited = bybit.decode(json(200, BYBIT_PLACED, "X-Bapi-Limit", "10", "X-Bapi-Limit-Status", "9",
        "X-Bapi-Limit-Reset-Timestamp", "1672211918471"));

    assertThat(limited).isNotSameAs(first);
    assertThat(limited.hints().remaining()).containsEntry("requests", 9L);
    assertThat(limited.hints().limits()).containsEntry("requests", 10L);
    assertThat(limited.hints().windowResetAt()).isEqualTo(Instant.ofEpochMilli(1672211918471L));
    DecodedResponse plainAgain = bybit.decode(json(200, BYBIT_PLACED));
    assertThat(plainAgain).as("an answer with hints is never the one handed out again").isSameAs(first);
    assertThat(plainAgain.hints().isEmpty()).isTrue();
  }

  @Test
  void anAnswerCutOffAfterItsCodeIsDecodedAsItself() {
    DecodedResponse first = placed();

    DecodedResponse cut = bybit.decode(ResponseSnapshot.builder().httpStatus(200).contentType("application/json")
        .body(BYBIT_PLACED.substring(0, 60).getBytes(StandardCharsets.UTF_8), true).build());

    assertThat(cut).isNotSameAs(first);
    assertThat(cut.code()).contains("0");
    assertThat(cut.message()).isEqualTo("OK");
    assertThat(cut.bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
    assertThat(cut.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
  }

  @Test
  void anAnswerDecidedByItsStatusIsDecodedAsItself() {
    DecodedResponse first = placed();

    DecodedResponse withoutCode = bybit.decode(json(200, BYBIT_PLACED.replace("\"retCode\":0,", "")));

    assertThat(withoutCode).isNotSameAs(first);
    assertThat(withoutCode.code()).isEmpty();
    assertThat(withoutCode.message()).isEqualTo("OK");
    assertThat(withoutCode.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
    assertThat(bybit.decode(json(200, BYBIT_PLACED))).isSameAs(first);
  }
}
