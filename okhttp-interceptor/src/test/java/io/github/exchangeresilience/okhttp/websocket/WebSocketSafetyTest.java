package io.github.exchangeresilience.okhttp.websocket;

import static io.github.exchangeresilience.okhttp.websocket.SessionFixture.await;
import static io.github.exchangeresilience.okhttp.websocket.SessionFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExecutionUnknownException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The safety rule on a socket: an order frame that was written and whose answer did not come is of unknown outcome,
 * looked up by its client order id through the interceptor's reconciler, never resent blindly.
 */
class WebSocketSafetyTest {
  /** OKX's "Get order details": the order, or 51603 "Order does not exist". */
  private static MockResponse okxLookup(RecordedRequest request, boolean found) {
    String clientOrderId = request.getUrl().queryParameter("clOrdId");
    String body = found
        ? "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"ordId\":\"12345689\",\"clOrdId\":\""
            + clientOrderId + "\",\"state\":\"live\",\"px\":\"100\",\"sz\":\"1\"}]}"
        : "{\"code\":\"51603\",\"msg\":\"Order does not exist.\",\"data\":[]}";
    return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void anOrderWhoseConnectionDroppedIsLookedUpAndFound() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.dropConnection();
      fixture.server.rest = request -> okxLookup(request, true);

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.reconciled()).isTrue();
      String clientOrderId = fixture.server.orderFrames().get(0).field("clOrdId");
      // The order as the lookup found it, in the shape of a placement's answer.
      assertThat(answer.frame()).contains("\"ordId\":\"12345689\"", "\"clOrdId\":\"" + clientOrderId + "\"");
      assertThat(fixture.server.orderFrames()).as("never resent").hasSize(1);
      assertThat(fixture.server.restRequests).singleElement().satisfies(lookup -> {
        assertThat(lookup.getUrl().encodedPath()).isEqualTo("/api/v5/trade/order");
        assertThat(lookup.getUrl().queryParameter("clOrdId")).isEqualTo(clientOrderId);
        assertThat(lookup.getUrl().queryParameter("instId")).isEqualTo("BTC-USDT-SWAP");
      });
      assertThat(fixture.events).anyMatch(event -> event.startsWith("disconnected 1") && event.endsWith("in flight 1"));
    }
  }

  @Test
  void anOrderTheLookupDoesNotFindIsResentWithItsClientOrderIdOnANewConnection() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      fixture.server.orders = incoming -> incoming.connection() == 1
          ? FakeWebSocketExchange.Reply.dropConnection()
          : FakeWebSocketExchange.Reply.send(ExchangeFrames.placed(Exchange.OKX, incoming));
      fixture.server.rest = request -> okxLookup(request, false);

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.succeeded()).isTrue();
      List<FakeWebSocketExchange.Incoming> orders = fixture.server.orderFrames();
      assertThat(orders).extracting(FakeWebSocketExchange.Incoming::connection).containsExactly(1, 2);
      assertThat(orders.get(1).field("clOrdId")).isEqualTo(orders.get(0).field("clOrdId"));
      assertThat(fixture.server.restRequests).hasSize(1);
    }
  }

  @Test
  void anOrderUnansweredWithinTheTimeoutThatTheLookupCannotTellFailsAsUnknownWithItsClientOrderId()
      throws Exception {
    try (SessionFixture fixture = SessionFixture.waitingOutTimeouts(Exchange.OKX)) {
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.silence();
      fixture.server.rest = request -> new MockResponse.Builder().code(500).build();

      Throwable failure = null;
      try {
        await(fixture.session.placeOrder(fixture.order()));
      } catch (Exception e) {
        failure = e;
      }

      String clientOrderId = fixture.server.orderFrames().get(0).field("clOrdId");
      assertThat(failure).isInstanceOfSatisfying(ExecutionUnknownException.class,
          e -> assertThat(e.clientOrderId()).contains(clientOrderId));
      assertThat(fixture.server.orderFrames()).as("never resent blindly").hasSize(1);
    }
  }

  @Test
  void anAnswerThatComesAfterTheTimeoutIsCountedAndDroppedWhileTheLookupDecides() throws Exception {
    try (SessionFixture fixture = SessionFixture.waitingOutTimeouts(Exchange.OKX)) {
      CountDownLatch looked = new CountDownLatch(1);
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.silence();
      fixture.server.rest = request -> {
        looked.countDown();
        return okxLookup(request, true);
      };

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));
      assertThat(looked.await(5, TimeUnit.SECONDS)).isTrue();
      fixture.server.push(1, ExchangeFrames.placed(Exchange.OKX, fixture.server.orderFrames().get(0)));

      assertThat(answer.reconciled()).isTrue();
      eventually(() -> fixture.session.droppedFrames() == 1);
      assertThat(fixture.events).contains("dropped UNKNOWN_ID");
    }
  }

  @Test
  void ordersInFlightWhenTheExchangeClosesTheConnectionAreEachReconciledAndTheSessionReconnects()
      throws Exception {
    try (SessionFixture fixture = SessionFixture.waitingOutTimeouts(Exchange.BITGET)) {
      AtomicInteger seen = new AtomicInteger();
      fixture.server.orders = incoming -> incoming.connection() == 1 && seen.incrementAndGet() == 3
          ? FakeWebSocketExchange.Reply.closeConnection()
          : incoming.connection() == 1
              ? FakeWebSocketExchange.Reply.silence()
              : FakeWebSocketExchange.Reply.send(ExchangeFrames.placed(Exchange.BITGET, incoming));
      fixture.server.rest = request -> new MockResponse.Builder().setHeader("Content-Type", "application/json")
          .body("{\"code\":\"00000\",\"msg\":\"success\",\"data\":{\"orderId\":\"1\",\"clientOid\":\""
              + request.getUrl().queryParameter("clientOid") + "\",\"orderStatus\":\"live\"}}").build();

      List<CompletableFuture<WebSocketAnswer>> placed = List.of(fixture.session.placeOrder(fixture.order()),
          fixture.session.placeOrder(fixture.order()), fixture.session.placeOrder(fixture.order()));
      for (CompletableFuture<WebSocketAnswer> future : placed) {
        assertThat(await(future).reconciled()).isTrue();
      }
      WebSocketAnswer later = await(fixture.session.placeOrder(fixture.order()));

      assertThat(fixture.server.restRequests).hasSize(3)
          .allSatisfy(lookup -> assertThat(lookup.getUrl().encodedPath()).isEqualTo("/api/v3/trade/order-info"));
      assertThat(later.reconciled()).isFalse();
      assertThat(fixture.server.orderFrames()).hasSize(4);
      assertThat(fixture.session.connects()).isEqualTo(2);
    }
  }

  @Test
  void aTruncatedAnswerFrameKeepsItsIdAndItsOrderIsReconciled() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send(
          ExchangeFrames.placed(Exchange.OKX, incoming).substring(0, 60));
      fixture.server.rest = request -> okxLookup(request, true);

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.reconciled()).isTrue();
      assertThat(fixture.server.orderFrames()).hasSize(1);
      assertThat(fixture.session.droppedFrames()).isZero();
    }
  }

  @Test
  void onALoggedInConnectionAnOrderUnansweredPastItsTimeoutIsLookedUpAndItsLateAnswerDropped() throws Exception {
    try (SessionFixture fixture = SessionFixture.waitingOutTimeouts(Exchange.OKX)) {
      AtomicInteger orders = new AtomicInteger();
      fixture.server.orders = incoming -> orders.incrementAndGet() == 1
          ? FakeWebSocketExchange.Reply.send(ExchangeFrames.placed(Exchange.OKX, incoming))
          : FakeWebSocketExchange.Reply.silence();
      fixture.server.rest = request -> okxLookup(request, true);
      await(fixture.session.placeOrder(fixture.order())); // logged in: the next order goes out at once

      long start = System.nanoTime();
      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      fixture.server.push(1, ExchangeFrames.placed(Exchange.OKX, fixture.server.orderFrames().get(1)));

      assertThat(answer.reconciled()).isTrue();
      assertThat(waitedMillis).as("the request timeout waited out")
          .isGreaterThanOrEqualTo(SessionFixture.WAITED_OUT_TIMEOUT.toMillis());
      assertThat(fixture.server.orderFrames()).as("never resent").hasSize(2);
      assertThat(fixture.server.restRequests).singleElement().satisfies(lookup ->
          assertThat(lookup.getUrl().queryParameter("clOrdId")).isEqualTo(answer.clientOrderId().orElseThrow()));
      eventually(() -> fixture.session.droppedFrames() == 1);
      assertThat(fixture.events).contains("dropped UNKNOWN_ID");
    }
  }

  @Test
  void aLookupThatTakesLongHoldsUpNoOtherOrdersAnswerOnTheSameConnection() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      CountDownLatch lookupAsked = new CountDownLatch(1);
      CountDownLatch secondAnswered = new CountDownLatch(1);
      AtomicInteger orders = new AtomicInteger();
      // After one placed on a connection already logged in, an order whose answer says its fate is unknown, then one
      // placed.
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.send(orders.incrementAndGet() == 2
          ? ExchangeFrames.refused(Exchange.OKX, incoming, 0, "50004",
              "API endpoint request timeout (does not mean that the request was successful or failed, please check"
                  + " the request result).")
          : ExchangeFrames.placed(Exchange.OKX, incoming));
      fixture.server.rest = request -> {
        lookupAsked.countDown();
        try { // the lookup answers only once the second order had its answer
          assertThat(secondAnswered.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return okxLookup(request, true);
      };

      await(fixture.session.placeOrder(fixture.order()));
      CompletableFuture<WebSocketAnswer> first = fixture.session.placeOrder(fixture.order());
      assertThat(lookupAsked.await(5, TimeUnit.SECONDS)).isTrue();
      WebSocketAnswer second = await(fixture.session.placeOrder(fixture.order()));
      // Read and decided while the first order's lookup was still waiting: nothing waits where answers are read.
      assertThat(first.isDone()).isFalse();
      secondAnswered.countDown();

      assertThat(second.reconciled()).isFalse();
      assertThat(second.succeeded()).isTrue();
      assertThat(await(first).reconciled()).isTrue();
      assertThat(fixture.server.orderFrames()).as("each order written once").hasSize(3);
      assertThat(fixture.server.restRequests).as("only the order in doubt looked up").hasSize(1);
      assertThat(fixture.session.connects()).isEqualTo(1);
    }
  }

  @Test
  void aCancelWhoseAnswerDidNotComeIsSimplySentAgain() throws Exception {
    try (SessionFixture fixture = SessionFixture.waitingOutTimeouts(Exchange.OKX)) {
      AtomicInteger seen = new AtomicInteger();
      fixture.server.orders = incoming -> seen.incrementAndGet() == 1
          ? FakeWebSocketExchange.Reply.silence()
          : FakeWebSocketExchange.Reply.send(ExchangeFrames.placed(Exchange.OKX, incoming));

      WebSocketAnswer answer = await(fixture.session.cancelOrder(
          java.util.Map.of("instId", "BTC-USDT-SWAP", "clOrdId", "c42")));

      assertThat(answer.succeeded()).isTrue();
      assertThat(fixture.server.orderFrames()).hasSize(2)
          .allSatisfy(frame -> assertThat(frame.field("op")).isEqualTo("cancel-order"));
      assertThat(fixture.server.restRequests).as("a cancel is not reconciled").isEmpty();
    }
  }

  @Test
  void closingTheSessionLeavesNoOrderUntraced() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      fixture.server.orders = incoming -> FakeWebSocketExchange.Reply.silence();
      fixture.server.rest = request -> new MockResponse.Builder().code(500).build();

      CompletableFuture<WebSocketAnswer> inFlight = fixture.session.placeOrder(fixture.order());
      eventually(() -> fixture.server.orderFrames().size() == 1);
      fixture.session.close();

      assertThatThrownBy(() -> await(inFlight)).isInstanceOfSatisfying(ExecutionUnknownException.class,
          e -> assertThat(e.clientOrderId()).contains(fixture.server.orderFrames().get(0).field("clOrdId")));
    }
  }
}
