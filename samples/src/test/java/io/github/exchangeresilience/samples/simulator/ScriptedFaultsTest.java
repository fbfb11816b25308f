package io.github.exchangeresilience.samples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.HeaderLookup;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.ResponseSnapshot;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scripted faults answer the next request whatever the probabilities, with each exchange's documented code, which the
 * library's own decoder classifies as the class the kind stands for.
 */
class ScriptedFaultsTest {
  private static final Map<FaultKind, PolicyClass> CLASS_OF = Map.of(
      FaultKind.BUSY, PolicyClass.TRANSIENT,
      FaultKind.AUTH_REJECTED, PolicyClass.AUTH,
      FaultKind.ACCOUNT_RESTRICTED, PolicyClass.ACCOUNT_RESTRICTED,
      FaultKind.MAINTENANCE, PolicyClass.UNAVAILABLE);

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void scriptedPlacementFaultsComeFirstAndPlaceNothing(Exchange exchange) throws Exception {
    try (ExchangeSimulator simulator = new ExchangeSimulator(SimulatorConfig.defaults()).start()) {
      Http http = new Http();
      ExchangeClient client = new ExchangeClient(exchange, simulator.baseUrl(exchange), http);
      simulator.scriptPlacements(exchange, FaultKind.BUSY, FaultKind.AUTH_REJECTED, FaultKind.ACCOUNT_RESTRICTED);
      ResponseDecoder decoder = ResponseDecoder.of(exchange, ErrorCatalog.builtIn());

      for (FaultKind kind : new FaultKind[] {FaultKind.BUSY, FaultKind.AUTH_REJECTED, FaultKind.ACCOUNT_RESTRICTED}) {
        DecodedResponse decoded = decode(decoder, client.place("scripted" + kind.ordinal()));
        assertThat(decoded.policyClass()).as(exchange + " " + kind).isEqualTo(CLASS_OF.get(kind));
      }
      assertThat(decode(decoder, client.place("afterscript")).policyClass()).isEqualTo(PolicyClass.SUCCESS);

      assertThat(simulator.orderCount(exchange)).isEqualTo(1);
      assertThat(simulator.faults(exchange)).extracting(InjectedFault::kind)
          .containsExactly(FaultKind.BUSY, FaultKind.AUTH_REJECTED, FaultKind.ACCOUNT_RESTRICTED);
    }
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void maintenanceAnswersAReadAsUnavailable(Exchange exchange) throws Exception {
    try (ExchangeSimulator simulator = new ExchangeSimulator(SimulatorConfig.defaults()).start()) {
      simulator.scriptReads(exchange, FaultKind.MAINTENANCE);
      Http.Answer answer = new ExchangeClient(exchange, simulator.baseUrl(exchange), new Http()).lookUp("any");

      assertThat(answer.status()).isEqualTo(503);
      assertThat(decode(ResponseDecoder.of(exchange, ErrorCatalog.builtIn()), answer).policyClass())
          .isEqualTo(PolicyClass.UNAVAILABLE);
    }
  }

  @ParameterizedTest
  @EnumSource(value = FaultKind.class, names = {"ACCOUNT_RESTRICTED", "TIMEOUT_PLACED", "INSUFFICIENT_MARGIN"})
  void kindsThatSaySomethingAboutAnOrderCannotAnswerAReadOrBeScriptedPerRequest(FaultKind kind) {
    try (ExchangeSimulator simulator = new ExchangeSimulator(SimulatorConfig.defaults()).start()) {
      assertThatThrownBy(() -> simulator.scriptReads(Exchange.OKX, kind))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static DecodedResponse decode(ResponseDecoder decoder, Http.Answer answer) {
    return decoder.decode(ResponseSnapshot.builder()
        .httpStatus(answer.status())
        .headers(HeaderLookup.of(Map.of("Content-Type", answer.contentType())))
        .body(answer.body())
        .build());
  }
}
