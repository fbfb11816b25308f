package io.github.exchangeresilience.samples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BitgetSimulatorTest {
  private final ManualClock clock = ManualClock.atMinuteStart();
  private final Http http = new Http();
  private ExchangeSimulator simulator;
  private String base;

  private void start(SimulatorConfig.Builder config) {
    simulator = new ExchangeSimulator(config.clock(clock).build()).start();
    base = simulator.baseUrl(Exchange.BITGET);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private Http.Answer place(String clientOid) throws IOException {
    return http.postJson(base + "/api/v2/mix/order/place-order", "{\"symbol\":\"BTCUSDT\",\"productType\":"
        + "\"USDT-FUTURES\",\"marginMode\":\"crossed\",\"marginCoin\":\"USDT\",\"side\":\"buy\",\"orderType\":\"limit\","
        + "\"size\":\"0.01\",\"price\":\"50000\",\"clientOid\":\"" + clientOid + "\"}");
  }

  @Test
  void placesAnOrderAndLooksItUpByClientOid() throws IOException {
    start(SimulatorConfig.builder());
    Http.Answer placed = place("oid-1");

    assertThat(placed.status()).isEqualTo(200);
    assertThat(placed.text("code")).isEqualTo("00000");
    assertThat(placed.text("msg")).isEqualTo("success");
    assertThat(placed.text("requestTime")).isEqualTo(String.valueOf(clock.millis()));
    assertThat(placed.text("data", "clientOid")).isEqualTo("oid-1");
    assertThat(placed.text("data", "orderId")).hasSize(19);

    Http.Answer found = http.get(base + "/api/v2/mix/order/detail?symbol=BTCUSDT&productType=USDT-FUTURES&clientOid=oid-1");
    assertThat(found.text("code")).isEqualTo("00000");
    assertThat(found.text("data", "orderId")).isEqualTo(placed.text("data", "orderId"));
    assertThat(found.text("data", "state")).isEqualTo("live");

    Http.Answer missing = http.get(base + "/api/v2/mix/order/detail?symbol=BTCUSDT&productType=USDT-FUTURES&clientOid=x");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("code")).isEqualTo("25204");
    assertThat(missing.text("msg")).isEqualTo("Order does not exist");
  }

  @Test
  void duplicateClientOidIs25212AtHttp400() throws IOException {
    start(SimulatorConfig.builder());
    place("dup");
    Http.Answer duplicate = place("dup");
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.text("code")).isEqualTo("25212");
    assertThat(duplicate.text("msg")).isEqualTo("Duplicate clientOid");
    assertThat(duplicate.body()).contains("\"data\":null");
    assertThat(simulator.duplicateAttempts(Exchange.BITGET)).isEqualTo(1);
  }

  @Test
  void batchSplitsSuccessesAndFailures() throws IOException {
    start(SimulatorConfig.builder());
    place("a");
    Http.Answer batch = http.postJson(base + "/api/v2/mix/order/batch-place-order", "{\"symbol\":\"BTCUSDT\","
        + "\"productType\":\"USDT-FUTURES\",\"marginCoin\":\"USDT\",\"orderList\":["
        + "{\"side\":\"buy\",\"orderType\":\"limit\",\"size\":\"1\",\"price\":\"1\",\"clientOid\":\"b\"},"
        + "{\"side\":\"buy\",\"orderType\":\"limit\",\"size\":\"1\",\"price\":\"1\",\"clientOid\":\"a\"}]}");
    assertThat(batch.text("code")).isEqualTo("00000");
    assertThat(batch.text("data", "successList", 0, "clientOid")).isEqualTo("b");
    assertThat(batch.text("data", "failureList", 0, "clientOid")).isEqualTo("a");
    assertThat(batch.text("data", "failureList", 0, "errorCode")).isEqualTo("25212");
  }

  @Test
  void serverTime() throws IOException {
    start(SimulatorConfig.builder());
    Http.Answer time = http.get(base + "/api/v2/public/time");
    assertThat(time.text("code")).isEqualTo("00000");
    assertThat(time.text("data", "serverTime")).isEqualTo(String.valueOf(clock.millis()));
  }

  @Test
  void rateLimitAnswers429() throws IOException {
    start(SimulatorConfig.builder().rateLimit(RateLimitRule.BITGET_PLACE_ORDER, 1));
    place("a");
    Http.Answer refused = place("b");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.text("code")).isEqualTo("429");
    assertThat(refused.text("msg")).isEqualTo("Too Many Requests");
    clock.advance(Duration.ofSeconds(1));
    assertThat(place("b").status()).isEqualTo(200);
    assertThat(simulator.stats(Exchange.BITGET).rateLimitRefusals()).isEqualTo(1);
  }
}
