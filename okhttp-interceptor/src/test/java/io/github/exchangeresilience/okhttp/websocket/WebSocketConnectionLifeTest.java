package io.github.exchangeresilience.okhttp.websocket;

import static io.github.exchangeresilience.okhttp.websocket.SessionFixture.await;
import static io.github.exchangeresilience.okhttp.websocket.SessionFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.FailFastException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okio.ByteString;
import org.junit.jupiter.api.Test;

/** Connecting, logging in, keeping alive, reconnecting, and frames that answer nothing. */
class WebSocketConnectionLifeTest {
  @Test
  void manyOrdersInFlightAtOnceEachGetTheirOwnAnswerOnOneConnection() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BYBIT)) {
      List<CompletableFuture<WebSocketAnswer>> orders = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        orders.add(fixture.session.placeOrder(fixture.order()));
      }
      Set<String> clientOrderIds = new HashSet<>();
      for (CompletableFuture<WebSocketAnswer> order : orders) {
        WebSocketAnswer answer = await(order);
        assertThat(answer.succeeded()).isTrue();
        assertThat(answer.frame()).contains("\"orderLinkId\":\"" + answer.clientOrderId().orElseThrow() + "\"");
        clientOrderIds.add(answer.clientOrderId().orElseThrow());
      }
      assertThat(clientOrderIds).hasSize(40);
      assertThat(fixture.server.orderFrames()).hasSize(40);
      assertThat(fixture.session.connects()).isEqualTo(1);
    }
  }

  @Test
  void aConnectionThatOpensBeforeItsOpeningHasReturnedStillLogsIn() throws Exception {
    // OkHttp hands the connect to a thread of its own; this dispatcher returns from that only once the socket has had
    // time to open, so that the session hears of the open before newWebSocket has given it the socket.
    ThreadPoolExecutor slowToReturn = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>()) {
      @Override
      public void execute(Runnable command) {
        super.execute(command);
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    OkHttpClient client = new OkHttpClient.Builder().dispatcher(new Dispatcher(slowToReturn)).build();
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX, interceptor -> {},
        session -> session.client(client))) {
      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.succeeded()).isTrue();
      assertThat(fixture.server.received).extracting(FakeWebSocketExchange.Incoming::connection)
          .as("the login and the order, on the first connection").containsExactly(1, 1);
      assertThat(fixture.session.connects()).isEqualTo(1);
    } finally {
      slowToReturn.shutdownNow();
    }
  }

  @Test
  void withNoExchangeToConnectToARequestFailsFastWithinItsBoundAndNothingIsSent() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX, interceptor -> {},
        session -> session.url("ws://127.0.0.1:" + closedPort + "/ws/v5/private").connectWait(Duration.ofMillis(300)))) {
      long started = System.nanoTime();

      assertThatThrownBy(() -> await(fixture.session.placeOrder(fixture.order())))
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.NOT_CONNECTED));

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      assertThat(fixture.events).contains("reconnect 1");
    }
  }

  @Test
  void refusedUpgradesAreTriedAgainWithBackoffUntilOneIsAccepted() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BINANCE_USDM)) {
      fixture.server.upgradesToRefuse.set(2);

      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.succeeded()).isTrue();
      assertThat(fixture.server.refusedUpgrades.get()).isEqualTo(2);
      assertThat(fixture.events).containsSubsequence("reconnect 1", "reconnect 2", "connected 3");
    }
  }

  @Test
  void aPongThatDoesNotComeDropsTheConnectionAndANewOneTakesOver() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX, interceptor -> {},
        session -> session.keepAliveInterval(Duration.ofMillis(60)))) {
      fixture.server.answerPings = false;
      fixture.session.connect();

      // The first connection whose pong does not come (on a loaded machine, a login may time out first).
      eventually(() -> fixture.events.stream().anyMatch(event -> event.matches("disconnected \\d+ no pong.*")));
      fixture.server.answerPings = true;
      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      assertThat(answer.succeeded()).isTrue();
      assertThat(fixture.server.orderFrames().get(0).connection()).isGreaterThan(1);
    }
  }

  @Test
  void answeredPingsKeepOneConnectionOpen() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BYBIT, interceptor -> {},
        // Long enough that a loaded machine's scheduling delay does not look like a missed pong.
        session -> session.keepAliveInterval(Duration.ofSeconds(1)))) {
      fixture.session.connect();

      eventually(() -> fixture.server.received.stream().filter(in -> in.text().equals("{\"op\":\"ping\"}")).count() >= 3);

      assertThat(fixture.session.connects()).isEqualTo(1);
      assertThat(fixture.events).noneMatch(event -> event.startsWith("disconnected"));
    }
  }

  @Test
  void aRefusedLoginIsHeardCoolsTheKeyDownAndSendsNoOrder() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX, interceptor -> {},
        session -> session.connectWait(Duration.ofMillis(500)))) {
      fixture.server.logins = incoming -> FakeWebSocketExchange.Reply.send(ExchangeFrames.loginRefused(Exchange.OKX));
      fixture.session.connect();
      eventually(() -> fixture.events.contains("login refused 60009"));

      assertThatThrownBy(() -> await(fixture.session.placeOrder(fixture.order())))
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.REJECTED_KEY));
      assertThat(fixture.server.orderFrames()).isEmpty();
    }
  }

  @Test
  void aRequestWaitingForTheLoginFailsAtOnceWhenTheLoginRefusesTheKey() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BYBIT, interceptor -> {},
        session -> session.connectWait(Duration.ofSeconds(30)))) {
      fixture.server.logins = incoming -> FakeWebSocketExchange.Reply.send(ExchangeFrames.loginRefused(Exchange.BYBIT));
      long started = System.nanoTime();

      assertThatThrownBy(() -> await(fixture.session.placeOrder(fixture.order())))
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.REJECTED_KEY));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not the connect wait").isLessThan(
          Duration.ofSeconds(10));
      assertThat(fixture.server.orderFrames()).isEmpty();
    }
  }

  @Test
  void aNoticeOfAnUpgradeMovesNewOrdersToANewConnectionWhileTheOldOneStillAnswers() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      // The first order's connection stays silent: on a loaded machine it need not be the first one opened.
      AtomicInteger silent = new AtomicInteger();
      fixture.server.orders = incoming -> silent.compareAndSet(0, incoming.connection())
          || incoming.connection() == silent.get()
          ? FakeWebSocketExchange.Reply.silence()
          : FakeWebSocketExchange.Reply.send(ExchangeFrames.placed(Exchange.OKX, incoming));
      CompletableFuture<WebSocketAnswer> first = fixture.session.placeOrder(fixture.order());
      eventually(() -> fixture.server.orderFrames().size() == 1);
      int old = silent.get();

      fixture.server.push(old, "{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The connection will soon be closed"
          + " for a service upgrade. Please reconnect.\",\"connId\":\"a4d3ae55\"}");
      eventually(() -> fixture.events.stream().anyMatch(event -> event.startsWith("planned " + old)));
      WebSocketAnswer second = await(fixture.session.placeOrder(fixture.order()));
      fixture.server.push(old, ExchangeFrames.placed(Exchange.OKX, fixture.server.orderFrames().get(0)));

      assertThat(second.succeeded()).isTrue();
      assertThat(fixture.server.orderFrames()).extracting(FakeWebSocketExchange.Incoming::connection)
          .as("the second order on a new connection").containsExactly(old, fixture.server.orderFrames().get(1)
              .connection()).doesNotHaveDuplicates();
      WebSocketAnswer answered = await(first);
      assertThat(answered.reconciled()).as("its answer came on the old connection").isFalse();
      assertThat(answered.succeeded()).isTrue();
      eventually(() -> fixture.events.stream().anyMatch(event -> event.startsWith("disconnected " + old)));
      assertThat(fixture.events).anyMatch(event -> event.startsWith("planned " + old));
      assertThat(fixture.server.restRequests).as("nothing to reconcile").isEmpty();
    }
  }

  @Test
  void binaryBrokenAndUnknownFramesAreCountedAndDroppedAndTheSessionGoesOn() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      await(fixture.session.placeOrder(fixture.order()));

      fixture.server.pushBinary(1, ByteString.encodeUtf8("{\"id\":\"x\"}"));
      fixture.server.push(1, "<html><title>502 Bad Gateway</title></html>");
      fixture.server.push(1, "{\"id\":\"nobody-asked\",\"op\":\"order\",\"data\":[],\"code\":\"0\",\"msg\":\"\"}");
      eventually(() -> fixture.events.containsAll(List.of("dropped BINARY", "dropped NOT_JSON", "dropped UNKNOWN_ID")));

      assertThat(fixture.session.droppedFrames()).isEqualTo(3);
      assertThat(await(fixture.session.placeOrder(fixture.order())).succeeded()).isTrue();
      assertThat(fixture.session.connects()).isEqualTo(1);
    }
  }

  @Test
  void anErrorTheExchangeSendsWithoutARequestIdGoesToTheListener() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      await(fixture.session.placeOrder(fixture.order()));

      String error = "{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request: {\\\"op\\\": \\\"x\\\"}\","
          + "\"connId\":\"a4d3ae55\"}";
      fixture.server.push(1, error);

      eventually(() -> fixture.events.contains("unsolicited " + error));
      assertThat(fixture.session.droppedFrames()).isZero();
    }
  }
}
