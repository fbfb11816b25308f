package io.github.exchangeresilience.samples.demo;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.NotExecutedException;
import io.github.exchangeresilience.okhttp.reconcile.OrderLookupReconciler;
import io.github.exchangeresilience.okhttp.signing.Credentials;
import io.github.exchangeresilience.okhttp.signing.CredentialsProvider;
import io.github.exchangeresilience.okhttp.signing.ExchangeSigning;
import io.github.exchangeresilience.okhttp.websocket.ExchangeWebSocketSession;
import io.github.exchangeresilience.okhttp.websocket.WebSocketAnswer;
import io.github.exchangeresilience.okhttp.websocket.WebSocketSessionListener;
import io.github.exchangeresilience.samples.simulator.ExchangeSimulator;
import io.github.exchangeresilience.samples.simulator.FaultKind;
import io.github.exchangeresilience.samples.simulator.ManualClock;
import io.github.exchangeresilience.samples.simulator.SimulatedOrder;
import io.github.exchangeresilience.samples.simulator.WebSocketFault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The demo's WebSocket part: on each simulated exchange, a WebSocket order session built from a REST interceptor, and
 * the faults of a socket (dropped connections with an order in flight, placed or not, answers after the timeout,
 * closes, restarts, refused logins) and the exchange's error frames. Every order's fate as the session reports it must
 * equal the simulator's book, no order may be placed twice, and a key the socket had refused is refused over REST too.
 */
final class WebSocketDemo {
  /** Shorter than the simulator's late answers, so a late answer is one the session stopped waiting for. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
  private static final Credentials CREDENTIALS = Credentials.of("demo-key", "demo-secret", "demo-passphrase");

  private final PrintStream out;
  private final ManualClock clock;
  private final List<String> failures;
  /** What the session said of each order: placed or not. */
  private final Map<String, Boolean> fates = new LinkedHashMap<>();
  private int orderSequence;

  WebSocketDemo(PrintStream out, ManualClock clock, List<String> failures) {
    this.out = out;
    this.clock = clock;
    this.failures = failures;
  }

  void run(ExchangeSimulator simulator) {
    out.println();
    out.println("WebSocket order sessions: the same decisions, budgets and bans as REST, over each exchange's socket.");
    for (Exchange exchange : Exchange.values()) {
      clock.advance(Duration.ofMinutes(1)); // the REST part's rate windows pass
      session(exchange, simulator);
    }
    verify(simulator);
  }

  private void session(Exchange exchange, ExchangeSimulator simulator) {
    out.println("== " + exchange.displayName() + " over WebSocket");
    ExchangeSigning signing = ExchangeSigning.builder(exchange, CredentialsProvider.of(CREDENTIALS)).build();
    ExchangeResilienceInterceptor interceptor = signing.configure(ExchangeResilienceInterceptor.builder(exchange))
        .clock(clock)
        .sleeper(clock::advance)
        .reconciler(OrderLookupReconciler.builder(exchange).build())
        // Every step below is a fault, one after another: far denser than any breaker should let pass, and the REST
        // part already shows the breaker opening. This one looks at more calls before it judges.
        .circuitBreakerConfig(CircuitBreakerConfig.custom().slidingWindowSize(50).minimumNumberOfCalls(50).build())
        .build();
    AtomicInteger inFlightDrops = new AtomicInteger();
    AtomicInteger refusedLogins = new AtomicInteger();
    OkHttpClient rest = new OkHttpClient.Builder().retryOnConnectionFailure(false).addInterceptor(interceptor).build();
    try (ExchangeWebSocketSession session = ExchangeWebSocketSession.builder(interceptor, exchange)
        .url(simulator.webSocketUrl(exchange))
        .restBaseUrl(simulator.url(exchange))
        .signer(signing.webSocketSigner())
        .requestTimeout(REQUEST_TIMEOUT)
        .reconnectBackoff(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(10), 2.0, 0.5,
            Duration.ofMillis(200)))
        .listener(new WebSocketSessionListener() {
          @Override
          public void onDisconnected(Exchange exchange, int connection, String reason, int inFlight) {
            if (inFlight > 0) {
              inFlightDrops.incrementAndGet();
            }
          }

          @Override
          public void onLoginRefused(Exchange exchange, DecodedResponse answer) {
            refusedLogins.incrementAndGet();
          }
        })
        .build()) {
      Steps steps = new Steps(exchange, simulator, session);
      steps.order("an order is accepted", Expect.PLACED);
      steps.error("a business rejection is handed back, not retried", FaultKind.INSUFFICIENT_MARGIN,
          Expect.NOT_PLACED);
      steps.drop("dropped after the order was placed: reconciled, found", WebSocketFault.DROP_PLACED);
      steps.drop("dropped before it was placed: reconciled, resent once", WebSocketFault.DROP_NOT_PLACED);
      steps.drop("the answer comes after the timeout: reconciled, found", WebSocketFault.LATE_ANSWER);
      steps.drop("the server closes with the order in flight: reconciled", WebSocketFault.SERVER_CLOSE);
      steps.drop("the exchange restarts: a new connection takes over", WebSocketFault.RESTART);
      if (WebSocketFault.LOGIN_FAILED.supportedBy(exchange)) {
        steps.drop("dropped, then the login refused: logged in again, resent", WebSocketFault.DROP_NOT_PLACED,
            WebSocketFault.LOGIN_FAILED);
      }
      steps.error("a timeout error frame after placing: reconciled, found", FaultKind.TIMEOUT_PLACED, Expect.PLACED);
      steps.error("the exchange is busy: retried after a backoff", FaultKind.BUSY, Expect.PLACED);
      if (exchange.spec().webSocket().login() == null) {
        // Signed per request: the order's answer refuses the key.
        steps.error("the API key is refused on the socket", FaultKind.AUTH_REJECTED, Expect.REFUSED);
      } else {
        // Logged in per connection: a new connection's login refuses the key, and the order is not sent.
        simulator.scriptWebSocket(exchange, WebSocketFault.LOGIN_KEY_REFUSED);
        try (ExchangeWebSocketSession second = session.newBuilder().build()) {
          new Steps(exchange, simulator, second).order("a second session's login refuses the API key",
              Expect.REFUSED);
        }
      }
      steps.restAfterRefusedKey(rest);
      out.printf("  %d connections, %d lost with an order in flight, %d logins refused%n", session.connects(),
          inFlightDrops.get(), refusedLogins.get());
    } finally {
      rest.dispatcher().executorService().shutdown();
      rest.connectionPool().evictAll();
    }
  }

  private enum Expect { PLACED, NOT_PLACED, REFUSED }

  /** One exchange's steps, each printed with the order frames the simulator read. */
  private final class Steps {
    private final Exchange exchange;
    private final ExchangeSimulator simulator;
    private final ExchangeWebSocketSession session;

    Steps(Exchange exchange, ExchangeSimulator simulator, ExchangeWebSocketSession session) {
      this.exchange = exchange;
      this.simulator = simulator;
      this.session = session;
    }

    void order(String title, Expect expected) {
      clock.advance(Duration.ofSeconds(1)); // a step a second: the frames counted are the step's, not rate refusals
      int before = simulator.webSocketOrderFrames(exchange);
      String clientOrderId = "wsdemo" + exchange.ordinal() + "n" + (++orderSequence);
      Map<String, Object> order = ExchangeRequests.webSocketOrder(exchange, "1");
      order.put(exchange.spec().orders().clientOrderIdField(), clientOrderId);
      String outcome;
      Expect fate;
      try {
        WebSocketAnswer answer = session.placeOrder(order).get(1, TimeUnit.MINUTES);
        fate = answer.succeeded() ? Expect.PLACED : Expect.NOT_PLACED;
        outcome = answer.reconciled() ? "placed, found by lookup"
            : (answer.succeeded() ? "placed" : "not placed, " + answer.decoded().orElseThrow().policyClass());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        boolean keyRefused = cause instanceof ExchangeErrorException error && error.policyClass() == PolicyClass.AUTH
            || cause instanceof FailFastException failFast && failFast.reason() == FailFastException.Reason.REJECTED_KEY;
        fate = keyRefused ? Expect.REFUSED
            : cause instanceof NotExecutedException || cause instanceof FailFastException ? Expect.NOT_PLACED : null;
        outcome = cause instanceof ExchangeErrorException error ? error.policyClass() + " " + error.code().orElse("")
            : cause instanceof FailFastException failFast ? "fail-fast " + failFast.reason()
            : cause.getClass().getSimpleName();
      } catch (Exception e) {
        fate = null;
        outcome = e.toString();
      }
      fates.put(exchange.ordinal() + ":" + clientOrderId, fate == Expect.PLACED);
      out.printf("  %-58s %-32s %d order frames received%n", title, outcome,
          simulator.webSocketOrderFrames(exchange) - before);
      if (fate != expected) {
        failures.add(exchange.id() + " over WebSocket: " + title + ": expected " + expected + ", got " + outcome);
      }
    }

    void error(String title, FaultKind frame, Expect expected) {
      simulator.scriptPlacements(exchange, frame);
      order(title, expected);
    }

    void drop(String title, WebSocketFault... faults) {
      simulator.scriptWebSocket(exchange, faults);
      order(title, Expect.PLACED);
    }

    /** The key the socket saw refused is refused over REST as well: one interceptor's state, both transports. */
    void restAfterRefusedKey(OkHttpClient rest) {
      long before = simulator.stats(exchange).requests();
      String outcome;
      try (Response response = rest.newCall(ExchangeRequests.placeOrder(exchange, simulator.url(exchange),
          "wsdemo" + exchange.ordinal() + "rest")).execute()) {
        outcome = "HTTP " + response.code();
      } catch (FailFastException e) {
        outcome = "fail-fast " + e.reason();
      } catch (IOException e) {
        outcome = e.toString();
      }
      long sent = simulator.stats(exchange).requests() - before;
      out.printf("  %-58s %-32s %d requests received%n", "then a REST order with that key: refused locally", outcome,
          sent);
      if (!outcome.equals("fail-fast " + FailFastException.Reason.REJECTED_KEY) || sent != 0) {
        failures.add(exchange.id() + ": the key the socket saw refused was not refused over REST: " + outcome);
      }
    }
  }

  /** Each order's fate as the session told it equals the book, and no order is in it twice. */
  private void verify(ExchangeSimulator simulator) {
    for (Exchange exchange : Exchange.values()) {
      List<SimulatedOrder> orders = simulator.orders(exchange).stream()
          .filter(order -> order.clientOrderId() != null && order.clientOrderId().startsWith("wsdemo"))
          .toList();
      long distinct = orders.stream().map(SimulatedOrder::clientOrderId).distinct().count();
      long mismatched = fates.entrySet().stream()
          .filter(fate -> fate.getKey().startsWith(exchange.ordinal() + ":"))
          .filter(fate -> simulator.order(exchange, fate.getKey().substring(fate.getKey().indexOf(':') + 1))
              .isPresent() != fate.getValue())
          .count();
      out.printf("%-14s %3d WebSocket orders on the exchange, %d placed twice, %d fates unlike the book%n",
          exchange.id(), orders.size(), orders.size() - distinct, mismatched);
      if (distinct != orders.size() || mismatched != 0) {
        failures.add(exchange.id() + " over WebSocket: an order was placed twice or its fate misread");
      }
    }
  }
}
