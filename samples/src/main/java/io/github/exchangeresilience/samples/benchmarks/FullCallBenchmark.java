package io.github.exchangeresilience.samples.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole OkHttp call over loopback, with and without the interceptor, against the same server and the same answer
 * (an OKX success envelope), on one connection kept alive. The ratio of the two is the interceptor's overhead.
 *
 * <p>The client is a parameter rather than a method so that JMH runs the bare and the intercepted call of one body
 * back to back ({@code body} varies slowest): on a machine shared with other builds, the two halves of a ratio are
 * then measured a minute apart at most, not several.
 *
 * <p>The server's sockets have {@code TCP_NODELAY}: MockWebServer writes headers and body apart, and with Nagle's
 * algorithm the body would wait for the client's delayed ACK, some 40 ms per call on Linux loopback, which would
 * swamp what is measured here.
 *
 * <p>Each call reads the whole body, as a caller would. With a 1 MiB or 10 MiB body the interceptor must still read
 * only its 64 KiB prefix ({@code peekBody}), so its extra time and allocation per call stay what they are for a
 * 1 MiB body while the call itself grows tenfold.
 *
 * <p>The request is a market-data GET, which no OKX budget paces (OKX's documented budget is for order placements).
 * {@code paced} adds a budget over every request, so large it never makes a call wait, to include the cost of taking a
 * permit, which every Binance and Bybit call pays; so does the Resilience4j peer's rate limiter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FullCallBenchmark {
  static final String SMALL_BODY = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\","
      + "\"last\":\"43210.5\",\"ts\":\"1695190491421\"}]}";

  /** {@code small}: the one-ticker envelope above (about 100 B); {@code 1MiB}, {@code 10MiB}: a list of tickers. */
  @Param({"small", "1MiB", "10MiB"})
  public String body;

  /**
   * {@code bare}: OkHttp alone; {@code interceptor}: with the library; {@code paced}: with a budget on every call;
   * {@code failsafe}, {@code resilience4j}: the peers ({@link Callers}).
   */
  @Param({"bare", "interceptor", "paced", "failsafe", "resilience4j"})
  public String client;

  private MockWebServer server;
  private Callers.Caller chosen;
  private Request request;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = startServer(body);
    chosen = Callers.forMarketData(Callers.Kind.of(client), bareClient());
    request = request(server);
  }

  /** OkHttp as every client here uses it: no silent resend of a request on a stale connection. */
  static OkHttpClient bareClient() {
    return new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  }

  /** A server on loopback answering every request with the OKX success envelope of {@code body}'s size. */
  static MockWebServer startServer(String body) throws IOException {
    Buffer content = new Buffer();
    switch (body) {
      case "small" -> content.writeUtf8(SMALL_BODY);
      case "1MiB" -> content.write(DecodeBenchmark.okxSuccess(1 << 20));
      case "10MiB" -> content.write(DecodeBenchmark.okxSuccess(10 << 20));
      default -> throw new IllegalArgumentException("body: " + body);
    }
    // Built once: the server copies the buffer into each answer, so every call gets the same bytes.
    MockResponse answer = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(content).build();
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest recorded) {
        return answer;
      }
    });
    server.start();
    return server;
  }

  static Request request(MockWebServer server) {
    return new Request.Builder().url(server.url("/api/v5/market/ticker?instId=BTC-USDT-SWAP")).build();
  }

  /** Drops what MockWebServer recorded: it keeps every request it served. */
  static void forget(MockWebServer server) throws InterruptedException {
    while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
      // dropped
    }
  }

  /** Executes the call and reads the whole body into a blackhole, returning its length. */
  static long execute(Callers.Caller client, Request request) throws IOException {
    try (Response response = client.execute(request)) {
      return response.body().source().readAll(okio.Okio.blackhole());
    }
  }

  /** MockWebServer records every request it serves; forget them so that memory does not grow over the run. */
  @TearDown(Level.Iteration)
  public void forgetRecordedRequests() throws InterruptedException {
    forget(server);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  /** Executes the call and reads the whole body, returning its length so that the read is not optimized away. */
  @Benchmark
  public long call() throws IOException {
    return execute(chosen, request);
  }

  /** Server sockets whose accepted connections have {@code TCP_NODELAY} set. */
  static final class NoDelayServerSockets extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return bound(new InetSocketAddress(port), 50);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      return bound(new InetSocketAddress(port), backlog);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
      return bound(new InetSocketAddress(address, port), backlog);
    }

    private ServerSocket bound(InetSocketAddress address, int backlog) throws IOException {
      ServerSocket socket = createServerSocket();
      socket.bind(address, backlog);
      return socket;
    }
  }
}
