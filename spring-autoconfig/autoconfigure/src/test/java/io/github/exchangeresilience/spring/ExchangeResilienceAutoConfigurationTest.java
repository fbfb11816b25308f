package io.github.exchangeresilience.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.CatalogFiles;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.okhttp.BanState;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.ExecutionUnknownException;
import io.github.exchangeresilience.okhttp.ReconcileResult;
import io.github.exchangeresilience.okhttp.Reconciler;
import io.github.exchangeresilience.okhttp.metrics.ExchangeResilienceMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ExchangeResilienceAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ExchangeResilienceAutoConfiguration.class));

  private MockWebServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void configuresOneInterceptorForEveryExchangeAndAClientThatUsesIt() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(ExchangeResilienceInterceptor.class);
      assertThat(context).hasSingleBean(OkHttpClient.class);
      assertThat(context).hasSingleBean(ExchangeResilienceOkHttpCustomizer.class);
      assertThat(context).hasSingleBean(BanState.class);
      ExchangeResilienceInterceptor interceptor = context.getBean(ExchangeResilienceInterceptor.class);
      assertThat(interceptor.exchanges()).containsExactlyInAnyOrder(Exchange.values());
      OkHttpClient client = context.getBean(OkHttpClient.class);
      assertThat(client.interceptors()).containsExactly(interceptor);
      assertThat(client.retryOnConnectionFailure()).isFalse();
    });
  }

  @Test
  void turnedOffAsAWhole() {
    runner.withPropertyValues("exchange-resilience.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(ExchangeResilienceInterceptor.class);
          assertThat(context).doesNotHaveBean(OkHttpClient.class);
        });
  }

  @Test
  void absentWithoutOkHttp() {
    runner.withClassLoader(new FilteredClassLoader(OkHttpClient.class))
        .run(context -> assertThat(context).doesNotHaveBean(ExchangeResilienceInterceptor.class));
  }

  @Test
  void exchangesCanBeTurnedOffOneByOne() {
    runner.withPropertyValues("exchange-resilience.exchanges.bitget.enabled=false",
            "exchange-resilience.exchanges.binance-usdm.enabled=false")
        .run(context -> assertThat(context.getBean(ExchangeResilienceInterceptor.class).exchanges())
            .containsExactlyInAnyOrder(Exchange.OKX, Exchange.BYBIT));
  }

  @Test
  void theApplicationsOwnClientAndRegistriesAreKept() {
    OkHttpClient own = new OkHttpClient();
    RetryRegistry retries = RetryRegistry.ofDefaults();
    runner.withBean(OkHttpClient.class, () -> own)
        .withBean(RetryRegistry.class, () -> retries)
        .run(context -> {
          assertThat(context.getBean(OkHttpClient.class)).isSameAs(own);
          assertThat(context).hasSingleBean(ExchangeResilienceOkHttpCustomizer.class);
          assertThat(context.getBean(RetryRegistry.class)).isSameAs(retries);
          assertThat(retries.getAllRetries()).extracting(retry -> retry.getName())
              .contains("okx", "binance-usdm", "bybit", "bitget");
        });
  }

  @Test
  void budgetsFromProperties() {
    runner.withPropertyValues(
            "exchange-resilience.exchanges.okx.budgets[0].name=orders",
            "exchange-resilience.exchanges.okx.budgets[0].limit=30",
            "exchange-resilience.exchanges.okx.budgets[0].period=2s",
            "exchange-resilience.exchanges.okx.budgets[0].scope=order-placements")
        .run(context -> {
          RateLimiterRegistry limiters = context.getBean(RateLimiterRegistry.class);
          assertThat(limiters.rateLimiter("okx.orders").getRateLimiterConfig().getLimitForPeriod()).isEqualTo(30);
        });
  }

  @Test
  void theApplicationsReconcilerIsCalledForAnOrderInDoubt() {
    List<String> asked = new CopyOnWriteArrayList<>();
    Reconciler reconciler = request -> {
      asked.add(request.clientOrderId());
      return ReconcileResult.unresolved();
    };
    server.enqueue(new MockResponse.Builder().code(200)
        .body("{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status unknown;"
            + " execution status unknown.\"}").build());
    runner.withBean(Reconciler.class, () -> reconciler)
        .withPropertyValues("exchange-resilience.exchanges.binance-usdm.hosts[0]=" + server.getHostName())
        .run(context -> {
          OkHttpClient client = context.getBean(OkHttpClient.class);
          Request order = new Request.Builder()
              .url(server.url("/fapi/v1/order?symbol=BTCUSDT&side=BUY&newClientOrderId=spring-1"))
              .post(RequestBody.create(new byte[0], null))
              .build();
          assertThatThrownBy(() -> client.newCall(order).execute()).isInstanceOf(ExecutionUnknownException.class);
          assertThat(asked).containsExactly("spring-1");
          assertThat(server.getRequestCount()).isEqualTo(1);
        });
  }

  @Test
  void classOverridesFromPropertiesChangeRouting() {
    server.enqueue(new MockResponse.Builder().code(200)
        .body("{\"code\":\"51008\",\"msg\":\"Order failed. Insufficient USDT balance in account.\",\"data\":[]}")
        .build());
    server.enqueue(new MockResponse.Builder().code(200).body("{\"code\":\"0\",\"msg\":\"\",\"data\":[]}").build());
    runner.withPropertyValues("exchange-resilience.exchanges.okx.hosts[0]=" + server.getHostName(),
            "exchange-resilience.exchanges.okx.class-overrides.51008=transient",
            "exchange-resilience.retry.initial-backoff=1ms")
        .run(context -> {
          OkHttpClient client = context.getBean(OkHttpClient.class);
          try (Response response = client.newCall(new Request.Builder()
              .url(server.url("/api/v5/account/balance")).build()).execute()) {
            assertThat(response.body().string()).contains("\"code\":\"0\"");
          }
          assertThat(server.getRequestCount()).isEqualTo(2);
        });
  }

  @Test
  void aCatalogLocationReplacesTheBuiltInCatalog(@TempDir Path directory) throws Exception {
    List<CatalogEntry> lines = new ArrayList<>(CatalogFiles.loadBuiltIn(Exchange.OKX));
    lines.add(CatalogEntry.builder()
        .exchange(Exchange.OKX)
        .code("50099")
        .addMessage(LocalizedMessage.en("API key revoked by the sub-account's owner."))
        .source("okx-public-newer.md")
        .documentKind("okx-rest-public")
        .policyClass(PolicyClass.AUTH)
        .classifiedBy("any.auth")
        .build());
    try (OutputStream out = Files.newOutputStream(directory.resolve("okx.json"))) {
      CatalogFiles.write(Exchange.OKX, lines, out);
    }
    server.enqueue(new MockResponse.Builder().code(200)
        .body("{\"code\":\"50099\",\"msg\":\"API key revoked by the sub-account's owner.\",\"data\":[]}").build());

    runner.withPropertyValues("exchange-resilience.catalog.location=" + directory,
            "exchange-resilience.exchanges.okx.hosts[0]=" + server.getHostName())
        .run(context -> {
          OkHttpClient client = context.getBean(OkHttpClient.class);
          Request balance = new Request.Builder().url(server.url("/api/v5/account/balance")).build();
          assertThatThrownBy(() -> client.newCall(balance).execute())
              .isInstanceOf(ExchangeErrorException.class)
              .satisfies(e -> assertThat(((ExchangeErrorException) e).policyClass()).isEqualTo(PolicyClass.AUTH));
          assertThat(server.getRequestCount()).as("a key problem is not retried").isEqualTo(1);
        });
  }

  @Test
  void aCatalogLocationThatCannotBeLoadedStopsTheContextWithTheReason(@TempDir Path directory) {
    runner.withPropertyValues("exchange-resilience.catalog.location=" + directory.resolve("missing"))
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().hasMessageContaining("missing"));
    runner.withPropertyValues("exchange-resilience.catalog.location=" + directory)
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("exchange-resilience.catalog.location: cannot load the catalog from"));
  }

  @Test
  void metricsWhenAMeterRegistryIsPresent() {
    server.enqueue(new MockResponse.Builder().code(200)
        .body("{\"retCode\":10001,\"retMsg\":\"Request parameter error\",\"result\":{},\"retExtInfo\":{}}").build());
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("exchange-resilience.exchanges.bybit.hosts[0]=" + server.getHostName())
        .run(context -> {
          assertThat(context).hasSingleBean(ExchangeResilienceMetrics.class);
          assertThat(context).hasSingleBean(TaggedRetryMetrics.class);
          OkHttpClient client = context.getBean(OkHttpClient.class);
          client.newCall(new Request.Builder().url(server.url("/v5/order/realtime?category=linear")).build())
              .execute().close();
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get(ExchangeResilienceMetrics.RESPONSES)
              .tags("exchange", "bybit", "class", "REJECTED", "code", "10001", "endpoint", "/v5/order/realtime")
              .counter().count()).isEqualTo(1.0);
        });
  }

  @Test
  void noMetricsWithoutMicrometerOrWhenTurnedOff() {
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> {
          assertThat(context).hasSingleBean(ExchangeResilienceInterceptor.class);
          assertThat(context).doesNotHaveBean(ExchangeResilienceMetrics.class);
        });
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("exchange-resilience.metrics.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ExchangeResilienceMetrics.class));
  }

  @Test
  void healthShowsBreakersAndBansPerExchange() {
    // Within maxServerWait (3 days): a ban named further away is held to it.
    java.time.Instant until = java.time.Instant.now().plus(java.time.Duration.ofHours(1))
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    server.enqueue(new MockResponse.Builder().code(418)
        .body("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until " + until.toEpochMilli()
            + ". Please use the websocket for live updates to avoid bans.\"}").build());
    runner.withPropertyValues("exchange-resilience.exchanges.binance-usdm.hosts[0]=" + server.getHostName())
        .run(context -> {
          HealthIndicator health = context.getBean("exchangeResilienceHealthIndicator", HealthIndicator.class);
          assertThat(health.health().getStatus()).isEqualTo(Status.UP);

          OkHttpClient client = context.getBean(OkHttpClient.class);
          assertThatThrownBy(() -> client.newCall(new Request.Builder()
              .url(server.url("/fapi/v1/ticker/price")).build()).execute()).isInstanceOf(java.io.IOException.class);

          Health after = health.health();
          assertThat(after.getStatus()).isEqualTo(ExchangeResilienceHealthIndicator.DEGRADED);
          assertThat(after.getDetails()).containsKeys("binance-usdm", "okx", "bybit", "bitget");
          assertThat(after.getDetails().get("binance-usdm").toString()).contains(until.toString(), "CLOSED");
        });
  }

  @Test
  void noHealthIndicatorWithoutHealthSupportOrWhenTurnedOff() {
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).doesNotHaveBean(ExchangeResilienceHealthIndicator.class));
    runner.withPropertyValues("management.health.exchangeResilience.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ExchangeResilienceHealthIndicator.class));
  }

  @Test
  void configurationMetadataIsGenerated() throws Exception {
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      String metadata = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(metadata).contains("\"exchange-resilience.throw-on-error\"", "\"exchange-resilience.retry.max-attempts\"",
          "\"exchange-resilience.exchanges\"", "Whether every final non-success answer",
          "\"exchange-resilience.catalog.location\"");
    }
  }
}
