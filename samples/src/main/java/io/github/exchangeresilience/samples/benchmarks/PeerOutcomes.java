package io.github.exchangeresilience.samples.benchmarks;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * What each client lets through when the exchange refuses: one call per client against a server scripted as the
 * exchange answers, counting what the server received and what the application was handed. Not a timing: the table
 * says what each client does, the goodput runs what it costs under a real limit.
 */
final class PeerOutcomes {
  /** How long the scripted refusal lasts, from the first request; the Binance answer names it as its Retry-After. */
  static final Duration REFUSAL = Duration.ofSeconds(1);
  static final Duration READ_TIMEOUT = Duration.ofMillis(300);

  private static final Pattern CODE = Pattern.compile("\"code\":\"?(-?\\d+)");
  private static final MediaType JSON = MediaType.get("application/json");

  enum Case {
    BINANCE_1003_IN_429("Binance USDⓈ-M ticker: HTTP 429, code -1003, `Retry-After: 1`, for 1 s; then the price",
        Exchange.BINANCE_USDM),
    OKX_50011_IN_200("OKX ticker: code 50011 in an HTTP 200, for 1 s; then the ticker", Exchange.OKX),
    ORDER_ANSWER_LOST("OKX order placement: the exchange takes the order, its answer never comes (read timeout"
        + " 300 ms)", Exchange.OKX);

    final String description;
    final Exchange exchange;

    Case(String description, Exchange exchange) {
      this.description = description;
      this.exchange = exchange;
    }
  }

  /**
   * @param requests what the server received
   * @param duringRefusal requests after the first that came while the refusal lasted (the wait Binance named)
   * @param handedBack what the application got
   */
  record Outcome(Case scenario, Callers.Kind client, int requests, int duringRefusal, String handedBack,
      long millis) {}

  static final List<Callers.Kind> CLIENTS = List.of(Callers.Kind.BARE, Callers.Kind.FAILSAFE,
      Callers.Kind.RESILIENCE4J, Callers.Kind.INTERCEPTOR);

  static List<Outcome> runAll(PrintStream log) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    for (Case scenario : Case.values()) {
      for (Callers.Kind client : CLIENTS) {
        Outcome outcome = run(scenario, client);
        log.printf("lets through: %-20s %-14s %d requests (%d during the refusal), %s, %d ms%n", scenario,
            client.id, outcome.requests(), outcome.duringRefusal(), outcome.handedBack(), outcome.millis());
        outcomes.add(outcome);
      }
    }
    return outcomes;
  }

  static Outcome run(Case scenario, Callers.Kind kind) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger duringRefusal = new AtomicInteger();
    AtomicLong firstNanos = new AtomicLong();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest recorded) {
          requests.incrementAndGet();
          long now = System.nanoTime();
          boolean first = firstNanos.compareAndSet(0, now);
          boolean refusing = now - firstNanos.get() < REFUSAL.toNanos();
          if (refusing && !first) {
            duringRefusal.incrementAndGet();
          }
          return answer(scenario, refusing);
        }
      });
      server.start();
      OkHttpClient bare = FullCallBenchmark.bareClient().newBuilder().readTimeout(READ_TIMEOUT).build();
      Callers.Caller client = switch (kind) {
        case INTERCEPTOR -> Callers.call(Callers.with(bare,
            ExchangeResilienceInterceptor.builder(scenario.exchange).build()));
        case FAILSAFE -> Callers.failsafe(bare, Callers.PeerSettings.unlimited());
        case RESILIENCE4J -> Callers.resilience4j(bare, Callers.PeerSettings.unlimited());
        default -> Callers.call(bare);
      };
      long start = System.nanoTime();
      String handedBack;
      try (Response response = client.execute(request(scenario, server))) {
        handedBack = describe(response);
      } catch (IOException | RuntimeException e) {
        handedBack = e.getClass().getSimpleName();
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      bare.connectionPool().evictAll();
      return new Outcome(scenario, kind, requests.get(), duringRefusal.get(), handedBack, millis);
    }
  }

  private static MockResponse answer(Case scenario, boolean refusing) {
    MockResponse.Builder answer = new MockResponse.Builder().addHeader("Content-Type", "application/json");
    return switch (scenario) {
      case BINANCE_1003_IN_429 -> refusing
          ? answer.code(429).addHeader("Retry-After", REFUSAL.toSeconds())
              .body("{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP(127.0.0.1) is 2400 requests per"
                  + " minute. Please use the websocket for live updates to avoid polling the API.\"}").build()
          : answer.code(200).body("{\"symbol\":\"BTCUSDT\",\"price\":\"43210.50\",\"time\":1695190491421}").build();
      case OKX_50011_IN_200 -> answer.code(200).body(refusing
          ? "{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}"
          : FullCallBenchmark.SMALL_BODY).build();
      case ORDER_ANSWER_LOST -> answer.onResponseStart(SocketEffect.Stall.INSTANCE).build();
    };
  }

  private static Request request(Case scenario, MockWebServer server) {
    return switch (scenario) {
      case BINANCE_1003_IN_429 -> new Request.Builder()
          .url(server.url("/fapi/v1/ticker/price?symbol=BTCUSDT")).build();
      case OKX_50011_IN_200 -> FullCallBenchmark.request(server);
      case ORDER_ANSWER_LOST -> new Request.Builder().url(server.url("/api/v5/trade/order"))
          .post(RequestBody.create("{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"clOrdId\":\"b1\",\"side\":"
              + "\"buy\",\"ordType\":\"limit\",\"px\":\"43000\",\"sz\":\"1\"}", JSON))
          .build();
    };
  }

  /** The status and the exchange's code, as the application would read them from the response it was handed. */
  private static String describe(Response response) throws IOException {
    String body = response.body().string();
    Matcher code = CODE.matcher(body);
    return "HTTP " + response.code() + (code.find() ? ", code " + code.group(1) : ", no code");
  }
}
