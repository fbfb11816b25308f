package io.github.exchangeresilience.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.metrics.ExchangeResilienceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * No silent loss of protection: every configured host is checked at start-up, a request that looks like an enabled
 * exchange's but goes to a host none is configured with is reported, and the dashboard's counters exist at zero
 * before the first event.
 */
class HostsAndDashboardMetersTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
          CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
          ExchangeResilienceAutoConfiguration.class));

  private MockWebServer exchange;

  @BeforeEach
  void start() throws Exception {
    exchange = new MockWebServer();
    exchange.start();
  }

  @AfterEach
  void stop() {
    exchange.close();
  }

  @Test
  void aHostWithASchemeOrAPathFailsStartUpNamingTheProperty() {
    for (String wrong : List.of("https://fapi.binance.com", "proxy.internal/fapi")) {
      runner.withPropertyValues("exchange-resilience.exchanges.binance-usdm.hosts[0]=fapi-proxy.internal",
              "exchange-resilience.exchanges.binance-usdm.hosts[1]=" + wrong)
          .run(context -> assertThat(context).getFailure()
              .rootCause()
              .isInstanceOf(InvalidConfigurationPropertyValueException.class)
              .hasMessageContaining("exchange-resilience.exchanges.binance-usdm.hosts[1]")
              .hasMessageContaining(wrong));
    }
  }

  @Test
  void aHostWithAPortIsMatchedOnHostAndPort() {
    String hostPort = exchange.getHostName() + ":" + exchange.getPort();
    runner.withPropertyValues("exchange-resilience.exchanges.binance-usdm.hosts=" + hostPort)
        .run(context -> {
          exchange.enqueue(new MockResponse.Builder().code(400)
              .body("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}").build());
          OkHttpClient client = context.getBean(OkHttpClient.class);
          ExchangeResilienceInterceptor interceptor = context.getBean(ExchangeResilienceInterceptor.class);
          Request ticker = new Request.Builder().url(exchange.url("/fapi/v1/ticker/price?symbol=NOPE")).build();

          try (Response response = client.newCall(ticker).execute()) {
            assertThat(response.code()).isEqualTo(400);
          }

          assertThat(interceptor.exchangeOf(ticker)).contains(Exchange.BINANCE_USDM);
          assertThat(context.getBean(MeterRegistry.class).get(ExchangeResilienceMetrics.RESPONSES)
              .tags("exchange", "binance-usdm", "code", "-1121").counter().count()).isEqualTo(1);
        });
  }

  @Test
  void handingAnswersBackIsAProperty() {
    runner.withPropertyValues("exchange-resilience.hand-back-answers=true",
            "exchange-resilience.exchanges.binance-usdm.hosts=" + exchange.getHostName() + ":" + exchange.getPort())
        .run(context -> {
          String refused = "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}";
          exchange.enqueue(new MockResponse.Builder().code(401).body(refused).build());
          Request order = new Request.Builder().url(exchange.url("/fapi/v1/order?symbol=BTCUSDT&newClientOrderId=p1"))
              .post(okhttp3.RequestBody.create(new byte[0])).build();

          try (Response response = context.getBean(OkHttpClient.class).newCall(order).execute()) {
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.body().string()).isEqualTo(refused);
          }
          assertThat(exchange.getRequestCount()).isEqualTo(1);
        });
  }

  @Test
  void aRequestThatLooksLikeAnEnabledExchangesToAnUnknownHostIsReportedOnce() {
    List<String> warnings = new CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger("io.github.exchangeresilience.okhttp");
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        warnings.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      runner.run(context -> {
        OkHttpClient client = context.getBean(OkHttpClient.class);
        for (int i = 0; i < 2; i++) {
          exchange.enqueue(new MockResponse.Builder().body("{\"orderId\":1}").build());
          client.newCall(new Request.Builder().url(exchange.url("/api/v5/trade/order")).build()).execute().close();
        }
      });
    } finally {
      logger.removeHandler(handler);
    }
    String hostPort = exchange.getHostName() + ":" + exchange.getPort();
    assertThat(warnings).singleElement().asString()
        .contains("looks like a okx request", "passed through unprotected",
            "exchange-resilience.exchanges.okx.hosts=" + hostPort);
    assertThat(exchange.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theDashboardsCountersAreRegisteredAtZeroForEveryEnabledExchange() {
    runner.withPropertyValues("exchange-resilience.exchanges.bitget.enabled=false",
            "exchange-resilience.exchanges.binance-usdm.hosts=" + exchange.getHostName() + ":" + exchange.getPort())
        .run(context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          for (String id : List.of("binance-usdm", "okx", "bybit")) {
            assertThat(registry.get(ExchangeResilienceMetrics.BANS).tags("exchange", id, "scope", id + ":ip")
                .counter().count()).isZero();
            for (FailFastException.Reason reason : FailFastException.Reason.values()) {
              assertThat(registry.get(ExchangeResilienceMetrics.FAIL_FASTS)
                  .tags("exchange", id, "reason", reason.name(), "endpoint", "other").counter().count()).isZero();
            }
            for (String outcome : List.of("FOUND", "NOT_EXECUTED", "UNRESOLVED")) {
              assertThat(registry.get(ExchangeResilienceMetrics.RECONCILES)
                  .tags("exchange", id, "outcome", outcome).counters()).isNotEmpty();
            }
            for (String cause : List.of("RATE_LIMITED", "CLOCK_SKEW", "TRANSIENT", "UNAVAILABLE")) {
              assertThat(registry.get(ExchangeResilienceMetrics.RETRIES).tags("exchange", id, "class", cause)
                  .counters()).isNotEmpty();
            }
            assertThat(registry.get(ExchangeResilienceMetrics.UNKNOWN_CODES).tags("exchange", id).counters())
                .isNotEmpty();
            assertThat(registry.get(ExchangeResilienceMetrics.RATE_LIMIT_WAITS).tags("exchange", id).timers())
                .isNotEmpty();
          }
          assertThat(registry.find(ExchangeResilienceMetrics.BANS).tags("exchange", "bitget").counters()).isEmpty();
          // The placement endpoint has its own series, at zero too.
          assertThat(registry.get(ExchangeResilienceMetrics.FAIL_FASTS).tags("exchange", "binance-usdm",
              "reason", "BAN_IN_FORCE", "endpoint", "/fapi/v1/order").counter().count()).isZero();

          // The first ban counts on the series that was there: Prometheus sees an increase of one.
          exchange.enqueue(new MockResponse.Builder().code(418).addHeader("Retry-After", "120")
              .body("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1659146468000.\"}").build());
          OkHttpClient client = context.getBean(OkHttpClient.class);
          org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.newCall(
                  new Request.Builder().url(exchange.url("/fapi/v1/openOrders")).build()).execute())
              .isInstanceOfSatisfying(FailFastException.class,
                  banned -> assertThat(banned.reason()).isEqualTo(FailFastException.Reason.BAN_IN_FORCE));
          assertThat(registry.get(ExchangeResilienceMetrics.BANS)
              .tags("exchange", "binance-usdm", "scope", "binance-usdm:ip").counter().count()).isEqualTo(1);
          assertThat(exchange.getRequestCount()).isEqualTo(1);
        });
  }
}
