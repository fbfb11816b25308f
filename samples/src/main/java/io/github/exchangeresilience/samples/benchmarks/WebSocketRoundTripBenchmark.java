package io.github.exchangeresilience.samples.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.WebSocketFrameReader;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.ItemFields;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.exchange.WebSocketApi;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.signing.Credentials;
import io.github.exchangeresilience.okhttp.signing.CredentialsProvider;
import io.github.exchangeresilience.okhttp.signing.ExchangeSigning;
import io.github.exchangeresilience.okhttp.websocket.ExchangeWebSocketSession;
import io.github.exchangeresilience.okhttp.websocket.WebSocketAnswer;
import io.github.exchangeresilience.samples.demo.ExchangeRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
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
 * One order's round trip over an OKX-shaped WebSocket on loopback: the frame written, the server's success answer read
 * and matched to its request. {@code bare} is OkHttp's WebSocket with the least an application needs (a request id, a
 * client order id, a map from id to the waiting future); {@code session} is an {@link ExchangeWebSocketSession},
 * which also signs, decodes the answer through the exchange's decoder, decides it, takes the breaker's permission and
 * a rate permit, and reports to the listener. The ratio of the two is the session's overhead; run with {@code -prof gc}
 * for the allocation per order. {@code bare-reading} (paired runs only) is bare reading each answer with the session's
 * {@link WebSocketFrameReader}, its id taken from that read: the part of the overhead that is reading the answer.
 * {@code bare-jackson} (paired runs only) is bare reading each answer with a jackson-core parser of its own, as far as
 * its request id, its code and its order's {@code sCode}: the least an application reads to know an order's fate, the
 * floor of any reading of OKX's answer, whose code comes after the order's data.
 *
 * <p>Both send the same order on one logged-in connection to the same server, whose sockets have {@code TCP_NODELAY}.
 * The session's budget is so large that it never makes an order wait: OKX's documented budget (60 orders in 2 s)
 * would otherwise be what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class WebSocketRoundTripBenchmark {
  private static final Exchange EXCHANGE = Exchange.OKX;
  private static final ExchangeSigning SIGNING = ExchangeSigning.builder(EXCHANGE,
      CredentialsProvider.of(Credentials.of("bench-key", "bench-secret", "bench-passphrase"))).build();
  /** The exchange's answer to a login. */
  private static final String LOGGED_IN = "{" + text(EXCHANGE.spec().webSocket().frames().kindFields().get(0),
      EXCHANGE.spec().webSocket().login().op()) + "," + text(EXCHANGE.spec().envelope().codeField(), "0") + ","
      + text(EXCHANGE.spec().envelope().messageField(), "") + "," + text("connId", "bench") + "}";
  private static final String ID_FIELD = EXCHANGE.spec().webSocket().requests().idField();
  private static final Pattern ID = field(ID_FIELD);
  private static final Pattern CLIENT_ORDER_ID = field(EXCHANGE.spec().orders().clientOrderIdField());
  private static final String CODE = EXCHANGE.spec().envelope().codeField();
  private static final String DATA = "data";
  private static final String ORDER_CODE = EXCHANGE.spec().envelope().items().code();

  private static String text(String name, String value) {
    return "\"" + name + "\":\"" + value + "\"";
  }

  private static Pattern field(String name) {
    return Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]+)\"");
  }

  /** {@code bare}: OkHttp's WebSocket alone; {@code session}: the library's session. */
  @Param({"bare", "session"})
  public String client;

  private MockWebServer server;
  private OkHttpClient okhttp;
  private ExchangeWebSocketSession session;
  private BareClient bare;
  private final AtomicLong orders = new AtomicLong();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = new MockWebServer();
    server.setServerSocketFactory(new FullCallBenchmark.NoDelayServerSockets());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest recorded) {
        return new MockResponse.Builder().webSocketUpgrade(new Server()).build();
      }
    });
    server.start();
    okhttp = new OkHttpClient.Builder().build();
    String url = server.url("/ws/v5/private").toString().replaceFirst("^http", "ws");
    if (client.equals("session")) {
      ExchangeResilienceInterceptor interceptor = SIGNING.configure(ExchangeResilienceInterceptor.builder(EXCHANGE))
          .rateBudgets(EXCHANGE, List.of(RateBudget.allRequests("ip", 1_000_000_000, Duration.ofSeconds(1))))
          .build();
      session = ExchangeWebSocketSession.builder(interceptor, EXCHANGE)
          .client(okhttp)
          .url(url)
          .restBaseUrl(server.url("/"))
          .signer(SIGNING.webSocketSigner())
          .build();
      session.placeOrder(order()).get(10, TimeUnit.SECONDS); // connected and logged in before measuring
    } else {
      bare = new BareClient(okhttp, url, answerId(client));
      bare.place(order()).get(10, TimeUnit.SECONDS);
    }
  }

  @TearDown(Level.Iteration)
  public void forgetRecordedRequests() throws InterruptedException {
    FullCallBenchmark.forget(server);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (session != null) {
      session.close();
    }
    if (bare != null) {
      bare.socket.close(1000, null);
    }
    okhttp.dispatcher().executorService().shutdown();
    server.close();
  }

  /** Places one order and waits for its answer, returning the answer's length so that nothing is optimized away. */
  @Benchmark
  public int roundTrip() throws Exception {
    if (session != null) {
      WebSocketAnswer answer = session.placeOrder(order()).get(10, TimeUnit.SECONDS);
      return answer.frame().length();
    }
    return bare.place(order()).get(10, TimeUnit.SECONDS).length();
  }

  /** The demo's order, each with its own client order id, as an application would give it. */
  private Map<String, Object> order() {
    Map<String, Object> order = new LinkedHashMap<>(ExchangeRequests.order(EXCHANGE, "1"));
    order.put(EXCHANGE.spec().orders().clientOrderIdField(), "bench" + orders.incrementAndGet());
    return order;
  }

  /**
   * How a bare {@code client} finds an answer's request id: {@code bare} with a pattern, {@code bare-reading} by reading
   * the answer as the session does ({@link WebSocketFrameReader}, which decodes and decides it), {@code bare-jackson} by
   * {@link BareClient#fate}; {@code null} for an answer whose request it cannot tell.
   */
  private static Function<String, String> answerId(String client) {
    return switch (client) {
      case "bare" -> text -> {
        Matcher found = ID.matcher(text);
        return found.find() ? found.group(1) : null;
      };
      case "bare-reading" -> {
        WebSocketFrameReader reader = new WebSocketFrameReader(EXCHANGE.spec(),
            ResponseDecoder.of(EXCHANGE, ErrorCatalog.builtIn()));
        yield text -> reader.read(text).id();
      }
      case "bare-jackson" -> BareClient::fate;
      default -> throw new IllegalArgumentException("client: " + client);
    };
  }

  /**
   * What an application without the library writes: a frame per order, and its answer found by the request id, which
   * {@code answerId} finds in it.
   */
  static final class BareClient extends WebSocketListener {
    /** As the library's decoders build theirs: UTF-8 without detection. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(JsonFactory.Feature.CHARSET_DETECTION)
        .build();
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private final Function<String, String> answerId;
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Void> loggedIn = new CompletableFuture<>();
    private final WebSocketApi.Requests requests = EXCHANGE.spec().webSocket().requests();
    final WebSocket socket;

    BareClient(OkHttpClient client, String url, Function<String, String> answerId) throws Exception {
      this.answerId = answerId;
      socket = client.newWebSocket(new Request.Builder().url(url).build(), this);
      // Signed as the library would sign it: the login is no part of what is measured.
      socket.send(SIGNING.webSocketSigner().login());
      loggedIn.get(10, TimeUnit.SECONDS);
    }

    CompletableFuture<String> place(Map<String, Object> order) {
      String id = Long.toString(ids.incrementAndGet());
      CompletableFuture<String> answer = new CompletableFuture<>();
      waiting.put(id, answer);
      StringBuilder frame = new StringBuilder("{\"").append(requests.idField()).append("\":\"").append(id)
          .append("\",\"").append(requests.opField()).append("\":\"").append(requests.place()).append("\",\"")
          .append(requests.argsField()).append("\":[{");
      order.forEach((name, value) -> frame.append(frame.charAt(frame.length() - 1) == '{' ? "" : ",")
          .append('"').append(name).append("\":\"").append(value).append('"'));
      socket.send(frame.append("}]}").toString());
      return answer;
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      if (!loggedIn.isDone()) {
        loggedIn.complete(null);
        return;
      }
      String id = answerId.apply(text);
      CompletableFuture<String> answer = id == null ? null : waiting.remove(id);
      if (answer != null) {
        answer.complete(text);
      }
    }

    /**
     * The answer's request id, read with its code and its first order's {@code sCode} by a parser of its own, which
     * stops once all three are known; {@code null} for an answer without a code or an order's code, which would leave
     * the order's fate unknown.
     */
    private static String fate(String text) {
      String id = null;
      String code = null;
      String orderCode = null;
      try (JsonParser parser = JSON.createParser(text.getBytes(StandardCharsets.UTF_8))) {
        parser.nextToken();
        while ((id == null || code == null || orderCode == null) && parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (name.equals(ID_FIELD) && value == JsonToken.VALUE_STRING) {
            id = parser.getText();
          } else if (name.equals(CODE) && value == JsonToken.VALUE_STRING) {
            code = parser.getText();
          } else if (name.equals(DATA) && value == JsonToken.START_ARRAY) {
            orderCode = firstOrderCode(parser);
          } else {
            parser.skipChildren();
          }
        }
      } catch (IOException broken) {
        return null;
      }
      return code == null || orderCode == null ? null : id;
    }

    /** The first order's {@code sCode} in the array the parser is on, left on its end. */
    private static String firstOrderCode(JsonParser parser) throws IOException {
      String orderCode = null;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
        if (token != JsonToken.START_OBJECT || orderCode != null) {
          parser.skipChildren();
          continue;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          if (parser.nextToken() == JsonToken.VALUE_STRING && field.equals(ORDER_CODE)) {
            orderCode = parser.getText();
          } else {
            parser.skipChildren();
          }
        }
      }
      return orderCode;
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, okhttp3.Response response) {
      loggedIn.completeExceptionally(failure);
      waiting.values().forEach(answer -> answer.completeExceptionally(failure));
    }
  }

  /** The server's side of a connection: a login answered, each order answered as OKX answers a placed one. */
  private static final class Server extends WebSocketListener {
    private final AtomicLong orderIds = new AtomicLong(1_000_000);

    @Override
    public void onMessage(WebSocket socket, String text) {
      WebSocketApi.KeepAlive keepAlive = EXCHANGE.spec().webSocket().keepAlive();
      if (text.equals(keepAlive.ping())) {
        socket.send(keepAlive.pong());
        return;
      }
      Matcher id = ID.matcher(text);
      if (!id.find()) { // the login
        socket.send(LOGGED_IN);
        return;
      }
      Matcher clientOrderId = CLIENT_ORDER_ID.matcher(text);
      String clOrdId = clientOrderId.find() ? clientOrderId.group(1) : "";
      ExchangeSpec spec = EXCHANGE.spec();
      ItemFields item = spec.envelope().items();
      long now = System.currentTimeMillis();
      WebSocketApi.Requests requests = spec.webSocket().requests();
      // In the order OKX's page shows an order's answer: its data ahead of its code.
      socket.send("{" + text(requests.idField(), id.group(1)) + "," + text(requests.opField(), requests.place())
          + ",\"" + DATA + "\":[{" + text(item.clientOrderId(), clOrdId) + ","
          + text(item.orderId(), Long.toString(orderIds.incrementAndGet())) + "," + text("tag", "") + ","
          + text("ts", Long.toString(now)) + "," + text(item.code(), "0") + "," + text(item.message(), "Order placed")
          + "}]," + text(spec.envelope().codeField(), "0") + "," + text(spec.envelope().messageField(), "") + ","
          + text("inTime", now + "000") + "," + text("outTime", now + "000") + "}");
    }

    @Override
    public void onClosing(WebSocket socket, int code, String reason) {
      socket.close(1000, null);
    }
  }

  /** Runs this benchmark alone, with the gc profiler: {@code java -cp ... WebSocketRoundTripBenchmark}. */
  public static void main(String[] args) throws Exception {
    new org.openjdk.jmh.runner.Runner(new org.openjdk.jmh.runner.options.OptionsBuilder()
        .include(Pattern.quote(WebSocketRoundTripBenchmark.class.getName()) + "\\.")
        .addProfiler(org.openjdk.jmh.profile.GCProfiler.class)
        .build()).run();
  }
}
