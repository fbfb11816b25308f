package io.github.exchangeresilience.okhttp.websocket;

import static io.github.exchangeresilience.okhttp.websocket.SessionFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.metrics.ExchangeResilienceMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * The classes of the catalog on a socket, decided by the same decision as REST and carried out on the same state: a
 * refusal of the key, a rate limit, a ban or an open breaker on one transport stops the other too.
 */
class WebSocketDecisionsTest {
  @Test
  void aBusinessRejectionIsHandedBackAndNeverResent() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send(
          ExchangeFrames.okxItemRefused(incoming, "51008", "Order failed. Insufficient USDT balance in account."));

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.succeeded()).isFalse();
      assertThat(answer.decoded().orElseThrow().policyClass()).isEqualTo(PolicyClass.REJECTED);
      assertThat(answer.decoded().orElseThrow().items().get(0).code()).isEqualTo("51008");
      assertThat(fixture.server.orderFrames()).hasSize(1);
    }
  }

  @Test
  void aTransientRefusalIsResentWithTheSameClientOrderIdUnderANewRequestId() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      AtomicInteger seen = new AtomicInteger();
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send(seen.incrementAndGet() == 1
          ? ExchangeFrames.refused(Exchange.OKX, incoming, 0, "50013", "System is busy, please try again later.")
          : ExchangeFrames.placed(Exchange.OKX, incoming));

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.succeeded()).isTrue();
      assertThat(fixture.server.orderFrames()).hasSize(2);
      FakeWebSocketExchange.Incoming first = fixture.server.orderFrames().get(0);
      FakeWebSocketExchange.Incoming second = fixture.server.orderFrames().get(1);
      assertThat(second.field("clOrdId")).isEqualTo(first.field("clOrdId"));
      assertThat(second.field("id")).isNotEqualTo(first.field("id"));
      assertThat(fixture.time.sleeps()).as("one backoff between the attempts").hasSize(1);
    }
  }

  @Test
  void withThrowOnErrorARejectionFailsTheFuture() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BYBIT, interceptor -> interceptor.throwOnError(true),
        session -> {})) {
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send(
          ExchangeFrames.refused(Exchange.BYBIT, incoming, 0, "110007", "Available balance is insufficient"));

      assertThatThrownBy(() -> await(fixture.session.placeOrder(fixture.order())))
          .isInstanceOfSatisfying(ExchangeErrorException.class, e -> {
            assertThat(e.code()).contains("110007");
            assertThat(e.getMessage()).contains("WebSocket order.create");
          });
    }
  }

  @Test
  void aRefusedKeyFailsTheOrderAndCoolsTheKeyDownForBothTransports() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send(
          ExchangeFrames.refused(Exchange.OKX, incoming, 0, "60005", "Invalid apiKey"));

      assertThatThrownBy(() -> await(fixture.session.placeOrder(fixture.order())))
          .isInstanceOf(ExchangeErrorException.class);
      assertThatThrownBy(() -> await(fixture.session.placeOrder(fixture.order())))
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.REJECTED_KEY));
      assertThatThrownBy(() -> fixture.restCall("/api/v5/account/balance"))
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.REJECTED_KEY));
      assertThat(fixture.server.orderFrames()).hasSize(1);
      assertThat(fixture.server.restRequests).isEmpty();
    }
  }

  @Test
  void ordersBeyondTheSharedBudgetWaitForTheirPermitAndEachIsWrittenOnce() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX, interceptor -> interceptor.rateBudgets(
        Exchange.OKX, java.util.List.of(RateBudget.allRequests("ip", 1, Duration.ofSeconds(1)))), session -> {})) {
      java.time.Instant start = fixture.time.instant();
      java.util.List<CompletableFuture<WebSocketAnswer>> placed = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        placed.add(fixture.session.placeOrder(fixture.order()));
        await(placed.get(i)); // one at a time: the later two find the connection ready and the budget spent
      }

      assertThat(placed).allSatisfy(answer -> assertThat(answer.join().succeeded()).isTrue());
      assertThat(fixture.server.orderFrames()).extracting(incoming -> incoming.field("clOrdId"))
          .as("each order written once").hasSize(3).doesNotHaveDuplicates();
      assertThat(fixture.time.sleeps()).as("the second and the third waited for a permit").hasSize(2);
      assertThat(Duration.between(start, fixture.time.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void aRetryAfterInTheFrameIsWaitedOutBeforeTheResend() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BINANCE_USDM)) {
      AtomicInteger seen = new AtomicInteger();
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send(seen.incrementAndGet() == 1
          ? "{\"id\":\"" + incoming.field("id") + "\",\"status\":429,\"error\":{\"code\":-1003,\"msg\":\"Too much"
              + " request weight used; current limit is 2400 request weight per 1 MINUTE.\",\"data\":{\"serverTime\":"
              + "1659355413520,\"retryAfter\":1659355443520}}}"
          : ExchangeFrames.placed(Exchange.BINANCE_USDM, incoming));

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.succeeded()).isTrue();
      assertThat(fixture.time.sleeps()).contains(Duration.ofSeconds(30));
      assertThat(fixture.server.orderFrames()).hasSize(2);
    }
  }

  @Test
  void aLongRetryAfterOnTheSocketPausesRestCallsToo() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BINANCE_USDM)) {
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send("{\"id\":\"" + incoming.field("id")
          + "\",\"status\":429,\"error\":{\"code\":-1003,\"msg\":\"Too many requests.\",\"data\":{\"serverTime\":"
          + "1659355413520,\"retryAfter\":1659355533520}}}");

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.decoded().orElseThrow().policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
      assertThatThrownBy(() -> fixture.restCall("/fapi/v1/openOrders"))
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.RATE_BUDGET_EXHAUSTED));
      assertThat(fixture.server.restRequests).isEmpty();
    }
  }

  @Test
  void aBanOnTheSocketBansRestCalls() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BINANCE_USDM)) {
      long until = fixture.time.millis() + 600_000;
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send("{\"id\":\"" + incoming.field("id")
          + "\",\"status\":418,\"error\":{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until "
          + until + ". Please use WebSocket Streams for live updates to avoid bans.\"}}");

      assertThatThrownBy(() -> await(fixture.session.placeOrder(fixture.order())))
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.BAN_IN_FORCE));
      assertThat(fixture.interceptor.bannedUntil(Exchange.BINANCE_USDM))
          .contains(java.time.Instant.ofEpochMilli(until));
      assertThatThrownBy(() -> fixture.restCall("/fapi/v1/openOrders")).isInstanceOf(FailFastException.class);
      assertThat(fixture.server.restRequests).isEmpty();
    }
  }

  @Test
  void aBanAnsweredOverRestStopsSocketOrdersBeforeTheyAreWritten() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BYBIT)) {
      fixture.server.rest = request -> new MockResponse.Builder().code(403)
          .setHeader("Content-Type", "text/html").body("<html><title>403 Forbidden</title></html>").build();
      assertThatThrownBy(() -> fixture.restCall("/v5/account/wallet-balance"))
          .as("the REST call that met the ban").isInstanceOf(FailFastException.class);
      assertThat(fixture.server.restRequests).hasSize(1);

      assertThatThrownBy(() -> await(fixture.session.placeOrder(fixture.order())))
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.BAN_IN_FORCE));
      assertThat(fixture.server.orderFrames()).isEmpty();
    }
  }

  @Test
  void anOpenBreakerStopsSocketOrdersBeforeTheyAreWritten() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      fixture.interceptor.circuitBreaker(Exchange.OKX).transitionToOpenState();

      assertThatThrownBy(() -> await(fixture.session.placeOrder(fixture.order())))
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.CIRCUIT_OPEN));
      assertThat(fixture.server.orderFrames()).isEmpty();
    }
  }

  @Test
  void clockSkewResyncsWithTheServerTimeThenResendsOnceWithTheCorrectedTimestamp() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BINANCE_USDM)) {
      long serverTime = fixture.time.millis() + 7_000;
      fixture.server.rest = request -> new MockResponse.Builder().setHeader("Content-Type", "application/json")
          .body("{\"serverTime\":" + serverTime + "}").build();
      AtomicInteger seen = new AtomicInteger();
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send(seen.incrementAndGet() == 1
          ? ExchangeFrames.refused(Exchange.BINANCE_USDM, incoming, 400, "-1021",
              "Timestamp for this request is outside of the recvWindow.")
          : ExchangeFrames.placed(Exchange.BINANCE_USDM, incoming));

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.succeeded()).isTrue();
      assertThat(fixture.server.restRequests).singleElement()
          .satisfies(request -> assertThat(request.getUrl().encodedPath()).isEqualTo("/fapi/v1/time"));
      long first = Long.parseLong(fixture.server.orderFrames().get(0).field("timestamp"));
      long second = Long.parseLong(fixture.server.orderFrames().get(1).field("timestamp"));
      assertThat(second - first).isEqualTo(7_000);
    }
  }

  @Test
  void bybitsRestartCodeMovesTheResendToANewConnection() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BYBIT)) {
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send(incoming.connection() == 1
          ? ExchangeFrames.refused(Exchange.BYBIT, incoming, 0, "10019", "ws trade service is restarting, do not"
              + " accept new request, but the request in the process is not affected. You can build new connection"
              + " to be routed to normal service")
          : ExchangeFrames.placed(Exchange.BYBIT, incoming));

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.succeeded()).isTrue();
      assertThat(fixture.server.orderFrames()).extracting(FakeWebSocketExchange.Incoming::connection)
          .containsExactly(1, 2);
      assertThat(fixture.server.orderFrames().get(1).field("orderLinkId"))
          .isEqualTo(fixture.server.orderFrames().get(0).field("orderLinkId"));
      assertThat(fixture.events).anyMatch(event -> event.startsWith("planned 1"));
    }
  }

  @Test
  void theMetersTellSocketAnswersApartByTheirTransportTag() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX,
        interceptor -> interceptor.listener(ExchangeResilienceMetrics.of(registry)), session -> {})) {
      await(fixture.session.placeOrder(fixture.order()));

      assertThat(registry.get(ExchangeResilienceMetrics.RESPONSES)
          .tags("exchange", "okx", "transport", "websocket", "class", "SUCCESS", "endpoint", "/api/v5/trade/order")
          .counter().count()).isEqualTo(1.0);
    }
  }
}
