package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interceptor against whichever OkHttp is on the class path: 5.x in the default test run, 4.12 in the
 * {@code okhttp4-compatibility} run, which swaps the jars. A JDK HttpServer stands in for MockWebServer, which needs
 * OkHttp 5.
 */
class OkHttpCompatibilityTest {
  private HttpServer server;
  private final Deque<String[]> answers = new ArrayDeque<>();
  private final AtomicInteger requests = new AtomicInteger();
  private OkHttpClient client;
  private final RecordingReconciler reconciler = new RecordingReconciler();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      String[] answer = answers.poll();
      byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      for (int i = 2; i < answer.length; i += 2) {
        exchange.getResponseHeaders().add(answer[i], answer[i + 1]);
      }
      exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    FakeTime time = new FakeTime(Instant.ofEpochMilli(1_659_146_000_000L));
    client = new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .addInterceptor(ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
            .sleeper(time).clock(time).reconciler(reconciler).build())
        .build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void runsOnTheExpectedOkHttp() {
    assertThat(OkHttp.VERSION).isEqualTo(System.getProperty("expected.okhttp.version"));
  }

  /** What the README's OkHttp 4.12 recipe promises: no second OkHttp, Okio or Kotlin library left beside the first. */
  @Test
  void oneOkHttpOneOkioAndOneKotlinStandardLibraryOnTheClassPath() throws IOException {
    for (String type : List.of("okhttp3/OkHttpClient.class", "okio/Buffer.class", "kotlin/Unit.class")) {
      assertThat(Collections.list(getClass().getClassLoader().getResources(type))).as(type).hasSize(1);
    }
  }

  @Test
  void retriesARateLimitAndReconcilesAnOrderInDoubt() throws Exception {
    answers.add(new String[] {"429", "{\"code\":-1003,\"msg\":\"Too many requests.\"}", "Retry-After", "1"});
    answers.add(new String[] {"200", "{\"serverTime\":1659146001000}"});
    try (Response response = client.newCall(new Request.Builder().url(url("/fapi/v1/time")).build()).execute()) {
      assertThat(response.body().string()).contains("serverTime");
    }
    assertThat(requests).hasValue(2);

    answers.add(new String[] {"200", "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server."
        + " Send status unknown; execution status unknown.\"}"});
    Request order = new Request.Builder().url(url("/fapi/v1/order?symbol=BTCUSDT&newClientOrderId=compat-1"))
        .post(RequestBody.create("", MediaType.get("application/x-www-form-urlencoded")))
        .build();
    assertThatThrownBy(() -> client.newCall(order).execute()).isInstanceOf(ExecutionUnknownException.class);
    assertThat(requests).hasValue(3);
    assertThat(reconciler.requests()).singleElement()
        .satisfies(asked -> assertThat(asked.clientOrderId()).isEqualTo("compat-1"));
  }
}
