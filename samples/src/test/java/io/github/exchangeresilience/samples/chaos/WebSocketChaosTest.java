package io.github.exchangeresilience.samples.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.NotExecutedException;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import io.github.exchangeresilience.okhttp.signing.Credentials;
import io.github.exchangeresilience.okhttp.signing.CredentialsProvider;
import io.github.exchangeresilience.okhttp.signing.ExchangeSigning;
import io.github.exchangeresilience.okhttp.websocket.ExchangeWebSocketSession;
import io.github.exchangeresilience.okhttp.websocket.WebSocketAnswer;
import io.github.exchangeresilience.okhttp.websocket.WebSocketSessionListener;
import io.github.exchangeresilience.samples.demo.ExchangeRequests;
import io.github.exchangeresilience.samples.demo.ResilienceTally;
import io.github.exchangeresilience.samples.simulator.ExchangeSimulator;
import io.github.exchangeresilience.samples.simulator.FaultKind;
import io.github.exchangeresilience.samples.simulator.ManualClock;
import io.github.exchangeresilience.samples.simulator.RateLimitRule;
import io.github.exchangeresilience.samples.simulator.SimulatedOrder;
import io.github.exchangeresilience.samples.simulator.SimulatorConfig;
import io.github.exchangeresilience.samples.simulator.WebSocketFault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Thousands of orders over the four exchanges' WebSocket order APIs through the library's sessions, with every fault
 * the simulator knows at 10 % of the order frames: connections dropped after an order was read (placed or not),
 * answers after the client's timeout, the server closing with orders in flight, restarts, pongs that stop, logins
 * refused, and error frames of every class the catalog routes (timeouts placed or not, clock skew, a busy service, a
 * restricted account, maintenance, rate limits, margin rejections). No order may be placed twice, and the client must
 * know every order's fate, equal to the simulator's order book. The same faults against a naive WebSocket client that
 * sends an order again whenever its answer does not come show the duplicates the library prevents.
 *
 * <p>Two phases keep each kind at 10 % while most orders still go through: first the transport's faults, then the
 * error frames. Rate windows, backoffs and lookups run on a virtual clock; the late answers and the keep-alive are
 * real, beyond the client's timeout.
 */
class WebSocketChaosTest {
  static final int ORDERS_PER_PHASE = 300;
  private static final int WORKERS_PER_EXCHANGE = 10;
  private static final double RATE = 0.10;
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);
  private static final Credentials CREDENTIALS = Credentials.of("chaos-key", "chaos-secret", "chaos-passphrase");
  private static final List<WebSocketFault> TRANSPORT_FAULTS = List.of(WebSocketFault.DROP_PLACED,
      WebSocketFault.DROP_NOT_PLACED, WebSocketFault.LATE_ANSWER, WebSocketFault.SERVER_CLOSE, WebSocketFault.RESTART,
      WebSocketFault.MISSED_PONG);
  private static final List<FaultKind> ERROR_FRAMES = List.of(FaultKind.TIMEOUT_PLACED, FaultKind.TIMEOUT_NOT_PLACED,
      FaultKind.CLOCK_SKEW, FaultKind.BUSY, FaultKind.ACCOUNT_RESTRICTED, FaultKind.MAINTENANCE);

  /** What the client believes became of one order. */
  enum Fate { PLACED, NOT_PLACED, UNKNOWN }

  /** Any exchange's client order id in a request body, by the field its specification names. */
  private static final java.util.regex.Pattern CLIENT_ORDER_ID = java.util.regex.Pattern.compile("\"(?:"
      + java.util.Arrays.stream(Exchange.values()).map(e -> java.util.regex.Pattern.quote(
          e.spec().orders().clientOrderIdField())).distinct().collect(Collectors.joining("|")) + ")\":\"([^\"]+)\"");

  private static final Map<String, String> LAST_SEEN = new ConcurrentHashMap<>();
  /** Every answer, retry and reconcile of each order, in order, for failure messages. */
  private static final Map<String, List<String>> TRACE = new ConcurrentHashMap<>();

  private static void trace(okhttp3.Request request, String event) {
    String key = "?";
    if (request.body() != null) {
      okio.Buffer body = new okio.Buffer();
      try {
        request.body().writeTo(body);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      java.util.regex.Matcher id = CLIENT_ORDER_ID.matcher(body.readUtf8());
      key = id.find() ? id.group(1) : "?";
    }
    TRACE.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(System.nanoTime() / 1_000_000 % 100_000 + " " + event);
  }

  /** Records each order's history into {@link #TRACE}. */
  private static final class Tracer implements ResilienceListener {
    @Override
    public void onResponse(Exchange exchange, okhttp3.Request request,
        io.github.exchangeresilience.decode.DecodedResponse decoded, PolicyClass handledAs) {
      trace(request, "answered " + decoded.httpStatus() + " " + decoded.code().orElse("-") + " as " + handledAs);
    }

    @Override
    public void onRetry(Exchange exchange, okhttp3.Request request, PolicyClass cause, int attempt, Duration wait) {
      trace(request, "retry " + attempt + " after " + cause + " in " + wait.toMillis() + " ms");
    }

    @Override
    public void onReconcile(Exchange exchange, okhttp3.Request request,
        io.github.exchangeresilience.decision.ReconcileOutcome outcome) {
      trace(request, "reconciled " + outcome);
    }

    @Override
    public void onIoFailure(Exchange exchange, okhttp3.Request request, Exception failure) {
      trace(request, "failed " + failure);
    }

    @Override
    public void onFailFast(Exchange exchange, okhttp3.Request request, FailFastException.Reason reason) {
      trace(request, "fail-fast " + reason);
    }
  }

  @Test
  void theSessionsNeverPlaceAnOrderTwiceAndKnowTheFateOfEveryOrder() throws Exception {
    Map<Exchange, Map<String, Fate>> fates = new EnumMap<>(Exchange.class);
    Map<Exchange, Map<String, Long>> injected = new EnumMap<>(Exchange.class);
    Map<Exchange, Long> resends = new EnumMap<>(Exchange.class);
    Map<Exchange, Long> transportPhaseFrames = new EnumMap<>(Exchange.class);
    ResilienceTally tally = new ResilienceTally();
    Map<Exchange, java.util.concurrent.atomic.AtomicLong> disconnects = new java.util.concurrent.ConcurrentHashMap<>();
    long started = System.nanoTime();
    for (int phase = 0; phase < 2; phase++) {
      ManualClock clock = ManualClock.atMinuteStart();
      try (ExchangeSimulator simulator = new ExchangeSimulator(config(phase, clock)).start()) {
        int currentPhase = phase;
        Map<Exchange, Map<String, Fate>> phaseFates = runAll(ORDERS_PER_PHASE, exchange -> {
          ExchangeWebSocketSession session = session(simulator, exchange, clock, tally, disconnects);
          return new Placer() {
            @Override
            public Fate place(int index) {
              Map<String, Object> order = ExchangeRequests.webSocketOrder(exchange, Integer.toString(index + 1));
              order.put(exchange.spec().orders().clientOrderIdField(), "ws" + exchange.ordinal() + "p"
                  + currentPhase + "n" + index);
              return fateThroughTheSession(session, order);
            }

            @Override
            public void close() {
              session.close();
            }
          };
        }, exchange -> "ws" + exchange.ordinal() + "p" + currentPhase + "n");
        for (Exchange exchange : Exchange.values()) {
          Map<String, Fate> known = phaseFates.get(exchange);
          assertThat(known.values()).as("%s: orders whose fate the client does not know: %s", exchange,
                  known.entrySet().stream().filter(order -> order.getValue() == Fate.UNKNOWN).limit(5)
                      .map(order -> order.getKey() + " saw " + LAST_SEEN.get(order.getKey())).toList())
              .doesNotContain(Fate.UNKNOWN);
          for (Map.Entry<String, Fate> order : known.entrySet()) {
            boolean placed = simulator.order(exchange, order.getKey()).isPresent();
            assertThat(order.getValue()).as("%s %s: faults %s %s; the client saw %s", exchange, order.getKey(),
                    simulator.webSocketFaults(exchange).stream()
                        .filter(fault -> order.getKey().equals(fault.clientOrderId())).toList(),
                    simulator.faults(exchange).stream()
                        .filter(fault -> fault.clientOrderIds().contains(order.getKey())).toList(),
                    LAST_SEEN.get(order.getKey()) + "; trace " + TRACE.get(order.getKey()))
                .isEqualTo(placed ? Fate.PLACED : Fate.NOT_PLACED);
          }
          assertThat(placedTwice(simulator.orders(exchange), SimulatedOrder::clientOrderId)).isZero();
          resends.merge(exchange, simulator.duplicateAttempts(exchange), Long::sum);
          fates.computeIfAbsent(exchange, e -> new TreeMap<>()).putAll(known);
          Map<String, Long> byKind = injected.computeIfAbsent(exchange, e -> new TreeMap<>());
          simulator.webSocketFaults(exchange).forEach(fault -> byKind.merge(fault.kind().name(), 1L, Long::sum));
          simulator.faults(exchange).forEach(fault -> byKind.merge(fault.kind().name(), 1L, Long::sum));
          byKind.merge("connections", (long) simulator.webSocketConnections(exchange), Long::sum);
          byKind.merge("order frames", (long) simulator.webSocketOrderFrames(exchange), Long::sum);
          if (phase == 0) {
            transportPhaseFrames.put(exchange, (long) simulator.webSocketOrderFrames(exchange));
          }
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    System.out.printf("WebSocket chaos suite, with the library (%.1f s):%n", seconds);
    long orders = 0;
    for (Exchange exchange : Exchange.values()) {
      Map<Fate, Long> outcome = fates.get(exchange).values().stream()
          .collect(Collectors.groupingBy(fate -> fate, () -> new EnumMap<>(Fate.class), Collectors.counting()));
      long[] totals = tally.totals(exchange);
      orders += fates.get(exchange).size();
      System.out.printf("  %-13s %d orders %s; faults %s; %d disconnects with orders in flight; %d retries, %d"
              + " reconciles, %d fail-fasts; %d resends of a placed order refused as duplicates%n", exchange.id(),
          fates.get(exchange).size(), outcome, injected.get(exchange), disconnects.get(exchange).get(), totals[1],
          totals[3], totals[4], resends.get(exchange));
    }
    assertThat(orders).isGreaterThanOrEqualTo(2000);
    for (Exchange exchange : Exchange.values()) {
      long atLeast = (long) (ORDERS_PER_PHASE * RATE * 0.6);
      // Orders refused before they are sent (no connection logged in yet) never reach the server: at least half must.
      long frames = transportPhaseFrames.get(exchange);
      assertThat(frames).as("%s: order frames the server read among the transport faults", exchange)
          .isGreaterThanOrEqualTo(ORDERS_PER_PHASE / 2);
      for (WebSocketFault kind : TRANSPORT_FAULTS) {
        if (kind.supportedBy(exchange)) {
          assertThat(injected.get(exchange).getOrDefault(kind.name(), 0L))
              .as("%s %s injected in %d order frames", exchange, kind, frames)
              .isGreaterThanOrEqualTo((long) (frames * RATE * 0.6));
        }
      }
      for (FaultKind kind : ERROR_FRAMES) {
        assertThat(injected.get(exchange).getOrDefault(kind.name(), 0L)).as("%s %s injected", exchange, kind)
            .isGreaterThanOrEqualTo(atLeast);
      }
      if (WebSocketFault.LOGIN_FAILED.supportedBy(exchange)) {
        assertThat(injected.get(exchange)).containsKey(WebSocketFault.LOGIN_FAILED.name());
      }
      assertThat(disconnects.get(exchange).get()).as("%s: disconnects with orders in flight", exchange)
          .isGreaterThanOrEqualTo(atLeast);
      assertThat(resends.get(exchange)).as("%s: resends of an order already placed", exchange)
          .isLessThanOrEqualTo(ORDERS_PER_PHASE / 100);
    }
  }

  @Test
  void aNaiveWebSocketClientThatSendsAgainWhenNoAnswerComesPlacesOrdersTwice() throws Exception {
    Map<Exchange, Long> duplicates = new EnumMap<>(Exchange.class);
    for (int phase = 0; phase < 2; phase++) {
      ManualClock clock = ManualClock.atMinuteStart();
      try (ExchangeSimulator simulator = new ExchangeSimulator(config(phase, clock)).start()) {
        // Fewer orders than the library's run: the duplicates show long before, and every one of its failed tries
        // waits out the timeout on a connection of its own.
        runAll(ORDERS_PER_PHASE / 2, exchange -> new NaiveWebSocketClient(exchange, simulator.webSocketUrl(exchange),
            REQUEST_TIMEOUT, clock), exchange -> "");
        for (Exchange exchange : Exchange.values()) {
          // No client order id: the quantity tells which intended order each placed order belongs to.
          duplicates.merge(exchange, placedTwice(simulator.orders(exchange), SimulatedOrder::quantity), Long::sum);
        }
      }
    }
    System.out.println("WebSocket chaos suite, naive client sending again when no answer comes: orders placed twice"
        + " or more " + duplicates);
    assertThat(duplicates.values().stream().mapToLong(Long::longValue).sum()).as("duplicates a naive client creates")
        .isGreaterThan(100);
  }

  private static SimulatorConfig config(int phase, ManualClock clock) {
    SimulatorConfig.Builder config = SimulatorConfig.builder()
        // A seed whose draws for each exchange hold every transport fault at least 0.69 times its share in every
        // prefix from 100 to 600 order frames: how many orders reach the server depends on the logins and reconnects
        // the run meets, and the count of each fault must not depend on where that number lands.
        .seed(phase == 0 ? 11234 : 2026)
        .clock(clock)
        .slowResponseDelay(REQUEST_TIMEOUT.multipliedBy(2))
        .binanceRefusalsBeforeBan(1_000)
        .fault(FaultKind.INSUFFICIENT_MARGIN, RATE)
        // Lookups are not what this suite is about: their windows stay out of the way.
        .rateLimit(RateLimitRule.OKX_GET_ORDER, 10_000)
        .rateLimit(RateLimitRule.BYBIT_QUERY_ORDER, 10_000)
        .rateLimit(RateLimitRule.BITGET_ORDER_DETAIL, 10_000);
    if (phase == 0) {
      TRANSPORT_FAULTS.forEach(kind -> config.webSocketFault(kind, RATE));
      config.webSocketFault(WebSocketFault.LOGIN_FAILED, 0.2);
    } else {
      ERROR_FRAMES.forEach(kind -> config.fault(kind, RATE));
      // Windows narrower than the budgets the library paces to: the exchanges refuse for rate now and then.
      config.rateLimit(RateLimitRule.OKX_PLACE_ORDER, 40)
          .rateLimit(RateLimitRule.BYBIT_CREATE_ORDER, 8)
          .rateLimit(RateLimitRule.BITGET_PLACE_ORDER, 8)
          .rateLimit(RateLimitRule.BINANCE_ORDERS_10S, 150);
    }
    return config.build();
  }

  private static ExchangeWebSocketSession session(ExchangeSimulator simulator, Exchange exchange, ManualClock clock,
      ResilienceTally tally, Map<Exchange, java.util.concurrent.atomic.AtomicLong> disconnects) {
    java.util.concurrent.atomic.AtomicLong inFlightDrops = disconnects.computeIfAbsent(exchange,
        e -> new java.util.concurrent.atomic.AtomicLong());
    ExchangeSigning signing = ExchangeSigning.builder(exchange, CredentialsProvider.of(CREDENTIALS)).build();
    ExchangeResilienceInterceptor interceptor = signing.configure(ExchangeResilienceInterceptor.builder(exchange))
        .clock(clock)
        // Room for the resend after a "not executed" that an order the server got to late turns into a duplicate
        // refusal, which the library reconciles as found.
        .maxAttempts(6)
        .sleeper(wait -> {
          // Virtual time for windows, backoffs and lookups, and a few real milliseconds so that the server gets on
          // with what it was sent, as it would during a real wait.
          clock.advance(wait);
          sleepQuietly(Math.min(wait.toMillis(), 10));
        })
        .listener(ResilienceListener.composite(List.of(tally, new Tracer())))
        // A breaker that stays out of the way: a dropped connection fails every order in flight on it, and at these
        // fault rates any ordinary breaker would open and hide the traffic this suite is about. The breaker has tests
        // of its own.
        .circuitBreakerConfig(CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(500).minimumNumberOfCalls(500).failureRateThreshold(100)
            .waitDurationInOpenState(Duration.ofMillis(100)).build())
        .build();
    return ExchangeWebSocketSession.builder(interceptor, exchange)
        .url(simulator.webSocketUrl(exchange))
        .restBaseUrl(simulator.url(exchange))
        .signer(signing.webSocketSigner())
        .requestTimeout(REQUEST_TIMEOUT)
        .connectWait(Duration.ofSeconds(20))
        .keepAliveInterval(Duration.ofMillis(60))
        .reconnectBackoff(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(2), 2.0, 0.5,
            Duration.ofMillis(30)))
        .listener(new WebSocketSessionListener() {
          @Override
          public void onDisconnected(Exchange exchange, int connection, String reason, int inFlight) {
            if (inFlight > 0) {
              inFlightDrops.incrementAndGet();
            }
          }
        })
        .build();
  }

  /** What an application using a session knows after one order. */
  private static Fate fateThroughTheSession(ExchangeWebSocketSession session, Map<String, Object> order) {
    String id = String.valueOf(order.get(session.exchange().spec().orders().clientOrderIdField()));
    try {
      WebSocketAnswer answer = session.placeOrder(order).get(2, TimeUnit.MINUTES);
      LAST_SEEN.put(id, answer.toString());
      if (!answer.reconciled() && answer.decoded().orElseThrow().policyClass() == PolicyClass.EXECUTION_UNKNOWN) {
        return Fate.UNKNOWN;
      }
      return answer.succeeded() ? Fate.PLACED : Fate.NOT_PLACED;
    } catch (ExecutionException e) {
      LAST_SEEN.put(id, String.valueOf(e.getCause()));
      Throwable cause = e.getCause();
      return cause instanceof NotExecutedException || cause instanceof ExchangeErrorException
          || cause instanceof FailFastException ? Fate.NOT_PLACED : Fate.UNKNOWN;
    } catch (Exception e) {
      LAST_SEEN.put(id, e.toString());
      return Fate.UNKNOWN;
    }
  }

  /** Places the orders of one exchange, one at a time per worker. */
  interface Placer extends AutoCloseable {
    Fate place(int index) throws Exception;

    @Override
    void close();
  }

  /** Every exchange at once, several workers each; returns each order's fate as the client saw it, by its key. */
  private static Map<Exchange, Map<String, Fate>> runAll(int orders, Function<Exchange, Placer> placers,
      Function<Exchange, String> keys) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS_PER_EXCHANGE * Exchange.values().length);
    Map<Exchange, Map<String, Fate>> fates = new EnumMap<>(Exchange.class);
    List<Future<?>> work = new ArrayList<>();
    List<Placer> used = new ArrayList<>();
    try {
      for (Exchange exchange : Exchange.values()) {
        Placer placer = placers.apply(exchange);
        used.add(placer);
        Map<String, Fate> known = new ConcurrentHashMap<>();
        fates.put(exchange, known);
        for (int i = 0; i < orders; i++) {
          int index = i;
          work.add(pool.submit(() -> {
            known.put(keys.apply(exchange) + index, placer.place(index));
            return null;
          }));
        }
      }
      for (Future<?> each : work) {
        each.get();
      }
    } finally {
      pool.shutdown();
      used.forEach(Placer::close);
    }
    return fates;
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many orders beyond the first share a key: the duplicates. */
  private static <K> long placedTwice(List<SimulatedOrder> orders, Function<SimulatedOrder, K> key) {
    return orders.stream().collect(Collectors.groupingBy(key, Collectors.counting())).values().stream()
        .mapToLong(count -> count - 1).sum();
  }
}
