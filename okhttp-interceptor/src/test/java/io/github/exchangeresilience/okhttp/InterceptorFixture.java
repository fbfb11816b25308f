package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * One simulated exchange on loopback, an OkHttp client with the interceptor set up as the README shows, fake time,
 * and a count of every response body the network handed out and whether it was closed.
 */
final class InterceptorFixture implements AutoCloseable {
  static final MediaType JSON = MediaType.get("application/json");
  /** 2022-07-30T01:53:20Z, just before the ban end in Binance's documented example (1659146268000). */
  static final Instant START = Instant.ofEpochMilli(1_659_146_000_000L);

  final MockWebServer server = new MockWebServer();
  final FakeTime time = new FakeTime(START);
  final RecordingReconciler reconciler = new RecordingReconciler();
  final List<String> timeSyncs = new CopyOnWriteArrayList<>();
  private final List<Tracked> bodies = new CopyOnWriteArrayList<>();
  /** Counts every response body that comes over the network, on this fixture's client or another one. */
  private final Interceptor bodyTracking = chain -> {
    Response response = chain.proceed(chain.request());
    Tracked tracked = new Tracked();
    bodies.add(tracked);
    return response.newBuilder().body(withSource(response.body(), source -> new ForwardingSource(source) {
      @Override
      public void close() throws IOException {
        tracked.closed = true;
        super.close();
      }
    })).build();
  };
  final ExchangeResilienceInterceptor interceptor;
  final OkHttpClient client;

  InterceptorFixture(Exchange exchange) throws IOException {
    this(exchange, builder -> builder);
  }

  InterceptorFixture(Exchange exchange, UnaryOperator<ExchangeResilienceInterceptor.Builder> customizer)
      throws IOException {
    this(exchange, customizer, client -> client);
  }

  InterceptorFixture(Exchange exchange, UnaryOperator<ExchangeResilienceInterceptor.Builder> customizer,
      UnaryOperator<OkHttpClient.Builder> clientCustomizer) throws IOException {
    this(exchange, (fixture, builder) -> customizer.apply(builder), clientCustomizer);
  }

  /** With a customizer that may use the fixture: its server, its time, {@link #trackingBodies}. */
  InterceptorFixture(Exchange exchange,
      BiFunction<InterceptorFixture, ExchangeResilienceInterceptor.Builder, ExchangeResilienceInterceptor.Builder>
          customizer) throws IOException {
    this(exchange, customizer, client -> client);
  }

  private InterceptorFixture(Exchange exchange,
      BiFunction<InterceptorFixture, ExchangeResilienceInterceptor.Builder, ExchangeResilienceInterceptor.Builder>
          customizer, UnaryOperator<OkHttpClient.Builder> clientCustomizer) throws IOException {
    server.start();
    interceptor = customizer.apply(this, ExchangeResilienceInterceptor.builder(exchange)
            .sleeper(time)
            .clock(time)
            .reconciler(reconciler)
            .timeSync(e -> timeSyncs.add(e.id())))
        .build();
    client = clientCustomizer.apply(new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .readTimeout(2, TimeUnit.SECONDS)
        .addInterceptor(interceptor)
        .addNetworkInterceptor(bodyTracking))
        .build();
  }

  /** {@code client} counting its response bodies with this fixture's, for {@link #unclosedBodies()}. */
  OkHttpClient.Builder trackingBodies(OkHttpClient.Builder client) {
    return client.addNetworkInterceptor(bodyTracking);
  }

  void enqueue(int code, String body, String... headers) {
    MockResponse.Builder response = new MockResponse.Builder().code(code).body(body)
        .addHeader("Content-Type", "application/json");
    for (String header : headers) {
      response.addHeader(header);
    }
    server.enqueue(response.build());
  }

  Request get(String pathAndQuery) {
    return new Request.Builder().url(server.url(pathAndQuery)).build();
  }

  Request post(String pathAndQuery, String jsonBody) {
    return new Request.Builder().url(server.url(pathAndQuery)).post(RequestBody.create(jsonBody, JSON)).build();
  }

  Request postForm(String path, String form) {
    return new Request.Builder().url(server.url(path))
        .post(RequestBody.create(form, MediaType.get("application/x-www-form-urlencoded"))).build();
  }

  Response execute(Request request) throws IOException {
    return client.newCall(request).execute();
  }

  /** Runs the call with {@code enqueue} and waits for its outcome: the response, or the IOException it failed with. */
  Object enqueueAndAwait(Request request) throws InterruptedException {
    java.util.concurrent.CompletableFuture<Object> outcome = new java.util.concurrent.CompletableFuture<>();
    client.newCall(request).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        outcome.complete(e);
      }

      @Override
      public void onResponse(Call call, Response response) {
        outcome.complete(response);
      }
    });
    try {
      return outcome.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the server received no request");
    }
    return request;
  }

  int requestCount() {
    return server.getRequestCount();
  }

  /** Response bodies that came over the network and were never closed, by the interceptor or the test. */
  long unclosedBodies() {
    return bodies.stream().filter(body -> !body.closed).count();
  }

  int networkResponses() {
    return bodies.size();
  }

  Duration slept() {
    return time.totalSlept();
  }

  @Override
  public void close() {
    server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** Whether one response body was closed. */
  private static final class Tracked {
    volatile boolean closed;
  }

  /** {@code body} read through {@code wrap}: its type and length as they were. */
  static ResponseBody withSource(ResponseBody body, UnaryOperator<Source> wrap) {
    BufferedSource source = Okio.buffer(wrap.apply(body.source()));
    return new ResponseBody() {
      @Override
      public MediaType contentType() {
        return body.contentType();
      }

      @Override
      public long contentLength() {
        return body.contentLength();
      }

      @Override
      public BufferedSource source() {
        return source;
      }
    };
  }

  static String bodyOf(Response response) throws IOException {
    try (response) {
      return response.body().string();
    }
  }
}
