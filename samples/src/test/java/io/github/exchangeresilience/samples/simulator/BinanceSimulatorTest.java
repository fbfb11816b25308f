package io.github.exchangeresilience.samples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BinanceSimulatorTest {
  private final ManualClock clock = ManualClock.atMinuteStart();
  private final Http http = new Http();
  private ExchangeSimulator simulator;
  private String base;

  private void start(SimulatorConfig.Builder config) {
    simulator = new ExchangeSimulator(config.clock(clock).build()).start();
    base = simulator.baseUrl(Exchange.BINANCE_USDM);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private Http.Answer place(String clientOrderId) throws IOException {
    return http.postQuery(base + "/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.010&price=50000.0"
        + "&timeInForce=GTC&newClientOrderId=" + clientOrderId + "&timestamp=" + clock.millis() + "&signature=abc");
  }

  @Test
  void placesAnOrderAndLooksItUpByClientOrderId() throws IOException {
    start(SimulatorConfig.builder());
    Http.Answer placed = place("bot-1");

    assertThat(placed.status()).isEqualTo(200);
    assertThat(placed.contentType()).startsWith("application/json");
    assertThat(placed.at("orderId")).isInstanceOf(String.class); // a JSON number, kept as its text
    assertThat(placed.body()).contains("\"orderId\":4000000001,");
    assertThat(placed.text("symbol")).isEqualTo("BTCUSDT");
    assertThat(placed.text("status")).isEqualTo("NEW");
    assertThat(placed.text("clientOrderId")).isEqualTo("bot-1");
    assertThat(placed.text("price")).isEqualTo("50000.0");
    assertThat(placed.text("origQty")).isEqualTo("0.010");
    assertThat(placed.text("side")).isEqualTo("BUY");
    assertThat(placed.text("type")).isEqualTo("LIMIT");
    assertThat(placed.text("updateTime")).isEqualTo(String.valueOf(clock.millis()));
    assertThat(placed.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("1");
    assertThat(placed.header("X-MBX-ORDER-COUNT-10S")).isEqualTo("1");
    assertThat(placed.header("X-MBX-ORDER-COUNT-1M")).isEqualTo("1");

    Http.Answer found = http.get(base + "/fapi/v1/order?symbol=BTCUSDT&origClientOrderId=bot-1");
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.text("orderId")).isEqualTo(placed.text("orderId"));
    assertThat(found.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("2");
    assertThat(found.header("X-MBX-ORDER-COUNT-10S")).isNull();

    Http.Answer missing = http.get(base + "/fapi/v1/order?symbol=BTCUSDT&origClientOrderId=nope");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).isEqualTo("{\"code\":-2013,\"msg\":\"Order does not exist.\"}");

    assertThat(simulator.orders(Exchange.BINANCE_USDM)).extracting(SimulatedOrder::clientOrderId).containsExactly("bot-1");
  }

  @Test
  void acceptsFormParametersAndAssignsAClientOrderIdWhenNoneIsSent() throws IOException {
    start(SimulatorConfig.builder());
    Http.Answer placed = http.postForm(base + "/fapi/v1/order", Map.of("symbol", "ETHUSDT", "side", "SELL",
        "type", "MARKET", "quantity", "1", "timestamp", "1", "signature", "x"));

    assertThat(placed.status()).isEqualTo(200);
    assertThat(placed.text("clientOrderId")).isNotEmpty();
    assertThat(placed.text("status")).isEqualTo("FILLED");
    assertThat(simulator.order(Exchange.BINANCE_USDM, placed.text("clientOrderId"))).isPresent();
  }

  @Test
  void refusesMissingParametersAndDuplicateClientOrderIds() throws IOException {
    start(SimulatorConfig.builder());
    Http.Answer missing = http.postQuery(base + "/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=LIMIT&price=1");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("code")).isEqualTo("-1102");
    assertThat(missing.text("msg")).contains("'quantity'");

    assertThat(place("dup").status()).isEqualTo(200);
    Http.Answer duplicate = place("dup");
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.body()).isEqualTo("{\"code\":-4116,\"msg\":\"ClientOrderId is duplicated.\"}");
    assertThat(simulator.orderCount(Exchange.BINANCE_USDM)).isEqualTo(1);
    assertThat(simulator.duplicateAttempts(Exchange.BINANCE_USDM)).isEqualTo(1);
  }

  @Test
  void batchAnswersAnArrayMixingOrdersAndErrors() throws IOException {
    start(SimulatorConfig.builder());
    place("a");
    String batch = "[{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\",\"price\":\"10\","
        + "\"newClientOrderId\":\"b\"},"
        + "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\",\"price\":\"10\","
        + "\"newClientOrderId\":\"a\"},"
        + "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"10\",\"newClientOrderId\":\"c\"}]";
    Http.Answer answer = http.postForm(base + "/fapi/v1/batchOrders", Map.of("batchOrders", batch, "timestamp", "1"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.list()).hasSize(3);
    assertThat(answer.text(0, "clientOrderId")).isEqualTo("b");
    assertThat(answer.text(1, "code")).isEqualTo("-4116");
    assertThat(answer.text(2, "code")).isEqualTo("-1102");
    assertThat(answer.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("6"); // 1 for the order, 5 for the batch
    assertThat(answer.header("X-MBX-ORDER-COUNT-10S")).isEqualTo("4");
    assertThat(simulator.orderCount(Exchange.BINANCE_USDM)).isEqualTo(2);
  }

  @Test
  void serverTimeIsTheSimulatorClock() throws IOException {
    start(SimulatorConfig.builder());
    assertThat(http.get(base + "/fapi/v1/time").body()).isEqualTo("{\"serverTime\":" + clock.millis() + "}");
  }

  @Test
  void weightLimitAnswers429ThenEscalatesTo418WithBannedUntil() throws IOException {
    start(SimulatorConfig.builder()
        .rateLimit(RateLimitRule.BINANCE_REQUEST_WEIGHT, 3)
        .binanceRefusalsBeforeBan(2)
        .binanceBanDuration(Duration.ofMinutes(2)));
    clock.advance(Duration.ofSeconds(15));
    for (int i = 0; i < 3; i++) {
      assertThat(http.get(base + "/fapi/v1/time").status()).isEqualTo(200);
    }

    Http.Answer refused = http.get(base + "/fapi/v1/time");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body()).isEqualTo("{\"code\":-1003,\"msg\":\"Too many requests; current limit is 3 requests per "
        + "minute. Please use the websocket for live updates to avoid polling the API.\"}");
    assertThat(refused.header("Retry-After")).isEqualTo("45");
    assertThat(refused.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("3");

    // Two more while refused are tolerated; the third is one too many.
    assertThat(http.get(base + "/fapi/v1/time").status()).isEqualTo(429);
    assertThat(http.get(base + "/fapi/v1/time").status()).isEqualTo(429);
    Http.Answer banned = http.get(base + "/fapi/v1/time");
    long bannedUntil = clock.millis() + 120_000;
    assertThat(banned.status()).isEqualTo(418);
    assertThat(banned.body()).isEqualTo("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until "
        + bannedUntil + ". Please use the websocket for live updates to avoid bans.\"}");
    assertThat(banned.header("Retry-After")).isEqualTo("120");

    // The ban outlives the weight window, and requests during it neither extend nor lift it.
    clock.advance(Duration.ofSeconds(90));
    Http.Answer stillBanned = place("during-ban");
    assertThat(stillBanned.status()).isEqualTo(418);
    assertThat(stillBanned.text("msg")).contains("banned until " + bannedUntil);
    assertThat(stillBanned.header("Retry-After")).isEqualTo("30");
    assertThat(simulator.orderCount(Exchange.BINANCE_USDM)).isZero();

    clock.advance(Duration.ofSeconds(30));
    assertThat(place("after-ban").status()).isEqualTo(200);

    ExchangeStats stats = simulator.stats(Exchange.BINANCE_USDM);
    assertThat(stats.rateLimitRefusals()).isEqualTo(3);
    assertThat(stats.bans()).isEqualTo(1);
    assertThat(stats.bannedRequests()).isEqualTo(2);
  }

  @Test
  void aNewWeightWindowForgetsEarlierRefusals() throws IOException {
    start(SimulatorConfig.builder().rateLimit(RateLimitRule.BINANCE_REQUEST_WEIGHT, 1).binanceRefusalsBeforeBan(1));
    http.get(base + "/fapi/v1/time");
    assertThat(http.get(base + "/fapi/v1/time").status()).isEqualTo(429);
    assertThat(http.get(base + "/fapi/v1/time").status()).isEqualTo(429);
    clock.advance(Duration.ofMinutes(1));
    http.get(base + "/fapi/v1/time");
    assertThat(http.get(base + "/fapi/v1/time").status()).isEqualTo(429);
    assertThat(simulator.stats(Exchange.BINANCE_USDM).bans()).isZero();
  }

  @Test
  void orderCountLimitAnswers1015() throws IOException {
    start(SimulatorConfig.builder().rateLimit(RateLimitRule.BINANCE_ORDERS_10S, 2));
    assertThat(place("o1").status()).isEqualTo(200);
    assertThat(place("o2").status()).isEqualTo(200);
    Http.Answer refused = place("o3");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.text("code")).isEqualTo("-1015");
    assertThat(refused.text("msg")).isEqualTo("Too many new orders; current limit is 2 orders per 10SECOND.");
    assertThat(refused.header("Retry-After")).isEqualTo("10");
    assertThat(refused.header("X-MBX-ORDER-COUNT-10S")).isEqualTo("2");
    clock.advance(Duration.ofSeconds(10));
    assertThat(place("o3").status()).isEqualTo(200);
  }

  @Test
  void unknownPathsAre404() throws IOException {
    start(SimulatorConfig.builder());
    assertThat(http.get(base + "/fapi/v1/nothing").status()).isEqualTo(404);
  }
}
