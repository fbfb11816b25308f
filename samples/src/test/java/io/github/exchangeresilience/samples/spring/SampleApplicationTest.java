package io.github.exchangeresilience.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample application with the library's auto-configuration, as a newcomer would run it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {
  private static final MockWebServer EXCHANGE = new MockWebServer();

  @LocalServerPort
  int port;

  @Autowired
  OkHttpClient exchangeClient;

  @DynamicPropertySource
  static void simulatedBinance(DynamicPropertyRegistry registry) throws IOException {
    EXCHANGE.start();
    registry.add("sample.binance-usdm-url", () -> EXCHANGE.url("/").toString());
    registry.add("exchange-resilience.exchanges.binance-usdm.hosts[0]", EXCHANGE::getHostName);
  }

  @AfterAll
  static void stop() {
    EXCHANGE.close();
  }

  @Test
  void exchangeAnswersShowUpInPrometheus() throws Exception {
    EXCHANGE.enqueue(new MockResponse.Builder().code(400)
        .body("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}").build());
    OkHttpClient plain = new OkHttpClient();

    String lookup = get(plain, "/orders?exchange=binance-usdm&clientOrderId=nope1");
    String prometheus = get(plain, "/actuator/prometheus");
    String health = get(plain, "/actuator/health");

    assertThat(lookup).contains("Invalid symbol.");
    assertThat(prometheus)
        .contains("exchange_resilience_responses_total{class=\"REJECTED\",code=\"-1121\","
            + "endpoint=\"/fapi/v1/order\",exchange=\"binance-usdm\",transport=\"rest\"} 1.0")
        .contains("resilience4j_circuitbreaker_state{name=\"binance-usdm\"");
    assertThat(health).contains("exchangeResilience", "binance-usdm", "CLOSED");
    assertThat(EXCHANGE.getRequestCount()).isEqualTo(1);
    assertThat(exchangeClient.retryOnConnectionFailure()).isFalse();
  }

  private String get(OkHttpClient client, String path) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url("http://localhost:" + port + path).build())
        .execute()) {
      return response.body().string();
    }
  }
}
