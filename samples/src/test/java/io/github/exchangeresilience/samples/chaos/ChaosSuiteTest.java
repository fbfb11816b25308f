package io.github.exchangeresilience.samples.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.ResponseSnapshot;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.ExecutionUnknownException;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.NotExecutedException;
import io.github.exchangeresilience.okhttp.reconcile.OrderLookupReconciler;
import io.github.exchangeresilience.samples.demo.ExchangeRequests;
import io.github.exchangeresilience.samples.demo.ResilienceTally;
import io.github.exchangeresilience.samples.simulator.ExchangeSimulator;
import io.github.exchangeresilience.samples.simulator.FaultKind;
import io.github.exchangeresilience.samples.simulator.InjectedFault;
import io.github.exchangeresilience.samples.simulator.ManualClock;
import io.github.exchangeresilience.samples.simulator.SimulatedOrder;
import io.github.exchangeresilience.samples.simulator.SimulatorConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Thousands of orders across the four simulated exchanges, every fault kind at 10 % of placements, through the
 * interceptor and its built-in reconciler, which queries the simulator. The simulator must end with no order placed twice, and the
 * client must know every order's fate, matching the simulator's order book. The same faults against a naive client
 * that retries everything show the duplicates the library prevents.
 *
 * <p>Faults come in two phases, so that each kind is drawn at 10 % while half of all placements still go through:
 * first the "timeout, placed or not", HTML 502 and reset kinds, then slow answers, clock skew and Binance's three 503
 * variants. Margin rejections are drawn at 10 % per item in both. Rate windows and the client's waits run on a virtual
 * clock; the slow answers are real, beyond the client's read timeout.
 */
class ChaosSuiteTest {
  private static final int ORDERS_PER_PHASE = 400;
  private static final int THREADS_PER_EXCHANGE = 4;
  private static final double RATE = 0.10;
  private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
  private static final List<List<FaultKind>> PHASES = List.of(
      List.of(FaultKind.TIMEOUT_PLACED, FaultKind.TIMEOUT_NOT_PLACED, FaultKind.HTML_502_PLACED,
          FaultKind.HTML_502_NOT_PLACED, FaultKind.CONNECTION_RESET),
      List.of(FaultKind.SLOW_RESPONSE, FaultKind.CLOCK_SKEW, FaultKind.BINANCE_UNKNOWN_ERROR,
          FaultKind.BINANCE_SERVICE_UNAVAILABLE, FaultKind.BINANCE_INTERNAL_ERROR));

  /** What the client believes became of one order. */
  enum Fate { PLACED, NOT_PLACED, UNKNOWN }

  /** Why a call left its order's fate unknown, for the failure message. */
  private static final Map<String, String> UNKNOWN_BECAUSE = new ConcurrentHashMap<>();
  /** What the client saw at the end of each call, by client order id, for failure messages. */
  private static final Map<String, String> LAST_SEEN = new ConcurrentHashMap<>();
  /** Resends of an order that had in fact been placed, refused by the exchange as duplicates, per exchange. */
  private static final Map<Exchange, Long> RESENDS_OF_PLACED = new java.util.concurrent.ConcurrentHashMap<>();
  /** Every answer, retry and reconcile of each order, in order, for failure messages. */
  private static final Map<String, List<String>> TRACE = new ConcurrentHashMap<>();

  private static void trace(Request request, String event) {
    String id = request.url().queryParameter("origClientOrderId");
    for (String name : List.of("clOrdId", "orderLinkId", "clientOid")) {
      if (id == null) {
        id = request.url().queryParameter(name);
      }
    }
    String key = id != null ? id : request.body() != null ? clientOrderIdOf(request) : "?";
    TRACE.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(request.method() + " " + event);
  }

  /** Records each order's history into {@link #TRACE}. */
  private static final class Tracer implements io.github.exchangeresilience.okhttp.ResilienceListener {
    @Override
    public void onResponse(Exchange exchange, Request request, DecodedResponse decoded, PolicyClass handledAs) {
      trace(request, "answered " + decoded.httpStatus() + " " + decoded.code().orElse("-")
          + (decoded.items().size() == 1 ? "/" + decoded.items().get(0).code() : "") + " as " + handledAs);
    }

    @Override
    public void onRetry(Exchange exchange, Request request, PolicyClass cause, int attempt, Duration wait) {
      trace(request, "retry " + attempt + " after " + cause + " in " + wait.toMillis() + " ms");
    }

    @Override
    public void onReconcile(Exchange exchange, Request request,
        io.github.exchangeresilience.decision.ReconcileOutcome outcome) {
      trace(request, "reconciled " + outcome);
    }

    @Override
    public void onIoFailure(Exchange exchange, Request request, Exception failure) {
      trace(request, "failed " + failure.getClass().getSimpleName());
    }

    @Override
    public void onFailFast(Exchange exchange, Request request,
        io.github.exchangeresilience.okhttp.FailFastException.Reason reason) {
      trace(request, "fail-fast " + reason);
    }
  }

  @Test
  void theLibraryNeverPlacesAnOrderTwiceAndKnowsTheFateOfEveryOrder() throws Exception {
    Map<Exchange, Map<String, Fate>> fates = new EnumMap<>(Exchange.class);
    Map<Exchange, List<InjectedFault>> faults = new EnumMap<>(Exchange.class);
    ResilienceTally tally = new ResilienceTally();
    for (int phase = 0; phase < PHASES.size(); phase++) {
      ManualClock clock = ManualClock.atMinuteStart();
      try (ExchangeSimulator simulator = new ExchangeSimulator(config(phase, clock)).start()) {
        Map<Exchange, Map<String, Fate>> phaseFates = runAll(simulator, exchange -> withLibrary(exchange, clock, tally),
            (exchange, intent) -> "chaos" + exchange.ordinal() + "p" + intent.phase + "n" + intent.index,
            ChaosSuiteTest::fateThroughTheLibrary, phase);
        for (Exchange exchange : Exchange.values()) {
          Map<String, Fate> known = phaseFates.get(exchange);
          // The simulator's book is the ground truth: what the client believes must match it, order by order.
          assertThat(known.values()).as("%s: orders whose fate the client does not know: %s", exchange,
              UNKNOWN_BECAUSE).doesNotContain(Fate.UNKNOWN);
          for (Map.Entry<String, Fate> order : known.entrySet()) {
            boolean placed = simulator.order(exchange, order.getKey()).isPresent();
            assertThat(order.getValue()).as("%s %s; faults on it %s; the client saw %s; trace %s", exchange,
                    order.getKey(), simulator.faults(exchange).stream()
                        .filter(fault -> fault.clientOrderIds().contains(order.getKey())).toList(),
                    LAST_SEEN.get(order.getKey()), TRACE.get(order.getKey()))
                .isEqualTo(placed ? Fate.PLACED : Fate.NOT_PLACED);
          }
          // A placement the server gets to only after the client's timeout and every one of the reconciler's lookups
          // cannot be told from one that never arrived; the resend then meets the exchange's duplicate check, which
          // the library reconciles, so it never becomes a second order (asserted above and below). Such resends must
          // stay rare: at most a quarter of a percent of the orders, even on a loaded machine.
          long resends = simulator.duplicateAttempts(exchange);
          RESENDS_OF_PLACED.merge(exchange, resends, Long::sum);
          assertThat(resends).as("%s: resends of an order already placed", exchange)
              .isLessThanOrEqualTo(ORDERS_PER_PHASE / 400);
          assertThat(placedTwice(simulator.orders(exchange), SimulatedOrder::clientOrderId)).isZero();
          fates.computeIfAbsent(exchange, e -> new ConcurrentHashMap<>()).putAll(known);
          faults.computeIfAbsent(exchange, e -> new ArrayList<>()).addAll(simulator.faults(exchange));
        }
      }
    }

    System.out.println("Chaos suite, with the library:");
    Map<Exchange, Map<FaultKind, Long>> injected = new EnumMap<>(Exchange.class);
    for (Exchange exchange : Exchange.values()) {
      Map<FaultKind, Long> byKind = faults.get(exchange).stream()
          .collect(Collectors.groupingBy(InjectedFault::kind, () -> new EnumMap<>(FaultKind.class),
              Collectors.counting()));
      injected.put(exchange, byKind);
      long[] totals = tally.totals(exchange);
      Map<Fate, Long> outcome = fates.get(exchange).values().stream()
          .collect(Collectors.groupingBy(fate -> fate, () -> new EnumMap<>(Fate.class), Collectors.counting()));
      System.out.printf("  %-13s %d orders %s; %d requests; faults %s; %d retries, %.0f s waited, %d reconciles,"
              + " %d fail-fasts; %d resends of a placed order refused as duplicates%n", exchange.id(),
          fates.get(exchange).size(), outcome, totals[0], byKind, totals[1], totals[2] / 1000.0, totals[3], totals[4],
          RESENDS_OF_PLACED.getOrDefault(exchange, 0L));
    }
    for (Exchange exchange : Exchange.values()) {
      for (List<FaultKind> phase : PHASES) {
        for (FaultKind kind : phase) {
          if (kind.supportedBy(exchange)) {
            assertThat(injected.get(exchange).getOrDefault(kind, 0L)).as("%s %s injected", exchange, kind)
                .isGreaterThanOrEqualTo((long) (ORDERS_PER_PHASE * RATE * 0.6));
          }
        }
      }
    }
  }

  @Test
  void aNaiveClientThatRetriesEverythingPlacesOrdersTwice() throws Exception {
    Map<Exchange, Long> duplicates = new EnumMap<>(Exchange.class);
    for (int phase = 0; phase < PHASES.size(); phase++) {
      ManualClock clock = ManualClock.atMinuteStart();
      try (ExchangeSimulator simulator = new ExchangeSimulator(config(phase, clock)).start()) {
        runAll(simulator, exchange -> naiveClient(clock), (exchange, intent) -> null, ChaosSuiteTest::naiveFate, phase);
        for (Exchange exchange : Exchange.values()) {
          // No client order id: the quantity tells which intended order each placed order belongs to.
          duplicates.merge(exchange, placedTwice(simulator.orders(exchange), SimulatedOrder::quantity), Long::sum);
        }
      }
    }
    System.out.println("Chaos suite, naive client retrying everything: orders placed twice or more " + duplicates);
    assertThat(duplicates.values().stream().mapToLong(Long::longValue).sum())
        .as("duplicates a naive client creates").isGreaterThan(100);
  }

  private static SimulatorConfig config(int phase, ManualClock clock) {
    SimulatorConfig.Builder config = SimulatorConfig.builder()
        .seed(2026 + phase)
        .clock(clock)
        .slowResponseDelay(READ_TIMEOUT.multipliedBy(2))
        .fault(FaultKind.INSUFFICIENT_MARGIN, RATE);
    for (FaultKind kind : PHASES.get(phase)) {
      config.fault(kind, RATE);
    }
    return config.build();
  }

  private static OkHttpClient withLibrary(Exchange exchange, ManualClock clock, ResilienceTally tally) {
    return new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .readTimeout(READ_TIMEOUT)
        .addInterceptor(ExchangeResilienceInterceptor.builder(exchange)
            .clock(clock)
            .sleeper(wait -> {
              // Virtual time for windows and backoffs, and a few real milliseconds so that the server gets on with
              // what it was sent, as it would during a real wait.
              clock.advance(wait);
              sleepQuietly(Math.min(wait.toMillis(), 50));
            })
            .signer(request -> request.request()) // the simulator checks no signature; lookups need a signer
            .reconciler(OrderLookupReconciler.builder(exchange).build())
            .listener(io.github.exchangeresilience.okhttp.ResilienceListener.composite(List.of(tally, new Tracer())))
            // A wider window than the default: at 10 % slow answers, the tail of a run (where the slow calls finish
            // last) would open the default breaker for 30 real seconds and starve the rest of the run of faults.
            // The breaker has tests of its own; here it must not hide the traffic the suite is about.
            .circuitBreakerConfig(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(200).minimumNumberOfCalls(100).failureRateThreshold(80)
                .waitDurationInOpenState(Duration.ofSeconds(1)).build())
            .build())
        .build();
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * OkHttp as many bots use it: its own silent retry on, and every failure sent again, three times. Each request moves
   * the virtual clock on by 50 ms, the time a real one takes, so that rate windows pass for it as they would.
   */
  private static OkHttpClient naiveClient(ManualClock clock) {
    return new OkHttpClient.Builder()
        .retryOnConnectionFailure(true)
        .readTimeout(READ_TIMEOUT)
        .addInterceptor(chain -> {
          clock.advance(Duration.ofMillis(50));
          return chain.proceed(chain.request());
        })
        .build();
  }

  private record Intent(int phase, int index) {}

  interface IdScheme {
    String clientOrderId(Exchange exchange, Intent intent);
  }

  interface Placer {
    Fate place(Exchange exchange, OkHttpClient client, Request request) throws IOException;
  }

  /** Every exchange at once, several threads each; returns each client order id's fate as the client saw it. */
  private static Map<Exchange, Map<String, Fate>> runAll(ExchangeSimulator simulator,
      Function<Exchange, OkHttpClient> clients, IdScheme ids, Placer placer, int phase) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_EXCHANGE * Exchange.values().length);
    Map<Exchange, Map<String, Fate>> fates = new EnumMap<>(Exchange.class);
    List<Future<?>> work = new ArrayList<>();
    List<OkHttpClient> used = new ArrayList<>();
    try {
      for (Exchange exchange : Exchange.values()) {
        OkHttpClient client = clients.apply(exchange);
        used.add(client);
        HttpUrl base = simulator.url(exchange);
        Map<String, Fate> known = new ConcurrentHashMap<>();
        fates.put(exchange, known);
        for (int i = 0; i < ORDERS_PER_PHASE; i++) {
          Intent intent = new Intent(phase, i);
          String clientOrderId = ids.clientOrderId(exchange, intent);
          Request order = ExchangeRequests.placeOrder(exchange, base, clientOrderId, Integer.toString(i + 1));
          work.add(pool.submit(() -> {
            Fate fate = placer.place(exchange, client, order);
            known.put(clientOrderId != null ? clientOrderId : Integer.toString(intent.index), fate);
            return null;
          }));
        }
      }
      for (Future<?> each : work) {
        each.get();
      }
    } finally {
      pool.shutdown();
      used.forEach(client -> {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      });
    }
    return fates;
  }

  /** What an application using the library knows after one call. */
  private static Fate fateThroughTheLibrary(Exchange exchange, OkHttpClient client, Request order) {
    String id = clientOrderIdOf(order);
    try (Response response = client.newCall(order).execute()) {
      DecodedResponse decoded = decode(exchange, response);
      LAST_SEEN.put(id, decoded.toString());
      if (decoded.policyClass() == PolicyClass.EXECUTION_UNKNOWN) {
        return unknown(order, "answered " + decoded);
      }
      return decoded.policyClass().isSuccess() ? Fate.PLACED : Fate.NOT_PLACED;
    } catch (NotExecutedException | ExchangeErrorException | FailFastException e) {
      LAST_SEEN.put(id, e.toString());
      return Fate.NOT_PLACED;
    } catch (IOException e) {
      // ExecutionUnknownException, or an I/O failure the library let through: either way, unknown.
      return unknown(order, e.toString());
    }
  }

  private static String clientOrderIdOf(Request order) {
    String fromQuery = order.url().queryParameter("newClientOrderId");
    if (fromQuery != null) {
      return fromQuery;
    }
    okio.Buffer body = new okio.Buffer();
    try {
      order.body().writeTo(body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"(?:clOrdId|orderLinkId|clientOid)\":\"([^\"]+)\"")
        .matcher(body.readUtf8());
    return id.find() ? id.group(1) : "?";
  }

  private static Fate unknown(Request order, String why) {
    UNKNOWN_BECAUSE.put(order.url().encodedPath() + " " + order.url().queryParameter("newClientOrderId"), why);
    return Fate.UNKNOWN;
  }

  /** Sends again on any failure, up to three times, as "retry everything" does. */
  private static Fate naiveFate(Exchange exchange, OkHttpClient client, Request order) {
    for (int attempt = 0; attempt < 4; attempt++) {
      try (Response response = client.newCall(order).execute()) {
        if (decode(exchange, response).policyClass().isSuccess()) {
          return Fate.PLACED;
        }
      } catch (IOException e) {
        // The naive answer to every failure: send it again.
      }
    }
    return Fate.UNKNOWN;
  }

  private static DecodedResponse decode(Exchange exchange, Response response) throws IOException {
    byte[] body = response.peekBody(ResponseDecoder.DEFAULT_BODY_PREFIX_LIMIT).bytes();
    return ResponseDecoder.of(exchange, ErrorCatalog.builtIn()).decode(ResponseSnapshot.builder()
        .httpStatus(response.code()).headers(response::header).body(body, true).build());
  }

  /** How many orders beyond the first share a key: the duplicates. */
  private static <K> long placedTwice(List<SimulatedOrder> orders, Function<SimulatedOrder, K> key) {
    return orders.stream().collect(Collectors.groupingBy(key, Collectors.counting())).values().stream()
        .mapToLong(count -> count - 1).sum();
  }
}
