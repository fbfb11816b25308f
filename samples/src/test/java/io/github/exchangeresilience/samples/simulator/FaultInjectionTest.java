package io.github.exchangeresilience.samples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FaultInjectionTest {
  private static final int REQUESTS = 600;
  private static final double RATE = 0.05;

  private final ManualClock clock = ManualClock.atMinuteStart();
  private final Http http = new Http();

  /** Budgets no test here reaches, so that only faults shape the answers. */
  private SimulatorConfig.Builder unlimited() {
    SimulatorConfig.Builder builder = SimulatorConfig.builder().clock(clock);
    for (RateLimitRule rule : RateLimitRule.values()) {
      builder.rateLimit(rule, 1_000_000);
    }
    return builder;
  }

  /** Every kind the exchange has except the slow answer, which would make the run wait. */
  private SimulatorConfig.Builder allFaults(Exchange exchange, double rate) {
    SimulatorConfig.Builder builder = unlimited();
    for (FaultKind kind : FaultKind.values()) {
      if (kind != FaultKind.SLOW_RESPONSE && kind.supportedBy(exchange)) {
        builder.fault(exchange, kind, rate);
      }
    }
    return builder;
  }

  /** The status and code each coded fault answers with, per exchange. */
  private static String expectedAnswer(Exchange exchange, FaultKind kind) {
    int index = exchange.ordinal();
    switch (kind) {
      case TIMEOUT_PLACED:
      case TIMEOUT_NOT_PLACED:
        return new String[] {"408 -1007", "400 50004", "200 10000", "400 25001"}[index];
      case CLOCK_SKEW:
        return new String[] {"400 -1021", "401 50102", "200 10002", "400 40008"}[index];
      case INSUFFICIENT_MARGIN:
        return new String[] {"400 -2019", "200 51008", "200 110007", "400 25203"}[index];
      case BINANCE_UNKNOWN_ERROR:
      case BINANCE_SERVICE_UNAVAILABLE:
        return "503 -1000";
      case BINANCE_INTERNAL_ERROR:
        return "503 -1001";
      case HTML_502_PLACED:
      case HTML_502_NOT_PLACED:
        return "502 html";
      case CONNECTION_RESET:
        return "I/O failure";
      case BUSY:
        return new String[] {"503 -1008", "429 50013", "200 110079", "400 25003"}[index];
      case AUTH_REJECTED:
        // Bybit answers its error codes inside HTTP 200.
        return new String[] {"401 -2015", "401 50111", "200 10003", "400 40006"}[index];
      case ACCOUNT_RESTRICTED:
        return new String[] {"400 -2023", "200 50007", "200 10027", "400 25008"}[index];
      case MAINTENANCE:
        return new String[] {"503 -1016", "503 50001", "503 html", "503 html"}[index];
      default:
        throw new IllegalArgumentException(kind.name());
    }
  }

  private static String observed(ExchangeClient client, Object answer) {
    if (answer instanceof IOException) {
      return "I/O failure";
    }
    Http.Answer http = (Http.Answer) answer;
    return http.status() + " " + client.code(http);
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void eachFaultAppearsAtRoughlyItsRateAnswersAsDocumentedAndSaysWhetherItPlaced(Exchange exchange) throws IOException {
    try (ExchangeSimulator simulator = new ExchangeSimulator(allFaults(exchange, RATE).seed(7).build()).start()) {
      ExchangeClient client = new ExchangeClient(exchange, simulator.baseUrl(exchange), http);
      Map<String, String> answers = new HashMap<>();
      for (int i = 0; i < REQUESTS; i++) {
        String clientOrderId = "rate" + i;
        answers.put(clientOrderId, observed(client, client.attemptPlace(clientOrderId)));
      }

      List<InjectedFault> faults = simulator.faults(exchange);
      for (FaultKind kind : FaultKind.values()) {
        if (kind == FaultKind.SLOW_RESPONSE || !kind.supportedBy(exchange)) {
          continue;
        }
        long count = faults.stream().filter(f -> f.kind() == kind).count();
        // A per-item kind is drawn only for requests that no request-level fault struck.
        long eligible = kind.perItem()
            ? REQUESTS - faults.stream().filter(f -> !f.kind().perItem()).count()
            : REQUESTS;
        assertThat(count).as("%s on %s", kind, exchange).isBetween((long) (eligible * RATE * 0.5),
            (long) (eligible * RATE * 1.6));
      }
      for (InjectedFault fault : faults) {
        String clientOrderId = fault.clientOrderIds().get(0);
        assertThat(fault.placed()).as("%s", fault).isEqualTo(fault.kind().placesOrder());
        assertThat(simulator.order(exchange, clientOrderId).isPresent()).as("%s", fault).isEqualTo(fault.placed());
        assertThat(answers.get(clientOrderId)).as("%s", fault).isEqualTo(expectedAnswer(exchange, fault.kind()));
      }
      // Every request without a fault placed its order and said so.
      long clean = answers.keySet().stream().filter(id -> faults.stream().noneMatch(f -> f.clientOrderIds().contains(id)))
          .peek(id -> assertThat(answers.get(id)).as(id).isEqualTo("200 null"))
          .count();
      long placedFaults = faults.stream().filter(InjectedFault::placed).count();
      assertThat(simulator.orderCount(exchange)).isEqualTo(clean + placedFaults);
      assertThat(simulator.stats(exchange).faultsInjected()).isEqualTo(faults.size());
      assertThat(simulator.stats(exchange).duplicateAttempts()).isZero();
    }
  }

  static Stream<Arguments> singleFaults() {
    List<Arguments> cases = new ArrayList<>();
    for (Exchange exchange : Exchange.values()) {
      for (FaultKind kind : FaultKind.values()) {
        if (kind != FaultKind.SLOW_RESPONSE && kind.supportedBy(exchange)) {
          cases.add(Arguments.of(exchange, kind));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("singleFaults")
  void aPlacedFaultLeavesTheOrderForTheLookupAndAnUnplacedOneDoesNot(Exchange exchange, FaultKind kind)
      throws IOException {
    try (ExchangeSimulator simulator = new ExchangeSimulator(unlimited().fault(exchange, kind, 1.0).build()).start()) {
      ExchangeClient client = new ExchangeClient(exchange, simulator.baseUrl(exchange), http);
      assertThat(observed(client, client.attemptPlace("one"))).isEqualTo(expectedAnswer(exchange, kind));
      assertThat(client.found("one")).isEqualTo(kind.placesOrder());
      assertThat(simulator.faults()).singleElement().satisfies(fault -> {
        assertThat(fault.kind()).isEqualTo(kind);
        assertThat(fault.exchange()).isEqualTo(exchange);
        assertThat(fault.placed()).isEqualTo(kind.placesOrder());
        assertThat(fault.clientOrderIds()).containsExactly("one");
      });
    }
  }

  @Test
  void htmlBadGatewayIsAPageWithoutRateHeaders() throws IOException {
    try (ExchangeSimulator simulator = new ExchangeSimulator(unlimited().fault(FaultKind.HTML_502_NOT_PLACED, 1.0)
        .build()).start()) {
      Http.Answer answer = new ExchangeClient(Exchange.BINANCE_USDM, simulator.baseUrl(Exchange.BINANCE_USDM), http)
          .place("x");
      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.contentType()).startsWith("text/html");
      assertThat(answer.body()).contains("<title>502 Bad Gateway</title>").contains("cloudflare");
      assertThat(answer.header("X-MBX-USED-WEIGHT-1M")).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aSlowAnswerOutlastsTheClientTimeoutAndTheOrderIsPlaced(Exchange exchange) throws IOException {
    SimulatorConfig config = unlimited().fault(exchange, FaultKind.SLOW_RESPONSE, 1.0)
        .slowResponseDelay(Duration.ofMillis(400)).build();
    try (ExchangeSimulator simulator = new ExchangeSimulator(config).start()) {
      Http impatient = new Http(Duration.ofMillis(100));
      Object answer = new ExchangeClient(exchange, simulator.baseUrl(exchange), impatient).attemptPlace("slow");
      assertThat(answer).isInstanceOf(InterruptedIOException.class);
      assertThat(new ExchangeClient(exchange, simulator.baseUrl(exchange), http).found("slow")).isTrue();
      assertThat(simulator.faults()).singleElement().extracting(InjectedFault::placed).isEqualTo(true);
    }
  }

  @Test
  void aSlowAnswerArrivesForAPatientClient() throws IOException {
    SimulatorConfig config = unlimited().fault(FaultKind.SLOW_RESPONSE, 1.0).slowResponseDelay(Duration.ofMillis(200))
        .build();
    try (ExchangeSimulator simulator = new ExchangeSimulator(config).start()) {
      long start = System.nanoTime();
      Http.Answer answer = new ExchangeClient(Exchange.OKX, simulator.baseUrl(Exchange.OKX), http).place("late");
      assertThat(answer.text("code")).isEqualTo("0");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  /** Places on every exchange in turn and records what each answer looked like. */
  private List<String> script(long seed) {
    SimulatorConfig.Builder builder = unlimited().seed(seed);
    for (Exchange exchange : Exchange.values()) {
      for (FaultKind kind : FaultKind.values()) {
        if (kind != FaultKind.SLOW_RESPONSE && kind.supportedBy(exchange)) {
          builder.fault(exchange, kind, 0.06);
        }
      }
    }
    List<String> outcomes = new ArrayList<>();
    try (ExchangeSimulator simulator = new ExchangeSimulator(builder.build()).start()) {
      for (Exchange exchange : Exchange.values()) {
        ExchangeClient client = new ExchangeClient(exchange, simulator.baseUrl(exchange), http);
        for (int i = 0; i < 60; i++) {
          Object answer = client.attemptPlace("s" + i);
          outcomes.add(answer instanceof IOException ? "I/O failure" : ((Http.Answer) answer).status() + " "
              + ((Http.Answer) answer).body());
        }
      }
      simulator.faults().forEach(fault -> outcomes.add(fault.toString()));
    }
    return outcomes;
  }

  @Test
  void theSameSeedGivesTheSameAnswersAndFaults() {
    List<String> first = script(11);
    assertThat(script(11)).isEqualTo(first);
    assertThat(script(12)).isNotEqualTo(first);
  }

  @Test
  void readsTakeFaultsOnlyWhenAskedTo() throws IOException {
    SimulatorConfig.Builder config = unlimited().seed(3).fault(FaultKind.HTML_502_NOT_PLACED, 0.3);
    try (ExchangeSimulator simulator = new ExchangeSimulator(config.build()).start()) {
      ExchangeClient client = new ExchangeClient(Exchange.OKX, simulator.baseUrl(Exchange.OKX), http);
      for (int i = 0; i < 50; i++) {
        assertThat(client.lookUp("none").status()).isEqualTo(200);
      }
      assertThat(simulator.faults()).isEmpty();
    }
    try (ExchangeSimulator simulator = new ExchangeSimulator(config.faultsOnReads(true).build()).start()) {
      ExchangeClient client = new ExchangeClient(Exchange.OKX, simulator.baseUrl(Exchange.OKX), http);
      int badGateways = 0;
      for (int i = 0; i < 200; i++) {
        badGateways += client.lookUp("none").status() == 502 ? 1 : 0;
      }
      assertThat(badGateways).isBetween(40, 80);
      assertThat(simulator.faults()).hasSize(badGateways)
          .allSatisfy(fault -> assertThat(fault.placed()).isFalse())
          .allSatisfy(fault -> assertThat(fault.clientOrderIds()).isEmpty());
    }
  }

  @Test
  void perItemRejectionsMixWithinABatch() throws IOException {
    SimulatorConfig config = unlimited().seed(5).fault(Exchange.BYBIT, FaultKind.INSUFFICIENT_MARGIN, 0.5).build();
    try (ExchangeSimulator simulator = new ExchangeSimulator(config).start()) {
      StringBuilder request = new StringBuilder("{\"category\":\"linear\",\"request\":[");
      for (int i = 0; i < 20; i++) {
        request.append(i == 0 ? "" : ",").append("{\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Market\","
            + "\"qty\":\"1\",\"orderLinkId\":\"m").append(i).append("\"}");
      }
      Http.Answer answer = http.postJson(simulator.baseUrl(Exchange.BYBIT) + "/v5/order/create-batch",
          request.append("]}").toString());
      List<Object> codes = answer.list("retExtInfo", "list");
      long rejected = codes.stream().filter(item -> "110007".equals(Json.text(Json.object(item), "code"))).count();
      assertThat(rejected).isBetween(3L, 17L);
      assertThat(simulator.orderCount(Exchange.BYBIT)).isEqualTo(20 - rejected);
      assertThat(simulator.faults()).hasSize((int) rejected);
    }
  }

  @Test
  void configRefusesImpossibleFaultSettings() {
    assertThatThrownBy(() -> SimulatorConfig.builder().fault(Exchange.OKX, FaultKind.BINANCE_UNKNOWN_ERROR, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorConfig.builder().fault(FaultKind.TIMEOUT_PLACED, 0.6)
        .fault(FaultKind.CLOCK_SKEW, 0.6).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorConfig.builder().fault(FaultKind.CLOCK_SKEW, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    // A per-item rate does not share the request-level total.
    SimulatorConfig.builder().fault(FaultKind.TIMEOUT_PLACED, 1.0).fault(FaultKind.INSUFFICIENT_MARGIN, 1.0).build();
  }
}
