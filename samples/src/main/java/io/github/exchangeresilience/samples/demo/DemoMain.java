package io.github.exchangeresilience.samples.demo;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.reconcile.OrderLookupReconciler;
import io.github.exchangeresilience.samples.simulator.ExchangeSimulator;
import io.github.exchangeresilience.samples.simulator.FaultKind;
import io.github.exchangeresilience.samples.simulator.ManualClock;
import io.github.exchangeresilience.samples.simulator.RateLimitRule;
import io.github.exchangeresilience.samples.simulator.SimulatedOrder;
import io.github.exchangeresilience.samples.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The demo: an embedded simulation of Binance USDⓈ-M, OKX, Bybit and Bitget on loopback, and a scripted session through
 * the interceptor on each that meets every policy class. It checks what it shows: every class met, no order placed
 * twice, no order whose fate is unknown; it fails otherwise. Then the same over each exchange's WebSocket order API
 * ({@link WebSocketDemo}).
 *
 * <p>Waits run on the simulator's virtual clock: the interceptor's sleeper advances it, so a 40 s Retry-After or a 30 s
 * key cool-down takes no real time and the demo finishes in seconds.
 */
public final class DemoMain {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  private final PrintStream out;
  private final ManualClock clock = ManualClock.atMinuteStart();
  private final ResilienceTally tally = new ResilienceTally();
  private final List<String> failures = new ArrayList<>();
  private int orderSequence;

  DemoMain(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    DemoMain demo = new DemoMain(System.out);
    List<String> failures = demo.run();
    if (!failures.isEmpty()) {
      throw new IllegalStateException("the demo did not go as expected: " + failures);
    }
  }

  List<String> run() throws Exception {
    SimulatorConfig config = SimulatorConfig.builder()
        .seed(42)
        .clock(clock)
        // Tighter than the documents, as if another bot on the same account had used most of the budget.
        .rateLimit(RateLimitRule.BINANCE_REQUEST_WEIGHT, 40)
        .rateLimit(RateLimitRule.OKX_PLACE_ORDER, 5)
        .rateLimit(RateLimitRule.BYBIT_CREATE_ORDER, 3)
        .rateLimit(RateLimitRule.BITGET_PLACE_ORDER, 3)
        .slowResponseDelay(READ_TIMEOUT.plusSeconds(1))
        .build();
    long started = System.nanoTime();
    java.time.Instant virtualStart = clock.instant();
    out.println("exchange-resilience demo: four simulated exchanges on loopback (seed 42).");
    out.println("Waits run on the simulator's virtual clock, so the session takes seconds, not minutes.");
    out.println("Each step: what it shows, how the call ended, and how many requests the exchange received for it"
        + " (placements, order lookups and time requests alike).");
    out.println();
    Map<Exchange, OkHttpClient> clients = new EnumMap<>(Exchange.class);
    try (ExchangeSimulator simulator = new ExchangeSimulator(config).start()) {
      for (Exchange exchange : Exchange.values()) {
        OkHttpClient client = client(exchange);
        clients.put(exchange, client);
        session(exchange, client, simulator);
      }
      out.println();
      tally.print(out);
      out.println(ResilienceTally.LEGEND);
      out.println();
      verify(simulator);
      new WebSocketDemo(out, clock, failures).run(simulator);
    } finally {
      clients.values().forEach(client -> {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      });
    }
    out.printf("Finished in %.1f s of real time and %d s of the simulator's virtual time.%n",
        (System.nanoTime() - started) / 1e9, Duration.between(virtualStart, clock.instant()).toSeconds());
    out.println(failures.isEmpty() ? "Every expectation held." : "FAILED: " + failures);
    return failures;
  }

  private OkHttpClient client(Exchange exchange) {
    ExchangeResilienceInterceptor interceptor = ExchangeResilienceInterceptor.builder(exchange)
        .clock(clock)
        .sleeper(clock::advance)
        // The built-in reconciler: looks the order up by client id through this same interceptor, signed by its
        // signer. The simulator checks no signature, so this one adds none; against an exchange, ExchangeSigning
        // signs every attempt and every lookup.
        .signer(request -> request.request())
        .reconciler(OrderLookupReconciler.builder(exchange).build())
        .timeSync(e -> out.println("    time sync: " + e.id() + " clock offset refreshed"))
        .listener(tally)
        .build();
    return new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .readTimeout(READ_TIMEOUT)
        .addInterceptor(interceptor)
        .build();
  }

  private void session(Exchange exchange, OkHttpClient client, ExchangeSimulator simulator) {
    HttpUrl base = simulator.url(exchange);
    out.println("== " + exchange.displayName());
    Step step = new Step(exchange, client, simulator, base);

    step.order("an order is accepted", null, Expect.ANSWER_2XX);
    step.order("a business rejection is handed back unchanged, not retried", FaultKind.INSUFFICIENT_MARGIN,
        Expect.REJECTED_ANSWER);
    step.order("the exchange is busy: retried after a backoff", FaultKind.BUSY, Expect.ANSWER_2XX);
    step.order("the timestamp is refused: time resync, one resend", FaultKind.CLOCK_SKEW, Expect.ANSWER_2XX);
    step.order("a timeout after the order was placed: reconciled, found", FaultKind.TIMEOUT_PLACED, Expect.ANSWER_2XX);
    step.order("a timeout before it was placed: reconciled, resent once", FaultKind.TIMEOUT_NOT_PLACED,
        Expect.ANSWER_2XX);
    step.order("a CDN's HTML 502 after the order was placed: reconciled", FaultKind.HTML_502_PLACED, Expect.ANSWER_2XX);
    step.order("the connection is reset after the order was sent: reconciled", FaultKind.CONNECTION_RESET,
        Expect.ANSWER_2XX);
    step.order("the account may not trade: the refusal thrown, not retried", FaultKind.ACCOUNT_RESTRICTED,
        Expect.EXCHANGE_ERROR);
    step.burst();
    step.order("the API key is refused: the refusal thrown, the key cools down", FaultKind.AUTH_REJECTED,
        Expect.EXCHANGE_ERROR);
    step.order("the same key again: refused locally, nothing sent", null, Expect.FAIL_FAST);
    clock.advance(Duration.ofSeconds(31));
    step.order("after the cool-down the key is tried again", null, Expect.ANSWER_2XX);
    step.maintenance();
    out.println();
  }

  private enum Expect { ANSWER_2XX, REJECTED_ANSWER, UNAVAILABLE_ANSWER, EXCHANGE_ERROR, FAIL_FAST }

  /** One exchange's steps, each printed with what the simulator received. */
  private final class Step {
    private final Exchange exchange;
    private final OkHttpClient client;
    private final ExchangeSimulator simulator;
    private final HttpUrl base;

    Step(Exchange exchange, OkHttpClient client, ExchangeSimulator simulator, HttpUrl base) {
      this.exchange = exchange;
      this.client = client;
      this.simulator = simulator;
      this.base = base;
    }

    void order(String title, FaultKind fault, Expect expected) {
      if (fault != null) {
        simulator.scriptPlacements(exchange, fault);
      }
      long before = simulator.stats(exchange).requests();
      String outcome = call(ExchangeRequests.placeOrder(exchange, base, nextClientOrderId()));
      report(title, outcome, before, expected);
    }

    /** More orders than the simulated budget allows, at once: the exchange refuses, the client waits as told. */
    void burst() {
      long before = simulator.stats(exchange).requests();
      long refusalsBefore = simulator.stats(exchange).rateLimitRefusals();
      int accepted = 0;
      String last = "";
      for (int i = 0; i < 45; i++) {
        last = call(ExchangeRequests.placeOrder(exchange, base, nextClientOrderId()));
        if (last.startsWith("HTTP 2")) {
          accepted++;
        }
      }
      long refusals = simulator.stats(exchange).rateLimitRefusals() - refusalsBefore;
      String title = "45 orders at once, beyond the budget: refused, waited, retried";
      String outcome = accepted + " accepted, " + refusals + " refused for rate, " + simulator.stats(exchange).bans()
          + " bans";
      print(title, outcome, simulator.stats(exchange).requests() - before);
      if (accepted != 45 || refusals == 0 || simulator.stats(exchange).bans() != 0) {
        failures.add(exchange.id() + ": " + title + ": " + outcome + " (last: " + last + ")");
      }
    }

    /** Reads during maintenance: each retried and handed back, until the circuit breaker opens. */
    void maintenance() {
      FaultKind[] down = new FaultKind[12];
      java.util.Arrays.fill(down, FaultKind.MAINTENANCE);
      simulator.scriptReads(exchange, down);
      for (int read = 1; read <= 6; read++) {
        long before = simulator.stats(exchange).requests();
        String outcome = call(ExchangeRequests.serverTime(exchange, base));
        if (outcome.startsWith("fail-fast")) {
          report("still down: the circuit breaker opened, the read fails locally", outcome, before, Expect.FAIL_FAST);
          return;
        }
        report("maintenance: read " + read + " retried, then handed back", outcome, before, Expect.UNAVAILABLE_ANSWER);
      }
      failures.add(exchange.id() + ": the circuit breaker never opened");
    }

    private String call(Request request) {
      tally.forgetLast(exchange);
      try (Response response = client.newCall(request).execute()) {
        response.body().string();
        PolicyClass handledAs = tally.lastHandledAs(exchange);
        return "HTTP " + response.code() + (handledAs == null ? "" : ", " + handledAs);
      } catch (FailFastException e) {
        return "fail-fast " + e.reason();
      } catch (ExchangeErrorException e) {
        return e.policyClass() + " " + e.code().orElse("") + " (HTTP " + e.httpStatus() + ")";
      } catch (IOException e) {
        return "I/O " + e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }

    private void report(String title, String outcome, long requestsBefore, Expect expected) {
      long sent = simulator.stats(exchange).requests() - requestsBefore;
      print(title, outcome, sent);
      boolean ok = switch (expected) {
        case ANSWER_2XX -> outcome.startsWith("HTTP 2");
        case REJECTED_ANSWER -> outcome.startsWith("HTTP ") && outcome.endsWith(PolicyClass.REJECTED.name());
        case UNAVAILABLE_ANSWER -> outcome.startsWith("HTTP 5") && outcome.endsWith(PolicyClass.UNAVAILABLE.name());
        case EXCHANGE_ERROR -> outcome.startsWith(PolicyClass.AUTH.name())
            || outcome.startsWith(PolicyClass.ACCOUNT_RESTRICTED.name());
        case FAIL_FAST -> outcome.startsWith("fail-fast");
      };
      if (!ok) {
        failures.add(exchange.id() + ": " + title + ": expected " + expected + ", got " + outcome);
      }
    }

    private void print(String title, String outcome, long sent) {
      out.printf("  %-66s %-38s %2d received%n", title, outcome, sent);
    }

    private String nextClientOrderId() {
      // Letters and digits only: the one format every exchange accepts (OKX allows nothing else).
      return "demo" + exchange.ordinal() + "n" + (++orderSequence);
    }
  }

  /** The checks the demo stands on: every class met, no order twice, none whose fate is unknown. */
  private void verify(ExchangeSimulator simulator) {
    Map<Exchange, Set<String>> seen = tally.classesSeen();
    for (Exchange exchange : Exchange.values()) {
      Set<String> classes = seen.getOrDefault(exchange, Set.of());
      for (PolicyClass klass : PolicyClass.values()) {
        if (klass != PolicyClass.UNKNOWN && klass != PolicyClass.PARTIAL_SUCCESS && !classes.contains(klass.name())) {
          failures.add(exchange.id() + " never met " + klass);
        }
      }
      List<SimulatedOrder> orders = simulator.orders(exchange);
      long distinct = orders.stream().map(SimulatedOrder::clientOrderId).distinct().count();
      out.printf("%-14s %3d orders on the exchange, %d placed twice, %d duplicate placements refused%n",
          exchange.id(), orders.size(), orders.size() - distinct, simulator.duplicateAttempts(exchange));
      if (distinct != orders.size() || simulator.duplicateAttempts(exchange) != 0) {
        failures.add(exchange.id() + ": an order was sent twice");
      }
    }
  }
}
