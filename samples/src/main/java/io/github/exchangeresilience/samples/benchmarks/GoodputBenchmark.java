package io.github.exchangeresilience.samples.benchmarks;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.ResponseSnapshot;
import io.github.exchangeresilience.okhttp.ExchangeException;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.samples.demo.ExchangeRequests;
import io.github.exchangeresilience.samples.simulator.ExchangeSimulator;
import io.github.exchangeresilience.samples.simulator.ExchangeStats;
import io.github.exchangeresilience.samples.simulator.RateLimitRule;
import io.github.exchangeresilience.samples.simulator.SimulatorConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Goodput under an exchange's rate limit: successful requests divided by what the simulator allows in the same time,
 * with the share of requests the simulator refused and the bans it imposed, for four clients side by side, each on a
 * fresh simulator for the same length of time:
 *
 * <ul>
 *   <li>plain OkHttp retrying a refused request at once, as fast as it can;
 *   <li>plain OkHttp retrying a refused request after a fixed 100 ms pause (of the exchange's time);
 *   <li>plain OkHttp behind a Resilience4j RateLimiter set to the documented budget, with no error handling: a refused
 *       request is not retried, the next one goes through the limiter like any other;
 *   <li>OkHttp with the library, told the same budget; the application waits as a {@link FailFastException} says;
 *   <li>the peers a user would otherwise pick ({@link Callers}): failsafe-okhttp retrying 429 and 5xx with backoff
 *       behind a circuit breaker, and Resilience4j's Retry, CircuitBreaker and a RateLimiter at the budget decorating
 *       the call. Their waits are real time, so on a clock running faster than real time they are shortened as much.
 * </ul>
 *
 * <p>Every client runs {@value #THREADS} threads sending one request after the other. The allowance is the rule's
 * permits times the number of its windows the run spans: the run starts with a window and lasts a whole number of
 * them, and the clients' limiters start with it too, which is the best case for a fixed-rate limiter. Requests,
 * refusals and bans are the simulator's own counts; successes are counted by the client from the answers, those the
 * exchange admitted before the run ended (by the server time in the answer).
 */
final class GoodputBenchmark {
  static final int THREADS = 4;
  static final Duration NAIVE_PAUSE = Duration.ofMillis(100);

  /** The field in which each exchange tells its time in milliseconds, as a number or a string. */
  private static final Map<Exchange, Pattern> SERVER_TIME = serverTimePatterns();

  private static Map<Exchange, Pattern> serverTimePatterns() {
    Map<Exchange, Pattern> patterns = new EnumMap<>(Exchange.class);
    for (Exchange exchange : Exchange.values()) {
      exchange.spec().serverTime().fields().stream()
          .filter(field -> field.unit() == TimeUnit.MILLISECONDS)
          .map(field -> field.jsonPath().get(field.jsonPath().size() - 1))
          .findFirst()
          .ifPresent(name -> patterns.put(exchange, Pattern.compile("\"" + Pattern.quote(name) + "\":\"?(\\d+)")));
    }
    return patterns;
  }

  /** One exchange and the rule whose budget the clients contend for. */
  record Scenario(String title, Exchange exchange, RateLimitRule rule, int permits, int scale, int windows,
      String requestDescription) {
    Duration length() {
      return rule.window().multipliedBy(windows);
    }

    long allowance() {
      return (long) permits * windows;
    }

    Request request(HttpUrl base, String clientOrderId) {
      return exchange == Exchange.BINANCE_USDM
          ? ExchangeRequests.serverTime(exchange, base)
          : ExchangeRequests.placeOrder(exchange, base, clientOrderId);
    }

    /** The budgets the library is told: the documented ones, with the rule's shrunk as the simulator's is. */
    List<RateBudget> libraryBudgets() {
      if (exchange == Exchange.BINANCE_USDM) {
        return List.of(RateBudget.allRequests("ip", permits, rule.window()),
            RateBudget.orderPlacements("orders", 1200, Duration.ofMinutes(1)));
      }
      return null; // the documented defaults, which are the simulator's
    }
  }

  /** The four clients. */
  enum Client {
    NAIVE_IMMEDIATE("plain OkHttp, refused requests retried at once"),
    NAIVE_PAUSE("plain OkHttp, refused requests retried after 100 ms"),
    FIXED_RATE("Resilience4j RateLimiter at the budget, no error handling"),
    FAILSAFE("failsafe-okhttp, retry + circuit breaker"),
    RESILIENCE4J("Resilience4j Decorators, retry + circuit breaker + RateLimiter at the budget"),
    LIBRARY("exchange-resilience interceptor");

    final String description;

    Client(String description) {
      this.description = description;
    }
  }

  /** What one client achieved in one scenario. */
  record Result(Scenario scenario, Client client, long requests, long successes, long rateLimitRefusals,
      long bannedAnswers, long bans, long failFasts, long otherFailures, double realSeconds) {
    long refused() {
      return rateLimitRefusals + bannedAnswers;
    }

    double goodput() {
      return (double) successes / scenario.allowance();
    }

    double refusedShare() {
      return requests == 0 ? 0 : (double) refused() / requests;
    }
  }

  static List<Scenario> scenarios(boolean quick) {
    return List.of(
        new Scenario("Binance USDⓈ-M request weight", Exchange.BINANCE_USDM, RateLimitRule.BINANCE_REQUEST_WEIGHT,
            600, 20, quick ? 2 : 4, "GET " + Exchange.BINANCE_USDM.spec().serverTime().path() + " (weight 1)"),
        new Scenario("OKX order placement", Exchange.OKX, RateLimitRule.OKX_PLACE_ORDER,
            60, 1, quick ? 2 : 6, "POST " + ExchangeRequests.placementPath(Exchange.OKX)),
        new Scenario("Bybit order creation", Exchange.BYBIT, RateLimitRule.BYBIT_CREATE_ORDER,
            10, 1, quick ? 3 : 12, "POST " + ExchangeRequests.placementPath(Exchange.BYBIT)));
  }

  static List<Result> runAll(boolean quick, PrintStream log) throws Exception {
    List<Result> results = new ArrayList<>();
    for (Scenario scenario : scenarios(quick)) {
      for (Client client : Client.values()) {
        Result result = run(scenario, client);
        log.printf("goodput %-32s %-60s %5d sent %5d ok (%.1f%% of %d) %5d refused (%.1f%%) %d bans %d fail-fast%n",
            scenario.title(), client.description, result.requests(), result.successes(), 100 * result.goodput(),
            scenario.allowance(), result.refused(), 100 * result.refusedShare(), result.bans(), result.failFasts());
        results.add(result);
      }
    }
    return results;
  }

  static Result run(Scenario scenario, Client kind) throws Exception {
    ScenarioClock clock = new ScenarioClock(scenario.scale(), scenario.length());
    SimulatorConfig config = SimulatorConfig.builder()
        .seed(7)
        .clock(clock)
        .rateLimit(scenario.rule(), scenario.permits())
        .build();
    try (ExchangeSimulator simulator = new ExchangeSimulator(config).start()) {
      HttpUrl base = simulator.url(scenario.exchange());
      OkHttpClient.Builder builder = new OkHttpClient.Builder()
          .retryOnConnectionFailure(false)
          .readTimeout(Duration.ofSeconds(10));
      if (kind == Client.LIBRARY) {
        ExchangeResilienceInterceptor.Builder library = ExchangeResilienceInterceptor.builder(scenario.exchange())
            .clock(clock)
            .sleeper(clock::sleep);
        if (scenario.libraryBudgets() != null) {
          library.rateBudgets(scenario.exchange(), scenario.libraryBudgets());
        }
        builder.addInterceptor(library.build());
      }
      // Last: nothing is sent once the run is over, so the simulator's counts are the run's.
      builder.addInterceptor(chain -> {
        clock.gate();
        return chain.proceed(chain.request());
      });
      OkHttpClient client = builder.build();
      Callers.PeerSettings peers = new Callers.PeerSettings(scenario.scale(), scenario.permits(),
          scenario.rule().window(), () -> clock.millis() * 1_000_000L / scenario.scale());
      Callers.Caller caller = switch (kind) {
        case FAILSAFE -> Callers.failsafe(client, peers);
        case RESILIENCE4J -> Callers.resilience4j(client, peers);
        default -> Callers.call(client);
      };
      RateLimiter limiter = RateLimiter.of("fixed-rate", RateLimiterConfig.custom()
          .limitForPeriod(scenario.permits())
          .limitRefreshPeriod(scenario.rule().window())
          .timeoutDuration(Duration.ofHours(1))
          .build(), Map.of(), () -> clock.millis() * 1_000_000L);

      AtomicLong successes = new AtomicLong();
      AtomicLong failFasts = new AtomicLong();
      AtomicLong otherFailures = new AtomicLong();
      AtomicLong orderSequence = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        threads.add(new Thread(() -> {
          try {
            work(scenario, kind, clock, caller, base, limiter, orderSequence, successes, failFasts, otherFailures);
          } finally {
            Thread.interrupted(); // set by the end of the run; not to leak into anything else
          }
        }, "goodput-" + kind.name().toLowerCase() + "-" + t));
      }
      clock.start();
      long started = System.nanoTime();
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      double realSeconds = (System.nanoTime() - started) / 1e9;
      ExchangeStats stats = simulator.stats(scenario.exchange());
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
      return new Result(scenario, kind, stats.requests(), successes.get(), stats.rateLimitRefusals(),
          stats.bannedRequests(), stats.bans(), failFasts.get(), otherFailures.get(), realSeconds);
    }
  }

  private static void work(Scenario scenario, Client kind, ScenarioClock clock, Callers.Caller client, HttpUrl base,
      RateLimiter limiter, AtomicLong orderSequence, AtomicLong successes, AtomicLong failFasts,
      AtomicLong otherFailures) {
    Request request = null;
    while (!clock.over()) {
      if (request == null) {
        request = scenario.request(base, "gp" + kind.ordinal() + "n" + orderSequence.incrementAndGet());
      }
      try {
        if (kind == Client.FIXED_RATE) {
          long waitNanos = limiter.reservePermission();
          if (waitNanos > 0) {
            clock.sleep(Duration.ofNanos(waitNanos));
          }
        }
        long admitted;
        try (Response response = client.execute(request)) {
          admitted = successTime(scenario.exchange(), response);
        }
        if (admitted >= 0) {
          if (admitted < clock.endMillis()) {
            successes.incrementAndGet(); // else admitted in the window after the run, outside the allowance
          }
          request = null;
        } else if (kind == Client.NAIVE_PAUSE) {
          clock.sleep(NAIVE_PAUSE); // and send the same request again
        } else if (kind != Client.NAIVE_IMMEDIATE) {
          request = null; // it retried as it does, or not at all: on to the next request
        }
      } catch (ScenarioClock.RunOver over) {
        return;
      } catch (FailFastException e) {
        // Nothing was sent: wait as the library says, then send the same request again.
        failFasts.incrementAndGet();
        try {
          if (e.bannedUntil().isPresent()) {
            clock.sleepUntil(e.bannedUntil().get().toEpochMilli());
          } else {
            clock.sleep(e.retryAfter().orElse(NAIVE_PAUSE));
          }
        } catch (ScenarioClock.RunOver over) {
          return;
        }
      } catch (ExchangeException e) {
        otherFailures.incrementAndGet();
        request = null;
      } catch (IOException | RuntimeException e) {
        // A peer's open breaker or exhausted retries, or the end of the run reached inside a peer's wait.
        if (clock.over()) {
          return;
        }
        otherFailures.incrementAndGet();
        request = null;
      }
    }
  }

  /**
   * The exchange's time of a successful answer, or -1 if the answer is not a success. Success is what the exchange's
   * code says, decoded as its specification describes the envelope, not only HTTP 200. The time (the field in which
   * the exchange tells its server time in milliseconds, which its order answers carry too) tells whether the exchange
   * admitted the request before the run ended.
   */
  static long successTime(Exchange exchange, Response response) throws IOException {
    if (response.code() != 200) {
      return -1;
    }
    String body = response.body().string();
    DecodedResponse decoded = ResponseDecoder.of(exchange, ErrorCatalog.builtIn())
        .decode(ResponseSnapshot.builder().httpStatus(200).body(body).build());
    if (!decoded.policyClass().isSuccess()) {
      return -1;
    }
    Matcher time = SERVER_TIME.get(exchange).matcher(body);
    if (!time.find()) {
      throw new IllegalStateException("no server time in " + body);
    }
    return Long.parseLong(time.group(1));
  }
}
