package io.github.exchangeresilience.samples.benchmarks;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole OkHttp call over loopback, with and without the interceptor, against the same server and the same answer
 * (an OKX success envelope). The ratio of the two is the interceptor's overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FullCallBenchmark {
  static final String BODY = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"last\":\"43210.5\","
      + "\"ts\":\"1695190491421\"}]}";

  private MockWebServer server;
  private OkHttpClient bare;
  private OkHttpClient withInterceptor;
  private Request request;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest recorded) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(BODY).build();
      }
    });
    server.start();
    bare = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    withInterceptor = bare.newBuilder()
        .addInterceptor(ExchangeResilienceInterceptor.builder(Exchange.OKX)
            .build())
        .build();
    request = new Request.Builder().url(server.url("/api/v5/market/ticker?instId=BTC-USDT-SWAP")).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  @Benchmark
  public String baselineBareOkHttp() throws IOException {
    try (Response response = bare.newCall(request).execute()) {
      return response.body().string();
    }
  }

  @Benchmark
  public String withExchangeResilience() throws IOException {
    try (Response response = withInterceptor.newCall(request).execute()) {
      return response.body().string();
    }
  }
}
