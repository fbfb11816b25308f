package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class InterceptorSetupTest {

  @Test
  void tellsWhichExchangeARequestIsHandledAs() {
    ExchangeResilienceInterceptor byHost = ExchangeResilienceInterceptor.builder()
        .host("okx-proxy.internal", Exchange.OKX)
        .build();
    assertThat(byHost.exchangeOf(request("https://fapi.binance.com/fapi/v1/order"))).contains(Exchange.BINANCE_USDM);
    assertThat(byHost.exchangeOf(request("https://OKX-Proxy.internal/api/v5/trade/order"))).contains(Exchange.OKX);
    assertThat(byHost.exchangeOf(request("https://example.internal/api/v5/trade/order"))).isEmpty();

    ExchangeResilienceInterceptor one = ExchangeResilienceInterceptor.builder(Exchange.BYBIT).build();
    assertThat(one.exchangeOf(request("http://127.0.0.1:8080/v5/order/create"))).contains(Exchange.BYBIT);
  }

  private static Request request(String url) {
    return new Request.Builder().url(url).build();
  }

  @Test
  void exchangeIsInferredFromTheHostAndOtherHostsPassThrough() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      List<PolicyClass> seen = new CopyOnWriteArrayList<>();
      ExchangeResilienceInterceptor interceptor = ExchangeResilienceInterceptor.builder()
          .sleeper(new FakeTime(InterceptorFixture.START))
          .listener(new ResilienceListener() {
            @Override
            public void onResponse(Exchange exchange, Request request, DecodedResponse decoded,
                PolicyClass handledAs) {
              seen.add(handledAs);
            }
          })
          .build();
      OkHttpClient client = new OkHttpClient.Builder()
          .retryOnConnectionFailure(false)
          .dns(host -> List.of(InetAddress.getLoopbackAddress()))
          .addInterceptor(interceptor)
          .build();
      server.enqueue(new MockResponse.Builder().code(200)
          .body("{\"code\":\"50011\",\"msg\":\"Requests too frequent.\",\"data\":[]}").build());
      server.enqueue(new MockResponse.Builder().code(200).body("{\"code\":\"0\",\"msg\":\"\",\"data\":[]}").build());
      server.enqueue(new MockResponse.Builder().code(200).body("{\"code\":\"50011\"}").build());

      HttpUrl okx = new HttpUrl.Builder().scheme("http").host("www.okx.com").port(server.getPort())
          .encodedPath("/api/v5/account/balance").build();
      client.newCall(new Request.Builder().url(okx).build()).execute().close();
      HttpUrl elsewhere = okx.newBuilder().host("example.internal").build();
      try (Response response = client.newCall(new Request.Builder().url(elsewhere).build()).execute()) {
        assertThat(response.body().string()).isEqualTo("{\"code\":\"50011\"}");
      }

      assertThat(server.getRequestCount()).isEqualTo(3);
      assertThat(seen).containsExactly(PolicyClass.RATE_LIMITED, PolicyClass.SUCCESS);
      assertThat(interceptor.exchanges()).containsExactlyInAnyOrder(Exchange.values());
      client.connectionPool().evictAll();
    }
  }

  @Test
  void newBuilderKeepsTheSettingsAndSharesTheState() throws Exception {
    java.util.List<Exchange> banned = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExchangeResilienceInterceptor first = ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
        .maxAttempts(2)
        .listener(new ResilienceListener() {
          @Override
          public void onBan(Exchange exchange, String scope, java.time.Instant until) {
            banned.add(exchange);
          }
        })
        .build();
    ExchangeResilienceInterceptor second = first.newBuilder().maxAttempts(3).build();

    assertThat(first.retry(Exchange.BINANCE_USDM).getRetryConfig().getMaxAttempts()).isEqualTo(2);
    assertThat(second.exchanges()).containsExactly(Exchange.BINANCE_USDM);
    assertThat(second.circuitBreaker(Exchange.BINANCE_USDM)).isSameAs(first.circuitBreaker(Exchange.BINANCE_USDM));

    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(418)
          .body("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until "
              + java.time.Instant.now().plusSeconds(60).toEpochMilli() + ".\"}").build());
      server.start();
      OkHttpClient viaSecond = new OkHttpClient.Builder().addInterceptor(second).build();
      OkHttpClient viaFirst = new OkHttpClient.Builder().addInterceptor(first).build();
      Request time = new Request.Builder().url(server.url("/fapi/v1/time")).build();

      assertThatThrownBy(() -> viaSecond.newCall(time).execute()).isInstanceOf(FailFastException.class);
      // The ban the second one met stops the first before its request: one ban state, one listener.
      assertThatThrownBy(() -> viaFirst.newCall(time).execute()).isInstanceOf(FailFastException.class);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(banned).containsExactly(Exchange.BINANCE_USDM);
      assertThat(first.bannedUntil(Exchange.BINANCE_USDM)).isPresent();
    }
  }

  @Test
  void resilience4jInstancesLiveInTheApplicationsRegistries() {
    RetryRegistry retries = RetryRegistry.ofDefaults();
    RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

    ExchangeResilienceInterceptor interceptor = ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
        .retryRegistry(retries)
        .rateLimiterRegistry(limiters)
        .circuitBreakerRegistry(breakers)
        .maxAttempts(3)
        .build();

    assertThat(retries.getAllRetries()).extracting(Retry::getName).containsExactly("binance-usdm");
    assertThat(retries.retry("binance-usdm").getRetryConfig().getMaxAttempts()).isEqualTo(3);
    assertThat(limiters.getAllRateLimiters()).extracting(limiter -> limiter.getName())
        .containsExactlyInAnyOrder("binance-usdm.ip", "binance-usdm.orders");
    assertThat(limiters.rateLimiter("binance-usdm.ip").getRateLimiterConfig().getLimitForPeriod()).isEqualTo(2400);
    assertThat(breakers.getAllCircuitBreakers()).extracting(breaker -> breaker.getName())
        .containsExactly("binance-usdm");
    assertThat(interceptor.circuitBreaker(Exchange.BINANCE_USDM)).isSameAs(breakers.circuitBreaker("binance-usdm"));
  }

  @Test
  void requestDescriptionsRedactSignaturesAndNeverShowHeaders() {
    Request request = new Request.Builder()
        .url("https://fapi.binance.com/fapi/v1/order?symbol=BTCUSDT&timestamp=1&signature=c8db56825ae71d6d79447849")
        .header("X-MBX-APIKEY", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zv")
        .build();

    String description = RequestDescriptions.describe(request);

    assertThat(description).isEqualTo("GET /fapi/v1/order?symbol=BTCUSDT&timestamp=1&signature=██");
    assertThat(description).doesNotContain("c8db5682", "vmPUZE6");
  }
}
