package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class SigningHooksTest {
  private static final String PLACED = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"gen-1\","
      + "\"ordId\":\"312269865356374016\",\"sCode\":\"0\",\"sMsg\":\"\"}]}";

  @Test
  void everyAttemptIsSignedAfreshAndKeepsThePreparedClientOrderId() throws Exception {
    AtomicInteger signatures = new AtomicInteger();
    AtomicInteger preparations = new AtomicInteger();
    try (InterceptorFixture fixture = new InterceptorFixture(Exchange.OKX, builder -> builder
        .requestPreparer(request -> {
          preparations.incrementAndGet();
          return request.request().newBuilder().post(okhttp3.RequestBody.create(
              "{\"instId\":\"BTC-USDT\",\"clOrdId\":\"gen-1\",\"side\":\"buy\"}", InterceptorFixture.JSON)).build();
        })
        .signer(request -> request.request().newBuilder()
            .header("OK-ACCESS-TIMESTAMP", "2020-12-08T09:08:57.71" + signatures.incrementAndGet() + "Z")
            .build()))) {
      fixture.reconciler.answering(ReconcileResult.notExecuted());
      fixture.enqueue(200, "{\"code\":\"50013\",\"msg\":\"System is busy, please try again later.\",\"data\":[]}");
      fixture.enqueue(200, "{\"code\":\"50004\",\"msg\":\"Endpoint request timeout.\",\"data\":[]}");
      fixture.enqueue(200, PLACED);

      try (Response response = fixture.execute(fixture.post("/api/v5/trade/order", "{\"instId\":\"BTC-USDT\"}"))) {
        assertThat(response.body().string()).isEqualTo(PLACED);
      }

      assertThat(fixture.requestCount()).isEqualTo(3);
      assertThat(preparations).hasValue(1);
      assertThat(fixture.take().getHeaders().get("OK-ACCESS-TIMESTAMP")).isEqualTo("2020-12-08T09:08:57.711Z");
      assertThat(fixture.take().getHeaders().get("OK-ACCESS-TIMESTAMP")).isEqualTo("2020-12-08T09:08:57.712Z");
      assertThat(fixture.take().getBody().utf8()).contains("\"clOrdId\":\"gen-1\"");
      assertThat(fixture.reconciler.requests()).singleElement()
          .satisfies(asked -> assertThat(asked.clientOrderId()).isEqualTo("gen-1"));
    }
  }
}
