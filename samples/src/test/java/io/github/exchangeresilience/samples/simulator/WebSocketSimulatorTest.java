package io.github.exchangeresilience.samples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.signing.Credentials;
import io.github.exchangeresilience.okhttp.signing.CredentialsProvider;
import io.github.exchangeresilience.okhttp.signing.ExchangeSigning;
import io.github.exchangeresilience.okhttp.websocket.ExchangeWebSocketSession;
import io.github.exchangeresilience.okhttp.websocket.WebSocketAnswer;
import io.github.exchangeresilience.samples.demo.ExchangeRequests;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each exchange's WebSocket order API on the simulator, on the same order store and rate windows as its REST API. */
class WebSocketSimulatorTest {
  private static ExchangeWebSocketSession session(ExchangeSimulator simulator, Exchange exchange) {
    return session(simulator, exchange, Duration.ofSeconds(2));
  }

  /** A session whose calls give up quickly: one lookup, two attempts, instant backoffs. */
  private static ExchangeWebSocketSession session(ExchangeSimulator simulator, Exchange exchange,
      Duration requestTimeout) {
    ExchangeSigning signing = ExchangeSigning.builder(exchange,
        CredentialsProvider.of(Credentials.of("sim-key", "sim-secret", "sim-passphrase"))).lookups(1).build();
    ExchangeResilienceInterceptor interceptor = signing.configure(ExchangeResilienceInterceptor.builder(exchange))
        .maxAttempts(2).sleeper(wait -> {}).build();
    return ExchangeWebSocketSession.builder(interceptor, exchange)
        .url(simulator.webSocketUrl(exchange))
        .restBaseUrl(simulator.url(exchange))
        .signer(signing.webSocketSigner())
        .requestTimeout(requestTimeout)
        .build();
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void anOrderPlacedOverTheSocketIsInTheBookTheRestLookupReads(Exchange exchange) throws Exception {
    try (ExchangeSimulator simulator = new ExchangeSimulator(SimulatorConfig.defaults()).start();
        ExchangeWebSocketSession session = session(simulator, exchange)) {
      WebSocketAnswer answer = session.placeOrder(ExchangeRequests.webSocketOrder(exchange, "3"))
          .get(10, TimeUnit.SECONDS);

      String clientOrderId = answer.clientOrderId().orElseThrow();
      assertThat(answer.succeeded()).as(answer.frame()).isTrue();
      assertThat(answer.frame()).contains(clientOrderId);
      assertThat(simulator.order(exchange, clientOrderId)).hasValueSatisfying(order ->
          assertThat(order.quantity()).isEqualTo("3"));
      Http.Answer lookup = new Http().get(
          ExchangeRequests.lookUpOrder(exchange, simulator.url(exchange), clientOrderId).url().toString());
      assertThat(lookup.body()).contains(clientOrderId);
      assertThat(simulator.webSocketOrderFrames(exchange)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Exchange.class, names = {"OKX", "BYBIT"})
  void socketAndRestPlacementsDrawOnOneRateWindow(Exchange exchange) throws Exception {
    RateLimitRule rule = exchange == Exchange.OKX ? RateLimitRule.OKX_PLACE_ORDER : RateLimitRule.BYBIT_CREATE_ORDER;
    try (ExchangeSimulator simulator = new ExchangeSimulator(SimulatorConfig.builder()
        .clock(ManualClock.atMinuteStart()).rateLimit(rule, 1).build()).start();
        ExchangeWebSocketSession session = session(simulator, exchange)) {
      assertThat(session.placeOrder(ExchangeRequests.webSocketOrder(exchange, "1")).get(10, TimeUnit.SECONDS)
          .succeeded()).isTrue();

      Http.Answer rest = new Http().call(ExchangeRequests.placeOrder(exchange, simulator.url(exchange), "rest1"));

      assertThat(rest.body()).contains(exchange == Exchange.OKX ? "50011" : "10006");
      assertThat(simulator.order(exchange, "rest1")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(value = WebSocketFault.class, names = {"DROP_PLACED", "DROP_NOT_PLACED", "SERVER_CLOSE", "LATE_ANSWER"})
  void aFaultOnTheSocketIsLoggedWithWhetherTheOrderIsInTheBook(WebSocketFault kind) throws Exception {
    try (ExchangeSimulator simulator = new ExchangeSimulator(SimulatorConfig.builder()
        .slowResponseDelay(Duration.ofMillis(200)).webSocketFault(kind, 1.0).build()).start();
        ExchangeWebSocketSession session = session(simulator, Exchange.OKX, Duration.ofMillis(100))) {
      Map<String, Object> order = ExchangeRequests.webSocketOrder(Exchange.OKX, "1");
      order.put("clOrdId", "fault1");

      session.placeOrder(order).handle((answer, failure) -> null).get(30, TimeUnit.SECONDS);

      InjectedWebSocketFault fault = simulator.webSocketFaults(Exchange.OKX).get(0);
      assertThat(fault.kind()).isEqualTo(kind);
      assertThat(fault.clientOrderId()).isEqualTo("fault1");
      assertThat(fault.placed()).isEqualTo(kind.placesOrder());
      assertThat(simulator.order(Exchange.OKX, "fault1").isPresent()).isEqualTo(kind.placesOrder());
    }
  }
}
