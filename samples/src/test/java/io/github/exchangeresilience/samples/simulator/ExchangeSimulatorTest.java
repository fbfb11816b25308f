package io.github.exchangeresilience.samples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExchangeSimulatorTest {

  @Test
  void servesEachExchangeOnItsOwnLoopbackPort() throws IOException {
    try (ExchangeSimulator simulator = new ExchangeSimulator(SimulatorConfig.defaults()).start()) {
      for (Exchange exchange : Exchange.values()) {
        assertThat(InetAddress.getByName(simulator.url(exchange).host()).isLoopbackAddress()).isTrue();
        assertThat(simulator.url(exchange).encodedPath()).isEqualTo("/");
        assertThat(simulator.baseUrl(exchange)).doesNotEndWith("/");
      }
      assertThat(Arrays.stream(Exchange.values()).map(e -> simulator.url(e).port()).distinct()).hasSize(4);
      // An exchange's path on another exchange's server is unknown there.
      assertThat(new Http().get(simulator.baseUrl(Exchange.OKX) + "/fapi/v1/time").status()).isEqualTo(404);
    }
  }

  @Test
  void urlsExistOnlyWhileStarted() {
    ExchangeSimulator simulator = new ExchangeSimulator(SimulatorConfig.defaults());
    assertThatThrownBy(() -> simulator.url(Exchange.OKX)).isInstanceOf(IllegalStateException.class);
    simulator.start();
    assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
    simulator.close();
    assertThatThrownBy(() -> simulator.url(Exchange.OKX)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void snapshotsDoNotChangeUnderTheReader() throws IOException {
    try (ExchangeSimulator simulator = new ExchangeSimulator(SimulatorConfig.defaults()).start()) {
      ExchangeClient client = new ExchangeClient(Exchange.BITGET, simulator.baseUrl(Exchange.BITGET), new Http());
      client.place("a");
      var orders = simulator.orders(Exchange.BITGET);
      client.place("b");
      assertThat(orders).hasSize(1);
      assertThatThrownBy(() -> orders.add(orders.get(0))).isInstanceOf(UnsupportedOperationException.class);
      assertThat(simulator.stats(Exchange.BITGET)).isEqualTo(
          new ExchangeStats(Exchange.BITGET, 2, 2, 0, 0, 0, 0, 0));
    }
  }

  @Test
  void configDefaultsAreTheDocumentedBudgetsAndToBuilderKeepsEverything() {
    SimulatorConfig defaults = SimulatorConfig.defaults();
    for (RateLimitRule rule : RateLimitRule.values()) {
      assertThat(defaults.permits(rule)).isEqualTo(rule.defaultPermits());
    }
    assertThat(RateLimitRule.BINANCE_REQUEST_WEIGHT.defaultPermits()).isEqualTo(2400);
    assertThat(RateLimitRule.OKX_PLACE_ORDER.window()).isEqualTo(Duration.ofSeconds(2));
    assertThat(defaults.bybitIpBanDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.okxRateLimitStatus()).isEqualTo(429);

    SimulatorConfig custom = SimulatorConfig.builder().seed(9).fault(Exchange.OKX, FaultKind.CLOCK_SKEW, 0.2)
        .rateLimit(RateLimitRule.BYBIT_IP, 7).binanceRefusalsBeforeBan(1).faultsOnReads(true).build();
    SimulatorConfig copy = custom.toBuilder().build();
    assertThat(copy.seed()).isEqualTo(9);
    assertThat(copy.faultRate(Exchange.OKX, FaultKind.CLOCK_SKEW)).isEqualTo(0.2);
    assertThat(copy.faultRate(Exchange.BYBIT, FaultKind.CLOCK_SKEW)).isZero();
    assertThat(copy.permits(RateLimitRule.BYBIT_IP)).isEqualTo(7);
    assertThat(copy.binanceRefusalsBeforeBan()).isEqualTo(1);
    assertThat(copy.faultsOnReads()).isTrue();
  }
}
