package io.github.exchangeresilience.samples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OkxSimulatorTest {
  private final ManualClock clock = ManualClock.atMinuteStart();
  private final Http http = new Http();
  private ExchangeSimulator simulator;
  private String base;

  private void start(SimulatorConfig.Builder config) {
    simulator = new ExchangeSimulator(config.clock(clock).build()).start();
    base = simulator.baseUrl(Exchange.OKX);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private static String order(String clOrdId) {
    return "{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"clOrdId\":\"" + clOrdId + "\",\"side\":\"buy\","
        + "\"ordType\":\"limit\",\"sz\":\"2\",\"px\":\"50000\"}";
  }

  private Http.Answer place(String clOrdId) throws IOException {
    return http.postJson(base + "/api/v5/trade/order", order(clOrdId));
  }

  @Test
  void placesAnOrderAndLooksItUpByClOrdId() throws IOException {
    start(SimulatorConfig.builder());
    Http.Answer placed = place("bot1");

    assertThat(placed.status()).isEqualTo(200);
    assertThat(placed.text("code")).isEqualTo("0");
    assertThat(placed.text("msg")).isEmpty();
    assertThat(placed.list("data")).hasSize(1);
    assertThat(placed.text("data", 0, "clOrdId")).isEqualTo("bot1");
    assertThat(placed.text("data", 0, "ordId")).hasSize(18);
    assertThat(placed.text("data", 0, "tag")).isEmpty();
    assertThat(placed.text("data", 0, "ts")).isEqualTo(String.valueOf(clock.millis()));
    assertThat(placed.text("data", 0, "sCode")).isEqualTo("0");
    assertThat(placed.text("data", 0, "sMsg")).isEqualTo("Order placed");
    assertThat(placed.text("inTime")).isEqualTo(clock.millis() + "000");
    assertThat(placed.text("outTime")).isNotNull();

    Http.Answer found = http.get(base + "/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=bot1");
    assertThat(found.text("code")).isEqualTo("0");
    assertThat(found.text("data", 0, "ordId")).isEqualTo(placed.text("data", 0, "ordId"));
    assertThat(found.text("data", 0, "state")).isEqualTo("live");

    Http.Answer missing = http.get(base + "/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=nope");
    assertThat(missing.status()).isEqualTo(200);
    assertThat(missing.body()).isEqualTo("{\"code\":\"51603\",\"msg\":\"Order does not exist.\",\"data\":[]}");
  }

  @Test
  void duplicateClOrdIdFailsWithItemCode51016() throws IOException {
    start(SimulatorConfig.builder());
    place("dup");
    Http.Answer duplicate = place("dup");

    assertThat(duplicate.status()).isEqualTo(200);
    assertThat(duplicate.text("code")).isEqualTo("1");
    assertThat(duplicate.text("data", 0, "sCode")).isEqualTo("51016");
    assertThat(duplicate.text("data", 0, "sMsg")).isEqualTo("Duplicated clOrdId");
    assertThat(duplicate.text("data", 0, "ordId")).isEmpty();
    assertThat(simulator.orderCount(Exchange.OKX)).isEqualTo(1);
    assertThat(simulator.duplicateAttempts(Exchange.OKX)).isEqualTo(1);
  }

  @Test
  void batchCodeSaysWhetherAllSomeOrNoneWerePlaced() throws IOException {
    start(SimulatorConfig.builder());
    Http.Answer all = http.postJson(base + "/api/v5/trade/batch-orders", "[" + order("a") + "," + order("b") + "]");
    assertThat(all.text("code")).isEqualTo("0");

    Http.Answer some = http.postJson(base + "/api/v5/trade/batch-orders", "[" + order("c") + "," + order("a") + "]");
    assertThat(some.text("code")).isEqualTo("2");
    assertThat(some.text("data", 0, "sCode")).isEqualTo("0");
    assertThat(some.text("data", 1, "sCode")).isEqualTo("51016");

    Http.Answer none = http.postJson(base + "/api/v5/trade/batch-orders", "[" + order("a") + "," + order("b") + "]");
    assertThat(none.text("code")).isEqualTo("1");
    assertThat(simulator.orderCount(Exchange.OKX)).isEqualTo(3);
  }

  @Test
  void requestLevelErrorsUseTheDocumentedStatus() throws IOException {
    start(SimulatorConfig.builder());
    Http.Answer missing = http.postJson(base + "/api/v5/trade/order", "{\"instId\":\"BTC-USDT-SWAP\",\"side\":\"buy\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).isEqualTo("{\"code\":\"50014\",\"msg\":\"Parameter ordType can not be empty.\",\"data\":[]}");

    Http.Answer malformed = http.postJson(base + "/api/v5/trade/order", "{not json");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.text("code")).isEqualTo("50002");
  }

  @Test
  void serverTime() throws IOException {
    start(SimulatorConfig.builder());
    assertThat(http.get(base + "/api/v5/public/time").body())
        .isEqualTo("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"ts\":\"" + clock.millis() + "\"}]}");
  }

  @Test
  void orderPlacementLimitAnswers50011At429UntilTheWindowEnds() throws IOException {
    start(SimulatorConfig.builder().rateLimit(RateLimitRule.OKX_PLACE_ORDER, 2));
    assertThat(place("r1").text("code")).isEqualTo("0");
    assertThat(place("r2").text("code")).isEqualTo("0");
    Http.Answer refused = place("r3");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body()).isEqualTo("{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}");
    // Other endpoints have their own budgets.
    assertThat(http.get(base + "/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=r1").text("code")).isEqualTo("0");

    clock.advance(Duration.ofSeconds(2));
    assertThat(place("r3").text("code")).isEqualTo("0");
    assertThat(simulator.stats(Exchange.OKX).rateLimitRefusals()).isEqualTo(1);
  }

  @Test
  void rateLimitStatusCanBe200() throws IOException {
    start(SimulatorConfig.builder().rateLimit(RateLimitRule.OKX_PUBLIC_TIME, 1).okxRateLimitStatus(200));
    http.get(base + "/api/v5/public/time");
    Http.Answer refused = http.get(base + "/api/v5/public/time");
    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.text("code")).isEqualTo("50011");
  }

  @Test
  void batchLimitCountsOrders() throws IOException {
    start(SimulatorConfig.builder().rateLimit(RateLimitRule.OKX_BATCH_ORDERS, 3));
    assertThat(http.postJson(base + "/api/v5/trade/batch-orders", "[" + order("a") + "," + order("b") + "]")
        .text("code")).isEqualTo("0");
    assertThat(http.postJson(base + "/api/v5/trade/batch-orders", "[" + order("c") + "," + order("d") + "]")
        .text("code")).isEqualTo("50011");
  }
}
