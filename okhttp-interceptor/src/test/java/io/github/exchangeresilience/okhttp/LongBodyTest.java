package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.Response;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers longer than the decoder's 64 KiB prefix: the interceptor decides from their first bytes where those decide,
 * reads on to the prefix where they do not, and hands every byte to the application as it arrived.
 */
class LongBodyTest {
  private static final String OKX_TICKERS = "/api/v5/market/tickers?instType=SWAP";
  private static final String BINANCE_TICKERS = "/fapi/v1/ticker/price";
  private static final String OKX_TICKER = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\","
      + "\"last\":\"43210.5\",\"ts\":\"1695190491421\"}]}";

  private InterceptorFixture fixture;

  @AfterEach
  void tearDown() {
    if (fixture != null) {
      assertThat(fixture.unclosedBodies()).as("response bodies left open").isZero();
      fixture.close();
    }
  }

  /** An OKX success with {@code rows} tickers in its data: its code and message are in its first bytes. */
  private static String okxTickers(int rows) {
    StringBuilder body = new StringBuilder("{\"code\":\"0\",\"msg\":\"\",\"data\":[");
    for (int i = 0; i < rows; i++) {
      body.append(i == 0 ? "" : ",").append("{\"instId\":\"BTC-USDT-SWAP\",\"last\":\"43210.5\",\"ts\":\"")
          .append(1695190491421L + i).append("\"}");
    }
    return body.append("]}").toString();
  }

  /** A Binance refusal whose code comes after 20,000 bytes of something else, then a long list: 100 KB or more. */
  private static String lateRefusal() {
    return "{\"note\":\"" + "x".repeat(20_000) + "\",\"code\":-1003,\"msg\":\"Too many requests; current limit is"
        + " 2400 requests per minute.\",\"rows\":[" + "1,".repeat(40_000) + "1]}";
  }

  private static MockResponse answer(int code, String body, boolean chunked, String... headers) {
    MockResponse.Builder answer = new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json");
    for (String header : headers) {
      answer.addHeader(header);
    }
    return (chunked ? answer.chunkedBody(body, 4096) : answer.body(body)).build();
  }

  @ParameterizedTest(name = "chunked: {0}")
  @ValueSource(booleans = {false, true})
  void aLongSuccessIsHandedBackWholeAfterOneRequest(boolean chunked) throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX);
    String tickers = okxTickers(20_000);
    assertThat(tickers.length()).isGreaterThan(1 << 20);
    fixture.server.enqueue(answer(200, tickers, chunked));

    try (Response response = fixture.execute(fixture.get(OKX_TICKERS))) {
      assertThat(ByteString.of(response.body().bytes()).sha256()).isEqualTo(ByteString.encodeUtf8(tickers).sha256());
    }
    assertThat(fixture.requestCount()).isEqualTo(1);
    assertThat(fixture.slept()).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest(name = "chunked: {0}")
  @ValueSource(booleans = {false, true})
  void aCodeBeyondTheFirstBytesOfALongAnswerIsReadOnToAndDecides(boolean chunked) throws Exception {
    fixture = new InterceptorFixture(Exchange.BINANCE_USDM);
    String refusal = lateRefusal();
    assertThat(refusal.length()).isGreaterThan(64 * 1024);
    fixture.server.enqueue(answer(429, refusal, chunked, "Retry-After: 7"));
    fixture.enqueue(200, "[{\"symbol\":\"BTCUSDT\",\"price\":\"43210.50\",\"time\":1695190491421}]");

    try (Response response = fixture.execute(fixture.get(BINANCE_TICKERS))) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains("43210.50");
    }
    assertThat(fixture.requestCount()).as("the refusal was read as -1003, and resent once after it").isEqualTo(2);
    assertThat(fixture.slept()).as("the wait the exchange named").isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aLongAnswerThatStallsWhileItIsReadOnIsAnIoFailureAndAGetIsResent() throws Exception {
    fixture = new InterceptorFixture(Exchange.OKX, builder -> builder,
        client -> client.readTimeout(300, TimeUnit.MILLISECONDS));
    // 20,000 bytes arrive of the 100,000 promised: the first segment holds no code, and the rest of the prefix stalls.
    Buffer firstBytes = new Buffer().writeUtf8("{\"pad\":\"" + "y".repeat(20_000));
    fixture.server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(firstBytes).setHeader("Content-Length", "100000").build());
    fixture.enqueue(200, OKX_TICKER);

    try (Response response = fixture.execute(fixture.get(OKX_TICKERS))) {
      assertThat(response.body().string()).isEqualTo(OKX_TICKER);
    }
    assertThat(fixture.requestCount()).isEqualTo(2);
  }
}
