package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.RateBudget;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacingTest {
  private static final String TIME = "{\"serverTime\":1659146001000}";

  @Test
  void callsBeyondTheBudgetWaitForTheNextWindow() throws Exception {
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b
        .rateBudgets(Exchange.BINANCE_USDM, List.of(RateBudget.allRequests("ip", 2, Duration.ofSeconds(10))))
        .maxPacingWait(Duration.ofSeconds(20)))) {
      for (int i = 0; i < 3; i++) {
        fixture.enqueue(200, TIME);
        fixture.execute(fixture.get("/fapi/v1/time")).close();
      }

      assertThat(fixture.requestCount()).isEqualTo(3);
      assertThat(fixture.time.sleeps()).singleElement()
          .satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10)));
    }
  }

  @Test
  void aRateLimitAnswerDrainsTheBudgetSoTheRetryWaitsForTheNextWindow() throws Exception {
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.BINANCE_USDM, b -> b
        .rateBudgets(Exchange.BINANCE_USDM, List.of(RateBudget.allRequests("ip", 100, Duration.ofSeconds(10))))
        .maxPacingWait(Duration.ofSeconds(20)))) {
      fixture.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 2400 requests per"
          + " minute.\"}");
      fixture.enqueue(200, TIME);

      fixture.execute(fixture.get("/fapi/v1/time")).close();

      assertThat(fixture.requestCount()).isEqualTo(2);
      assertThat(fixture.time.sleeps()).as("the wait for the drained budget's next window").singleElement()
          .satisfies(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(8)));
    }
  }

  @Test
  void noRoomWithinTheMaximumWaitFailsFast() throws Exception {
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.BYBIT, b -> b
        .rateBudgets(Exchange.BYBIT, List.of(RateBudget.orderPlacements("orders", 1, Duration.ofSeconds(30))))
        .maxPacingWait(Duration.ofSeconds(1)))) {
      String created = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":\"1\",\"orderLinkId\":\"x\"},"
          + "\"retExtInfo\":{},\"time\":1672211918471}";
      fixture.enqueue(200, created);
      fixture.execute(fixture.post("/v5/order/create", "{\"orderLinkId\":\"x\"}")).close();

      assertThatThrownBy(() -> fixture.execute(fixture.post("/v5/order/create", "{\"orderLinkId\":\"y\"}")))
          .isInstanceOf(FailFastException.class)
          .asInstanceOf(type(FailFastException.class))
          .extracting(FailFastException::reason)
          .isEqualTo(FailFastException.Reason.RATE_BUDGET_EXHAUSTED);
      // Reads do not draw on the order budget.
      fixture.enqueue(200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"timeSecond\":\"1688639403\"}}");
      fixture.execute(fixture.get("/v5/market/time")).close();
      assertThat(fixture.requestCount()).isEqualTo(2);
    }
  }
}
