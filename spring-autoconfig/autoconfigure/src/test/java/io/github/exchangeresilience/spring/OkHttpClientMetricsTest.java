package io.github.exchangeresilience.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
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
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Micrometer's OkHttp metrics on the auto-configured client: one timing per attempt, bounded tags. */
class OkHttpClientMetricsTest {
  private static final String OVERLOADED = "{\"code\":-1008,\"msg\":\"Server is currently overloaded with other"
      + " requests. Please try again in a few minutes.\"}";
  private static final String NEW_ORDER = "{\"orderId\":22542179,\"symbol\":\"BTCUSDT\",\"status\":\"NEW\","
      + "\"clientOrderId\":\"metrics-1\",\"price\":\"23000.10\",\"origQty\":\"0.010\",\"side\":\"BUY\","
      + "\"type\":\"LIMIT\",\"updateTime\":1659146000000}";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ExchangeResilienceAutoConfiguration.class))
      .withPropertyValues("exchange-resilience.retry.initial-backoff=1ms");

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
  void everyAttemptIsTimedWithItsExchangeAndEndpointTemplate() {
    server.enqueue(new MockResponse.Builder().code(503).body(OVERLOADED).build());
    server.enqueue(new MockResponse.Builder().code(200).body(NEW_ORDER).build());
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("exchange-resilience.exchanges.binance-usdm.hosts[0]=" + server.getHostName())
        .run(context -> {
          OkHttpClient client = context.getBean(OkHttpClient.class);
          Request order = new Request.Builder()
              .url(server.url("/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010"
                  + "&price=23000.10&newClientOrderId=metrics-1"))
              .post(RequestBody.create(new byte[0], null))
              .build();
          try (Response response = client.newCall(order).execute()) {
            assertThat(response.body().string()).isEqualTo(NEW_ORDER);
          }

          assertThat(server.getRequestCount()).isEqualTo(2);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          for (String status : List.of("503", "200")) {
            assertThat(registry.get(OkHttpClientMetrics.NAME)
                .tags("exchange", "binance-usdm", "uri", "/fapi/v1/order", "method", "POST", "status", status)
                .timer().count()).as("attempts answered " + status).isEqualTo(1);
          }
          assertThat(tagValues(registry)).noneMatch(value -> value.contains("metrics-1") || value.contains("?"));
        });
  }

  @Test
  void otherHostsAndUnknownPathsGetFixedTagValues() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"serverTime\":1659146000000}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"ok\"}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("[]").build());
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("exchange-resilience.exchanges.binance-usdm.hosts[0]=" + server.getHostName(),
            "exchange-resilience.metrics.endpoints[0]=/fapi/v1/trades/{id}")
        .run(context -> {
          OkHttpClient client = context.getBean(OkHttpClient.class);
          client.newCall(new Request.Builder().url(server.url("/fapi/v1/serverTime/742")).build()).execute().close();
          String elsewhere = server.url("/status/42").newBuilder().host("127.0.0.1").build().toString();
          assertThat(elsewhere).doesNotContain(server.getHostName());
          client.newCall(new Request.Builder().url(elsewhere).build()).execute().close();
          client.newCall(new Request.Builder().url(server.url("/fapi/v1/trades/9911")).build()).execute().close();

          assertThat(server.getRequestCount()).isEqualTo(3);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get(OkHttpClientMetrics.NAME).tags("exchange", "binance-usdm", "uri", "other")
              .timer().count()).isEqualTo(1);
          assertThat(registry.get(OkHttpClientMetrics.NAME).tags("exchange", "none", "uri", "other")
              .timer().count()).isEqualTo(1);
          assertThat(registry.get(OkHttpClientMetrics.NAME)
              .tags("exchange", "binance-usdm", "uri", "/fapi/v1/trades/{id}").timer().count()).isEqualTo(1);
          assertThat(tagValues(registry)).doesNotContain("742", "42", "9911");
        });
  }

  @Test
  void theApplicationsObservationRegistryIsUsedWhenItHasOne() {
    List<String> observed = new CopyOnWriteArrayList<>();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStop(Observation.Context context) {
        observed.add(context.getName() + " " + context.getLowCardinalityKeyValue("exchange").getValue());
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    server.enqueue(new MockResponse.Builder().code(200).body("{\"serverTime\":1659146000000}").build());
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(ObservationRegistry.class, () -> observations)
        .withPropertyValues("exchange-resilience.exchanges.binance-usdm.hosts[0]=" + server.getHostName())
        .run(context -> {
          context.getBean(OkHttpClient.class)
              .newCall(new Request.Builder().url(server.url("/fapi/v1/time")).build()).execute().close();
          assertThat(observed).containsExactly(OkHttpClientMetrics.NAME + " binance-usdm");
        });
  }

  @Test
  void noHttpClientMetricsWithoutAMeterRegistryOrWhenTurnedOff() {
    runner.run(context -> {
      assertThat(context).doesNotHaveBean(OkHttpClientMetrics.class);
      assertThat(context.getBean(OkHttpClient.class).interceptors())
          .containsExactly(context.getBean(ExchangeResilienceInterceptor.class));
    });
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("exchange-resilience.metrics.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(OkHttpClientMetrics.class);
          assertThat(context.getBean(OkHttpClient.class).interceptors())
              .containsExactly(context.getBean(ExchangeResilienceInterceptor.class));
        });
  }

  private static List<String> tagValues(MeterRegistry registry) {
    return registry.find(OkHttpClientMetrics.NAME).meters().stream()
        .map(Meter::getId)
        .flatMap(id -> id.getTags().stream())
        .map(Tag::getValue)
        .toList();
  }
}
