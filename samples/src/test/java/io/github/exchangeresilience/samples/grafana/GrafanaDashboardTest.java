package io.github.exchangeresilience.samples.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.ReconcileResult;
import io.github.exchangeresilience.okhttp.metrics.ExchangeResilienceMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard queries must be one the library really registers: traffic of every kind the
 * dashboard shows goes through the library into a Prometheus registry, and the scrape must name each queried metric.
 */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("grafana", "exchange-resilience.json");
  private static final Pattern METRIC = Pattern.compile("\\b((?:exchange_resilience|resilience4j)_[a-z0-9_]+)\\b");

  @Test
  void everyQueriedMetricIsRegisteredByTheLibrary() throws Exception {
    Set<String> queried = queriedMetrics();
    assertThat(queried).as("the dashboard's queries").hasSizeGreaterThan(10);

    String scrape = scrapeAfterTraffic();

    Set<String> exposed = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        exposed.add(line.split("[{ ]", 2)[0]);
      }
    }
    assertThat(exposed).containsAll(queried);
  }

  private static Set<String> queriedMetrics() throws IOException {
    Set<String> names = new TreeSet<>();
    try (JsonParser parser = new JsonFactory().createParser(Files.readAllBytes(DASHBOARD))) {
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME
            && ("expr".equals(parser.currentName()) || "definition".equals(parser.currentName()))) {
          parser.nextToken();
          Matcher matcher = METRIC.matcher(parser.getText());
          while (matcher.find()) {
            names.add(matcher.group(1));
          }
        }
      }
    }
    return names;
  }

  /** Traffic of every kind the dashboard shows, through one interceptor per exchange sharing one registry. */
  private static String scrapeAfterTraffic() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RetryRegistry retries = RetryRegistry.ofDefaults();
    RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    ExchangeResilienceMetrics.bindResilience4j(registry, retries, limiters, breakers);
    ExchangeResilienceMetrics metrics = ExchangeResilienceMetrics.of(registry);
    List<Object> zeroSleeps = new ArrayList<>();

    try (MockWebServer binance = new MockWebServer(); MockWebServer bybit = new MockWebServer()) {
      binance.start();
      bybit.start();
      OkHttpClient binanceClient = client(ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
          .listener(metrics).retryRegistry(retries).rateLimiterRegistry(limiters).circuitBreakerRegistry(breakers)
          .sleeper(zeroSleeps::add)
          .reconciler(request -> ReconcileResult.notExecuted())
          .build());
      OkHttpClient bybitClient = client(ExchangeResilienceInterceptor.builder(Exchange.BYBIT)
          .listener(metrics).retryRegistry(retries).rateLimiterRegistry(limiters).circuitBreakerRegistry(breakers)
          .sleeper(zeroSleeps::add)
          .build());

      // A rate limit with Retry-After (retry, wait), then weight headers on the answer.
      enqueue(binance, 429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", "Retry-After", "1");
      enqueue(binance, 200, "{\"serverTime\":1}", "X-MBX-USED-WEIGHT-1M", "17");
      execute(binanceClient, new Request.Builder().url(binance.url("/fapi/v1/time")).build());
      // An order in doubt, reconciled as not executed and resent; order counts on the answer.
      enqueue(binance, 200, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server.\"}");
      enqueue(binance, 200, "{\"orderId\":1,\"clientOrderId\":\"d1\",\"status\":\"NEW\"}",
          "X-MBX-ORDER-COUNT-10S", "1");
      execute(binanceClient, new Request.Builder().url(binance.url("/fapi/v1/order?newClientOrderId=d1"))
          .post(RequestBody.create("", MediaType.get("application/x-www-form-urlencoded"))).build());
      // A code the catalog does not know.
      enqueue(binance, 400, "{\"code\":-9999,\"msg\":\"Something new.\"}");
      execute(binanceClient, new Request.Builder().url(binance.url("/fapi/v1/ticker/price")).build());
      // A ban, then a call refused locally.
      enqueue(binance, 418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 4102444800000.\"}");
      assertThatThrownBy(() -> execute(binanceClient,
          new Request.Builder().url(binance.url("/fapi/v1/ticker/price")).build())).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> execute(binanceClient,
          new Request.Builder().url(binance.url("/fapi/v1/ticker/price")).build())).isInstanceOf(IOException.class);
      // Bybit's remaining limit.
      enqueue(bybit, 200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{},\"retExtInfo\":{},\"time\":1}",
          "X-Bapi-Limit", "10", "X-Bapi-Limit-Status", "9", "X-Bapi-Limit-Reset-Timestamp", "1672211918471");
      execute(bybitClient, new Request.Builder().url(bybit.url("/v5/order/realtime?category=linear")).build());
      binanceClient.connectionPool().evictAll();
      bybitClient.connectionPool().evictAll();
    }
    return registry.scrape();
  }

  private static OkHttpClient client(ExchangeResilienceInterceptor interceptor) {
    return new OkHttpClient.Builder().retryOnConnectionFailure(false).addInterceptor(interceptor).build();
  }

  private static void enqueue(MockWebServer server, int code, String body, String... headers) {
    MockResponse.Builder response = new MockResponse.Builder().code(code).body(body);
    for (int i = 0; i < headers.length; i += 2) {
      response.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(response.build());
  }

  private static void execute(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      response.body().string();
    }
  }
}
