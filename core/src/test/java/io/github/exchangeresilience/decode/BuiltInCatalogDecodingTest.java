package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.decode.Snapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoders on the built-in catalog: what the pages added beyond the seeds change for real answers. */
class BuiltInCatalogDecodingTest {
  private static final ErrorCatalog CATALOG = ErrorCatalog.builtIn();
  private final ResponseDecoder binance = ResponseDecoder.of(Exchange.BINANCE_USDM, CATALOG);
  private final ResponseDecoder okx = ResponseDecoder.of(Exchange.OKX, CATALOG);
  private final ResponseDecoder bybit = ResponseDecoder.of(Exchange.BYBIT, CATALOG);

  @Test
  void binanceWafPageIsARateLimitNotAKeyProblem() {
    DecodedResponse decoded = binance.decode(Snapshots.body(403, "text/html",
        "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>"));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.HTTP_STATUS);
  }

  @Test
  void binanceTimeoutWaitingForTheBackendMayHaveExecuted() {
    DecodedResponse decoded = binance.decode(Snapshots.body(408, "text/plain", ""));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
  }

  @Test
  void everyMessageBinanceDocumentsFor503IsDecidedAsItsPageSays() {
    CatalogEntry status503 = CATALOG.findHttpStatus(Exchange.BINANCE_USDM, 503).orElseThrow();
    CatalogEntry throttled = CATALOG.find(Exchange.BINANCE_USDM, "-1008").orElseThrow();
    Map<String, PolicyClass> decided = new LinkedHashMap<>();

    for (String message : status503.englishMessages()) {
      // A variant the page quotes with a code comes with that code in the body; the others with whatever code.
      String code = throttled.englishMessages().contains(message) ? "-1008" : "-1000";
      decided.put(message, binance.decode(json(503, "{\"code\":" + code + ",\"msg\":\"" + message + "\"}"))
          .policyClass());
    }

    assertThat(decided).containsExactly(
        Map.entry("Unknown error, please check your request or try again later.", PolicyClass.EXECUTION_UNKNOWN),
        Map.entry("Service Unavailable.", PolicyClass.UNAVAILABLE),
        Map.entry("Internal error; unable to process your request. Please try again.", PolicyClass.TRANSIENT),
        Map.entry("Request throttled by system-level protection. Reduce-only/close-position orders are exempt. "
            + "Please try again.", PolicyClass.TRANSIENT));
    assertThat(binance.decode(Snapshots.body(503, "text/html", "<html><title>503</title></html>")).policyClass())
        .as("a 503 with none of them: what the status says").isEqualTo(PolicyClass.UNAVAILABLE);
  }

  @Test
  void okxAccountOrderRateLimitInsideHttp200IsARateLimit() {
    DecodedResponse decoded = okx.decode(json(200, "{\"code\":\"50061\",\"msg\":\"You've reached the maximum order"
        + " rate limit for this account.\",\"data\":[]}"));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
    assertThat(decoded.unknownCode()).isFalse();
  }

  @Test
  void bybitSystemFrequencyProtectionAsHttp429OrAsCode10429() {
    DecodedResponse status = bybit.decode(Snapshots.body(429, "text/plain", "Too Many Requests"));
    DecodedResponse code = bybit.decode(json(200, "{\"retCode\":10429,\"retMsg\":\"System level frequency"
        + " protection\",\"result\":{},\"retExtInfo\":{},\"time\":1659146000000}"));

    assertThat(status.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(code.policyClass()).as("documented on the WebSocket section, known over REST too")
        .isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(code.unknownCode()).isFalse();
  }

  @Test
  void bybitSpotOrderCreationTimeoutIsReconciledNotRetried() {
    DecodedResponse decoded = bybit.decode(json(200, "{\"retCode\":170146,\"retMsg\":\"Order creation timeout\","
        + "\"result\":{},\"retExtInfo\":{},\"time\":1659146000000}"));

    assertThat(decoded.policyClass()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(decoded.decidedBy()).isEqualTo(DecisionSource.CODE);
  }
}
