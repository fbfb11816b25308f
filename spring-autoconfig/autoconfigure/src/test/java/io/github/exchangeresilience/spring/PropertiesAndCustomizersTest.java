package io.github.exchangeresilience.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.ResilienceOptions;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;

/** Properties are applied only when set, and customizer beans adjust the rest, in order. */
class PropertiesAndCustomizersTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ExchangeResilienceAutoConfiguration.class));

  @Test
  void unsetPropertiesKeepTheLibrarysDefaults() {
    runner.run(context -> {
      ExchangeResilienceInterceptor interceptor = context.getBean(ExchangeResilienceInterceptor.class);
      assertThat(interceptor.retry(Exchange.OKX).getRetryConfig().getMaxAttempts())
          .isEqualTo(ResilienceOptions.DEFAULT_MAX_ATTEMPTS);
      CircuitBreakerConfig breaker = interceptor.circuitBreaker(Exchange.OKX).getCircuitBreakerConfig();
      CircuitBreakerConfig defaults = ResilienceOptions.DEFAULT_CIRCUIT_BREAKER_CONFIG;
      assertThat(breaker.getSlidingWindowSize()).isEqualTo(defaults.getSlidingWindowSize());
      assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(defaults.getMinimumNumberOfCalls());
      assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState())
          .isEqualTo(defaults.getPermittedNumberOfCallsInHalfOpenState());
    });
  }

  @Test
  void aPropertyThatIsSetIsAppliedAndOnlyThatOne() {
    runner.withPropertyValues("exchange-resilience.retry.max-attempts=2",
            "exchange-resilience.circuit-breaker.sliding-window-size=7")
        .run(context -> {
          ExchangeResilienceInterceptor interceptor = context.getBean(ExchangeResilienceInterceptor.class);
          assertThat(interceptor.retry(Exchange.BYBIT).getRetryConfig().getMaxAttempts()).isEqualTo(2);
          CircuitBreakerConfig breaker = interceptor.circuitBreaker(Exchange.BYBIT).getCircuitBreakerConfig();
          assertThat(breaker.getSlidingWindowSize()).isEqualTo(7);
          assertThat(breaker.getMinimumNumberOfCalls())
              .isEqualTo(ResilienceOptions.DEFAULT_CIRCUIT_BREAKER_CONFIG.getMinimumNumberOfCalls());
          assertThat(breaker.getFailureRateThreshold())
              .isEqualTo(ResilienceOptions.DEFAULT_CIRCUIT_BREAKER_CONFIG.getFailureRateThreshold());
        });
  }

  @Test
  void customizersAdjustWhatNoPropertyCoversInTheirOrder() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("{\"serverTime\":1659146001000}").build());
      server.start();
      runner.withPropertyValues("exchange-resilience.exchanges.binance-usdm.hosts[0]=" + server.getHostName())
          .withBean("late", ExchangeResilienceInterceptorCustomizer.class, () -> new Signing("second", 2))
          .withBean("early", ExchangeResilienceInterceptorCustomizer.class, () -> new Signing("first", 1))
          .run(context -> {
            OkHttpClient client = context.getBean(OkHttpClient.class);
            try (Response response = client.newCall(new Request.Builder().url(server.url("/fapi/v1/time")).build())
                .execute()) {
              assertThat(response.code()).isEqualTo(200);
            }
            RecordedRequest received = server.takeRequest();
            assertThat(received.getHeaders().get("X-Signed-By")).as("the later customizer wins").isEqualTo("second");
          });
    }
  }

  /** A customizer that sets a signer naming itself, in a given order. */
  private record Signing(String name, int order) implements ExchangeResilienceInterceptorCustomizer, Ordered {
    @Override
    public void customize(ExchangeResilienceInterceptor.Builder builder) {
      builder.signer(request -> request.request().newBuilder().header("X-Signed-By", name).build());
    }

    @Override
    public int getOrder() {
      return order;
    }
  }
}
