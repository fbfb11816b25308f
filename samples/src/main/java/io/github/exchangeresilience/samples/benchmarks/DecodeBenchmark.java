package io.github.exchangeresilience.samples.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.HeaderLookup;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.ResponseSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one decode costs, by body. The baseline is the cheapest thing a caller must do anyway: copy the small body the
 * decoder is handed. BENCHMARKS.md reports each decode against it and against the small error body.
 *
 * <p>A decoder knows an answer that opens with the very bytes of the last one it read only partly, and decides it
 * without a parser: exchanges repeat their successes and their rate-limit errors. The {@code FirstSight} cases show
 * the cost of an answer it has not just decoded, two answers taken in turns. Their floor is jackson-core itself: the
 * {@code baselineJackson} cases make a parser over the same body and read its code and message, nothing else.
 *
 * <p>The 1 MiB and 10 MiB success bodies are decoded as a 64 KiB prefix, flagged incomplete: both prefixes hold the
 * same bytes, so these two cases show what a prefix costs, not how the decoder scales. The interceptor now hands a
 * long body over as a window of its first 8 KiB, read on from only if they do not decide ({@code success1MiBWindow});
 * what it reads of a long body from the network is shown by {@link FullCallBenchmark}. The complete 60 KiB body is the
 * largest the decoder is ever handed whole, and the one-ticker success the commonest.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
// The heap fixed and touched before the first iteration: on a virtual machine, eden's first pages fault in while the
// first iterations allocate (a 16 ns copy was measured at 800 ns until the first collection).
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
public class DecodeBenchmark {
  /** Built as the decoders build theirs: UTF-8 without detection, the field-name table kept warm. */
  private static final JsonFactory JSON = JsonFactory.builder().disable(JsonFactory.Feature.CHARSET_DETECTION).build();

  private ResponseDecoder binance;
  private ResponseDecoder okx;
  private ResponseSnapshot smallError;
  /** The same answer, its headers a lookup by name rather than a list: each name a scan of them all. */
  private ResponseSnapshot smallErrorHeadersByName;
  private ResponseSnapshot okxBatch20;
  private ResponseSnapshot smallSuccess;
  private ResponseSnapshot success60KiBComplete;
  private ResponseSnapshot success1MiB;
  private ResponseSnapshot success10MiB;
  private ResponseSnapshot success1MiBWindow;
  private ResponseSnapshot htmlPage;
  private byte[] smallErrorBytes;
  private byte[] smallSuccessBytes;
  /** Two answers that differ in their first bytes or status, taken in turns: neither is ever the last one decoded. */
  private ResponseSnapshot[] errorsInTurn;
  private ResponseSnapshot[] successesInTurn;
  private int turn;

  /**
   * Headers shaped like a Binance USDⓈ-M answer's: its weight counter, request id and Retry-After among the usual
   * server, security and CDN headers, 25 in all. The decoder looks for six names (Retry-After and the five weight and
   * order counts).
   */
  static final Map<String, String> BINANCE_429_HEADERS = headers("Content-Type", "application/json",
      "Content-Length", "152", "Connection", "keep-alive", "Date", "Wed, 02 Dec 2026 06:00:00 GMT",
      "Server", "Tengine", "x-mbx-uuid", "2f1e6c1a-7d3b-4a6b-9f3c-0e8d5b2a4c17", "x-mbx-used-weight-1m", "2400",
      "x-response-time", "3ms", "Retry-After", "1", "Strict-Transport-Security", "max-age=31536000; includeSubdomains",
      "X-Frame-Options", "SAMEORIGIN", "X-Xss-Protection", "1; mode=block", "X-Content-Type-Options", "nosniff",
      "Content-Security-Policy", "default-src 'self'", "X-Content-Security-Policy", "default-src 'self'",
      "X-WebKit-CSP", "default-src 'self'", "Cache-Control", "no-cache, no-store, must-revalidate",
      "Pragma", "no-cache", "Expires", "0", "Access-Control-Allow-Origin", "*",
      "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS", "X-Cache", "Error from cloudfront",
      "Via", "1.1 8e3f0c.cloudfront.net (CloudFront)", "X-Amz-Cf-Pop", "NRT57-P4",
      "X-Amz-Cf-Id", "pZ3m1bq8yT0cVb6kQ2rXw9Ue4nA7sLd5Hj0Gf1Ki2Oo3Pp4==");

  /**
   * Headers shaped like an OKX answer's behind its CDN, 14 in all, none of them a rate-limit header: the decoder looks
   * for Retry-After alone.
   */
  static final Map<String, String> OKX_HEADERS = headers("Date", "Wed, 02 Dec 2026 06:00:00 GMT",
      "Content-Type", "application/json", "Content-Length", "102", "Connection", "keep-alive",
      "x-request-id", "9f2c1d7e4b8a6f30", "Strict-Transport-Security", "max-age=63072000; includeSubdomains; preload",
      "X-Content-Type-Options", "nosniff", "X-Frame-Options", "SAMEORIGIN", "Vary", "Accept-Encoding",
      "Cache-Control", "no-cache, no-store", "CF-Cache-Status", "DYNAMIC", "Server", "cloudflare",
      "CF-RAY", "8e1f2a3b4c5d6e7f-NRT", "alt-svc", "h3=\":443\"; ma=86400");

  private static Map<String, String> headers(String... namesAndValues) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  @Setup
  public void setUp() {
    ErrorCatalog catalog = ErrorCatalog.builtIn();
    binance = ResponseDecoder.of(Exchange.BINANCE_USDM, catalog);
    okx = ResponseDecoder.of(Exchange.OKX, catalog);
    HeaderLookup headers = HeaderLookup.of(BINANCE_429_HEADERS);
    smallErrorBytes = utf8("{\"code\":-1003,\"msg\":\"Too many requests; current limit is 2400 requests per minute."
        + " Please use the websocket for live updates to avoid polling the API.\"}");
    smallError = ResponseSnapshot.builder().httpStatus(429).headers(headers).body(smallErrorBytes, true).build();
    smallErrorHeadersByName = ResponseSnapshot.builder().httpStatus(429).headers(headers::get)
        .body(smallErrorBytes, true).build();
    // The same size and the same work, another limit named in the message.
    ResponseSnapshot otherError = ResponseSnapshot.builder().httpStatus(429).headers(headers)
        .body(utf8(new String(smallErrorBytes, StandardCharsets.UTF_8).replace("2400", "1200")), true).build();
    errorsInTurn = new ResponseSnapshot[] {smallError, otherError};
    okxBatch20 = snapshot(200, okxBatch(20), true);
    smallSuccessBytes = utf8(FullCallBenchmark.SMALL_BODY);
    HeaderLookup okxHeaders = HeaderLookup.of(OKX_HEADERS);
    smallSuccess = ResponseSnapshot.builder().httpStatus(200).headers(okxHeaders).contentType("application/json")
        .body(smallSuccessBytes, true).build();
    successesInTurn = new ResponseSnapshot[] {smallSuccess, ResponseSnapshot.builder().httpStatus(203)
        .headers(okxHeaders).contentType("application/json").body(utf8(FullCallBenchmark.SMALL_BODY), true).build()};
    success60KiBComplete = snapshot(200, okxSuccess(60 << 10), true);
    success1MiB = prefixOf(okxSuccess(1 << 20));
    success10MiB = prefixOf(okxSuccess(10 << 20));
    ResponseSnapshot prefix = success1MiB;
    success1MiBWindow = ResponseSnapshot.builder().httpStatus(200).contentType("application/json")
        .window(okxSuccess(1 << 20), 0, 8192, () -> prefix).build();
    htmlPage = ResponseSnapshot.builder().httpStatus(502).contentType("text/html")
        .body(utf8("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
            + "</center><hr><center>cloudflare</center></body></html>"), true)
        .build();
  }

  /** A body the size of the decoder's prefix limit is all the interceptor ever reads of a large answer. */
  private static ResponseSnapshot prefixOf(byte[] whole) {
    int limit = ResponseDecoder.DEFAULT_BODY_PREFIX_LIMIT;
    return snapshot(200, Arrays.copyOf(whole, Math.min(limit, whole.length)), whole.length <= limit);
  }

  private static ResponseSnapshot snapshot(int status, byte[] body, boolean complete) {
    return ResponseSnapshot.builder().httpStatus(status).contentType("application/json").body(body, complete).build();
  }

  static byte[] okxBatch(int items) {
    StringBuilder out = new StringBuilder("{\"code\":\"2\",\"msg\":\"\",\"data\":[");
    for (int i = 0; i < items; i++) {
      out.append(i == 0 ? "" : ",").append("{\"clOrdId\":\"bot").append(i).append("\",\"ordId\":\"")
          .append(312269865356374016L + i).append("\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"")
          .append(i % 3 == 0 ? "51008" : "0").append("\",\"sMsg\":\"")
          .append(i % 3 == 0 ? "Order failed. Insufficient USDT balance in account." : "Order placed").append("\"}");
    }
    return utf8(out.append("],\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}").toString());
  }

  /** A complete OKX success answer of {@code size} bytes or a few more: tickers in {@code data}. */
  static byte[] okxSuccess(int size) {
    StringBuilder out = new StringBuilder(size + 256).append("{\"code\":\"0\",\"msg\":\"\",\"data\":[");
    int i = 0;
    while (out.length() < size) {
      out.append(i++ == 0 ? "" : ",").append("{\"instId\":\"BTC-USDT-SWAP\",\"last\":\"43210.5\",\"lastSz\":\"0.1\","
          + "\"askPx\":\"43210.6\",\"bidPx\":\"43210.4\",\"ts\":\"1695190491421\"}");
    }
    return utf8(out.append("]}").toString());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public byte[] baselineCopySmallBody() {
    return Arrays.copyOf(smallErrorBytes, smallErrorBytes.length);
  }

  /** The floor of a first-sight decode of the small error body: a parser over it, its code and message read. */
  @Benchmark
  public int baselineJacksonSmallError() throws IOException {
    return codeAndMessage(smallErrorBytes);
  }

  /** The floor of a first-sight decode of the success envelope. */
  @Benchmark
  public int baselineJacksonSmallSuccess() throws IOException {
    return codeAndMessage(smallSuccessBytes);
  }

  /** Reads the first two fields' values, as a decoder reads an envelope's code and message, and no further. */
  private static int codeAndMessage(byte[] body) throws IOException {
    try (JsonParser parser = JSON.createParser(body, 0, body.length)) {
      parser.nextToken();
      parser.nextToken();
      parser.nextToken();
      int read = parser.getText().length();
      parser.nextToken();
      parser.nextToken();
      return read + parser.getText().length();
    }
  }

  @Benchmark
  public DecodedResponse smallErrorBody() {
    return binance.decode(smallError);
  }

  /** What the one pass over a list of headers saves: the six names looked up one by one, as OkHttp's get does. */
  @Benchmark
  public DecodedResponse smallErrorBodyHeadersByName() {
    return binance.decode(smallErrorHeadersByName);
  }

  @Benchmark
  public DecodedResponse smallSuccessBody() {
    return okx.decode(smallSuccess);
  }

  /** The small error body's cost when the decoder has not just decoded it: read with a parser, decided anew. */
  @Benchmark
  public DecodedResponse smallErrorBodyFirstSight() {
    return binance.decode(errorsInTurn[turn++ & 1]);
  }

  /** The success envelope's cost when the decoder has not just decoded it (a 200 and a 203 in turns). */
  @Benchmark
  public DecodedResponse smallSuccessBodyFirstSight() {
    return okx.decode(successesInTurn[turn++ & 1]);
  }

  @Benchmark
  public DecodedResponse success60KiBComplete() {
    return okx.decode(success60KiBComplete);
  }

  @Benchmark
  public DecodedResponse okxBatchOf20() {
    return okx.decode(okxBatch20);
  }

  @Benchmark
  public DecodedResponse success1MiB() {
    return okx.decode(success1MiB);
  }

  @Benchmark
  public DecodedResponse success10MiB() {
    return okx.decode(success10MiB);
  }

  @Benchmark
  public DecodedResponse success1MiBWindow() {
    return okx.decode(success1MiBWindow);
  }

  @Benchmark
  public DecodedResponse htmlErrorPage() {
    return binance.decode(htmlPage);
  }
}
