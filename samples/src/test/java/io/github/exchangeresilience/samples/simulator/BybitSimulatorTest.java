package io.github.exchangeresilience.samples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BybitSimulatorTest {
  private final ManualClock clock = ManualClock.atMinuteStart();
  private final Http http = new Http();
  private ExchangeSimulator simulator;
  private String base;

  private void start(SimulatorConfig.Builder config) {
    simulator = new ExchangeSimulator(config.clock(clock).build()).start();
    base = simulator.baseUrl(Exchange.BYBIT);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private static String order(String linkId, String type) {
    return "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"" + type + "\","
        + "\"qty\":\"0.01\",\"price\":\"50000\",\"orderLinkId\":\"" + linkId + "\"}";
  }

  private Http.Answer place(String linkId) throws IOException {
    return http.postJson(base + "/v5/order/create", order(linkId, "Limit"));
  }

  @Test
  void createsAnOrderWithRateHeadersAndFindsItInRealtime() throws IOException {
    start(SimulatorConfig.builder());
    clock.advance(Duration.ofMillis(300));
    Http.Answer placed = place("link-1");

    assertThat(placed.status()).isEqualTo(200);
    assertThat(placed.text("retCode")).isEqualTo("0");
    assertThat(placed.text("retMsg")).isEqualTo("OK");
    assertThat(placed.text("result", "orderLinkId")).isEqualTo("link-1");
    assertThat(placed.text("result", "orderId")).matches("[0-9a-f-]{36}");
    assertThat(placed.body()).contains("\"retExtInfo\":{}");
    assertThat(placed.text("time")).isEqualTo(String.valueOf(clock.millis()));
    assertThat(placed.header("X-Bapi-Limit")).isEqualTo("10");
    assertThat(placed.header("X-Bapi-Limit-Status")).isEqualTo("9");
    assertThat(placed.header("X-Bapi-Limit-Reset-Timestamp")).isEqualTo(String.valueOf(clock.millis() + 700));

    Http.Answer found = http.get(base + "/v5/order/realtime?category=linear&orderLinkId=link-1");
    assertThat(found.list("result", "list")).hasSize(1);
    assertThat(found.text("result", "list", 0, "orderId")).isEqualTo(placed.text("result", "orderId"));
    assertThat(found.text("result", "list", 0, "orderStatus")).isEqualTo("New");
    assertThat(found.header("X-Bapi-Limit")).isEqualTo("50");

    Http.Answer missing = http.get(base + "/v5/order/realtime?category=linear&orderLinkId=nope");
    assertThat(missing.text("retCode")).isEqualTo("0");
    assertThat(missing.list("result", "list")).isEmpty();
  }

  @Test
  void filledOrdersAreInHistoryNotInRealtime() throws IOException {
    start(SimulatorConfig.builder());
    http.postJson(base + "/v5/order/create", order("mkt", "Market"));

    assertThat(http.get(base + "/v5/order/realtime?category=linear&orderLinkId=mkt").list("result", "list")).isEmpty();
    assertThat(http.get(base + "/v5/order/realtime?category=linear&orderLinkId=mkt&openOnly=1")
        .list("result", "list")).hasSize(1);
    Http.Answer history = http.get(base + "/v5/order/history?category=linear&orderLinkId=mkt");
    assertThat(history.text("result", "list", 0, "orderStatus")).isEqualTo("Filled");
  }

  @Test
  void duplicateOrderLinkIdIs110072() throws IOException {
    start(SimulatorConfig.builder());
    place("dup");
    Http.Answer duplicate = place("dup");
    assertThat(duplicate.status()).isEqualTo(200);
    assertThat(duplicate.text("retCode")).isEqualTo("110072");
    assertThat(duplicate.text("retMsg")).isEqualTo("OrderLinkedID is duplicate");
    assertThat(simulator.duplicateAttempts(Exchange.BYBIT)).isEqualTo(1);
    assertThat(simulator.orderCount(Exchange.BYBIT)).isEqualTo(1);
  }

  @Test
  void batchReportsEachItemAtTheSameIndex() throws IOException {
    start(SimulatorConfig.builder());
    place("a");
    Http.Answer batch = http.postJson(base + "/v5/order/create-batch", "{\"category\":\"linear\",\"request\":["
        + order("b", "Limit") + "," + order("a", "Limit") + "]}");

    assertThat(batch.text("retCode")).isEqualTo("0");
    assertThat(batch.text("result", "list", 0, "orderLinkId")).isEqualTo("b");
    assertThat(batch.text("result", "list", 0, "orderId")).isNotEmpty();
    assertThat(batch.text("result", "list", 1, "orderId")).isEmpty();
    assertThat(batch.text("retExtInfo", "list", 0, "code")).isEqualTo("0");
    assertThat(batch.text("retExtInfo", "list", 1, "code")).isEqualTo("110072");
    assertThat(batch.text("retExtInfo", "list", 1, "msg")).isEqualTo("OrderLinkedID is duplicate");
  }

  @Test
  void serverTime() throws IOException {
    start(SimulatorConfig.builder());
    Http.Answer time = http.get(base + "/v5/market/time");
    assertThat(time.text("result", "timeSecond")).isEqualTo(String.valueOf(clock.millis() / 1000));
    assertThat(time.text("time")).isEqualTo(String.valueOf(clock.millis()));
    assertThat(time.header("X-Bapi-Limit")).isEqualTo("600");
  }

  @Test
  void uidLimitAnswers10006WithHeadersTellingWhenItResets() throws IOException {
    start(SimulatorConfig.builder().rateLimit(RateLimitRule.BYBIT_CREATE_ORDER, 2));
    place("u1");
    place("u2");
    Http.Answer refused = place("u3");
    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.text("retCode")).isEqualTo("10006");
    assertThat(refused.text("retMsg")).isEqualTo("Too many visits!");
    assertThat(refused.header("X-Bapi-Limit")).isEqualTo("2");
    assertThat(refused.header("X-Bapi-Limit-Status")).isEqualTo("0");
    assertThat(refused.header("X-Bapi-Limit-Reset-Timestamp")).isEqualTo(String.valueOf(clock.millis() + 1000));

    clock.advance(Duration.ofSeconds(1));
    assertThat(place("u3").text("retCode")).isEqualTo("0");
    assertThat(simulator.stats(Exchange.BYBIT).rateLimitRefusals()).isEqualTo(1);
  }

  @Test
  void ipLimitAnswers403HtmlAndBansForTenMinutes() throws IOException {
    start(SimulatorConfig.builder().rateLimit(RateLimitRule.BYBIT_IP, 3));
    for (int i = 0; i < 3; i++) {
      assertThat(http.get(base + "/v5/market/time").status()).isEqualTo(200);
    }
    Http.Answer forbidden = place("x");
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.contentType()).startsWith("text/html");
    assertThat(forbidden.body()).contains("access too frequent");

    // A new IP window does not lift the ban; only its end does.
    clock.advance(Duration.ofMinutes(9));
    assertThat(http.get(base + "/v5/market/time").status()).isEqualTo(403);
    clock.advance(Duration.ofMinutes(1));
    assertThat(place("x").text("retCode")).isEqualTo("0");

    ExchangeStats stats = simulator.stats(Exchange.BYBIT);
    assertThat(stats.bans()).isEqualTo(1);
    assertThat(stats.bannedRequests()).isEqualTo(2);
  }
}
