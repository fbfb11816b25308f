package io.github.exchangeresilience.spring.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A Boot application whose only exchange-resilience dependency is the starter: the auto-configuration is found through
 * its imports file, and the parts that are optional in the auto-configuration (Micrometer, Resilience4j's binders)
 * are on the class path, so Boot's metrics support (as Actuator brings it) is all it takes for the metrics.
 */
class StarterTest {

  @Test
  void theStarterAloneGivesAnApplicationTheGuardedClientAndItsMetrics() throws Exception {
    try (MockWebServer exchange = new MockWebServer()) {
      exchange.start();
      exchange.enqueue(new MockResponse.Builder().code(200).body("{\"serverTime\":1764612000000}").build());
      try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
          .web(WebApplicationType.NONE)
          .logStartupInfo(false)
          .properties("exchange-resilience.exchanges.binance-usdm.hosts[0]=" + exchange.getHostName())
          .run()) {
        OkHttpClient client = context.getBean(OkHttpClient.class);
        assertThat(client.interceptors()).first().isSameAs(context.getBean(ExchangeResilienceInterceptor.class));

        try (Response response = client.newCall(new Request.Builder().url(exchange.url("/fapi/v1/time")).build())
            .execute()) {
          assertThat(response.code()).isEqualTo(200);
        }

        assertThat(exchange.getRequestCount()).isEqualTo(1);
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        assertThat(registry.get("exchange.resilience.responses").tags("exchange", "binance-usdm", "class", "SUCCESS",
            "endpoint", "/fapi/v1/time").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", "binance-usdm").gauges())
            .isNotEmpty();
        assertThat(registry.get("okhttp.requests").tags("exchange", "binance-usdm", "uri", "/fapi/v1/time",
            "status", "200").timer().count()).isEqualTo(1);
      }
    }
  }

  /** No beans of its own: the MeterRegistry is the one Boot's metrics support configures. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Application {
  }
}
