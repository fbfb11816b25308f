package io.github.exchangeresilience.okhttp.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import java.time.Duration;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Each signer against the exchange's documented example. Where the documents give the secret, the payload and the
 * signature (Binance), the signature is theirs. Where they give only the string to sign (OKX, Bybit, Bitget), the
 * string is theirs and the signature was computed once with openssl over it, as each comment says.
 */
class DocumentedSignaturesTest {
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final MediaType JSON = MediaType.get("application/json");

  // Binance USDⓈ-M Futures, General Info, "SIGNED Endpoint Examples for POST /fapi/v1/order - HMAC Keys".
  private static final String BINANCE_KEY = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
  private static final String BINANCE_SECRET = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
  private static final long BINANCE_TIMESTAMP = 1591702613943L;
  private static final String BINANCE_PARAMS = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000"
      + "&timeInForce=GTC";
  private static final String BINANCE_SIGNATURE = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";

  @Test
  void binanceExample1QueryString() throws Exception {
    Request request = new Request.Builder().url("https://fapi.binance.com/fapi/v1/order?" + BINANCE_PARAMS)
        .post(RequestBody.create(new byte[0], null)).build();

    Request signed = binance().sign(Signers.view(request));

    assertThat(signed.url().encodedQuery()).isEqualTo(BINANCE_PARAMS + "&recvWindow=5000&timestamp="
        + BINANCE_TIMESTAMP + "&signature=" + BINANCE_SIGNATURE);
    assertThat(signed.header("X-MBX-APIKEY")).isEqualTo(BINANCE_KEY);
  }

  @Test
  void binanceExample2RequestBody() throws Exception {
    Request request = new Request.Builder().url("https://fapi.binance.com/fapi/v1/order")
        .post(RequestBody.create(BINANCE_PARAMS, FORM)).build();

    Request signed = binance().sign(Signers.view(request));

    assertThat(signed.url().encodedQuery()).isNull();
    assertThat(body(signed)).isEqualTo(BINANCE_PARAMS + "&recvWindow=5000&timestamp=" + BINANCE_TIMESTAMP
        + "&signature=" + BINANCE_SIGNATURE);
  }

  @Test
  void binanceExample3MixedQueryAndBodyAreConcatenatedWithoutAnAmpersand() throws Exception {
    // The documented signature f9d0ae5e… was computed over a payload with a stray space ("timestamp= 1591702613943"),
    // reproduced here to show the rule: query string and body joined with nothing between them.
    Credentials documented = Credentials.of(BINANCE_KEY, BINANCE_SECRET);
    assertThat(ExchangeSigner.hmacHex(documented, "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
        + "quantity=1&price=9000&recvWindow=5000&timestamp= 1591702613943"))
        .isEqualTo("f9d0ae5e813ef6ccf15c2b5a434047a0181cb5a342b903b367ca6d27a66e36f2");

    Request request = new Request.Builder()
        .url("https://fapi.binance.com/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC")
        .post(RequestBody.create("quantity=1&price=9000", FORM)).build();
    Request signed = binance().sign(Signers.view(request));

    assertThat(signed.url().encodedQuery()).isEqualTo("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC");
    // Without the stray space; computed once with: echo -n "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC
    // quantity=1&price=9000&recvWindow=5000&timestamp=1591702613943" (one line) | openssl dgst -sha256 -hmac <secret>
    assertThat(body(signed)).isEqualTo("quantity=1&price=9000&recvWindow=5000&timestamp=1591702613943"
        + "&signature=30baaf0fab549bbeda7f5ef201898b34122da25fd23c646cac2c529aebe670a4");
  }

  @Test
  void binanceResigningReplacesThePreviousTimestampAndSignature() throws Exception {
    Request request = new Request.Builder().url("https://fapi.binance.com/fapi/v1/order?" + BINANCE_PARAMS)
        .post(RequestBody.create(new byte[0], null)).build();
    Request first = binance().sign(Signers.view(request));

    Request again = Signers.at(Exchange.BINANCE_USDM, BINANCE_TIMESTAMP + 1500,
        Credentials.of(BINANCE_KEY, BINANCE_SECRET)).sign(Signers.view(first));

    assertThat(again.url().queryParameterValues("timestamp")).containsExactly(Long.toString(BINANCE_TIMESTAMP + 1500));
    assertThat(again.url().queryParameterValues("signature")).hasSize(1).doesNotContain(BINANCE_SIGNATURE);
    assertThat(again.url().queryParameterValues("recvWindow")).containsExactly("5000");
    assertThat(again.url().encodedQuery()).endsWith("&signature=" + again.url().queryParameter("signature"));
  }

  @Test
  void binanceKeepsTheApplicationsRecvWindowAndLeavesPublicEndpointsUnsigned() throws Exception {
    Request own = new Request.Builder().url("https://fapi.binance.com/fapi/v1/order?symbol=BTCUSDT&recvWindow=2000")
        .get().build();
    assertThat(binance().sign(Signers.view(own)).url().queryParameterValues("recvWindow")).containsExactly("2000");

    Request time = new Request.Builder().url("https://fapi.binance.com/fapi/v1/time").build();
    assertThat(binance().sign(Signers.view(time))).isSameAs(time);

    Request listenKey = new Request.Builder().url("https://fapi.binance.com/fapi/v1/listenKey")
        .post(RequestBody.create(new byte[0], null)).build();
    Request keyOnly = binance().sign(Signers.view(listenKey));
    assertThat(keyOnly.header("X-MBX-APIKEY")).isEqualTo(BINANCE_KEY);
    assertThat(keyOnly.url().encodedQuery()).isNull();
  }

  // OKX v5, "REST Authentication": the string to sign, timestamp + 'GET' + '/api/v5/account/balance?ccy=BTC', the
  // timestamp 2020-12-08T09:08:57.715Z and the SecretKey 22582BD0CFF14C41EDBF1AB98506286D are the documents'; they
  // print no signature.
  private static final String OKX_SECRET = "22582BD0CFF14C41EDBF1AB98506286D";
  private static final long OKX_TIME = Instant.parse("2020-12-08T09:08:57.715Z").toEpochMilli();

  @Test
  void okxGetSignsTimestampMethodPathAndQuery() throws Exception {
    Request request = new Request.Builder().url("https://www.okx.com/api/v5/account/balance?ccy=BTC").build();
    assertThat(OkxSigner.prehash("2020-12-08T09:08:57.715Z", "GET", request.url(), ""))
        .isEqualTo("2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC");

    Request signed = okx(false).sign(Signers.view(request));

    assertThat(signed.header("OK-ACCESS-TIMESTAMP")).isEqualTo("2020-12-08T09:08:57.715Z");
    // echo -n "2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC"
    //   | openssl dgst -sha256 -hmac 22582BD0CFF14C41EDBF1AB98506286D -binary | base64
    assertThat(signed.header("OK-ACCESS-SIGN")).isEqualTo("HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=");
    assertThat(signed.header("OK-ACCESS-KEY")).isEqualTo("okx-key");
    assertThat(signed.header("OK-ACCESS-PASSPHRASE")).isEqualTo("okx-passphrase");
    assertThat(signed.header("x-simulated-trading")).isNull();
  }

  @Test
  void okxPostSignsTheBodyAndMarksDemoTradingAndTheOrderExpiry() throws Exception {
    String body = "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"b15\",\"side\":\"buy\","
        + "\"ordType\":\"limit\",\"px\":\"2.15\",\"sz\":\"2\"}";
    Request request = new Request.Builder().url("https://www.okx.com/api/v5/trade/order")
        .post(RequestBody.create(body, JSON)).build();

    Request signed = okx(true).sign(Signers.view(request));

    // echo -n "2020-12-08T09:08:57.715ZPOST/api/v5/trade/order<body>"
    //   | openssl dgst -sha256 -hmac 22582BD0CFF14C41EDBF1AB98506286D -binary | base64
    assertThat(signed.header("OK-ACCESS-SIGN")).isEqualTo("dI6rrL9rXW/HdaPKJ/6LC1OgvH4/PYju6R3CqixMTNQ=");
    assertThat(signed.header("x-simulated-trading")).isEqualTo("1");
    assertThat(signed.header("expTime")).isEqualTo(Long.toString(OKX_TIME + 3000));
  }

  @Test
  void okxAndBitgetNeedThePassphrase() {
    Request request = new Request.Builder().url("https://www.okx.com/api/v5/account/balance").build();
    assertThatThrownBy(() -> Signers.at(Exchange.OKX, OKX_TIME, Credentials.of("k", "s")).sign(Signers.view(request)))
        .isInstanceOf(MissingCredentialsException.class)
        .hasMessage("okx needs the API key's passphrase");
  }

  // Bybit v5, Integration Guidance, "Create A Request": the strings to sign,
  // 1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C (GET) and
  // 1658385579423XXXXXXXXXX5000{"category": "option"} (POST), are the documents'; they give neither secret nor
  // signature. Secret for the computed signatures: Zx8Vq3Lm0Np5Rt7Wy2Bc4Df6Gh9Jk1Ms.
  private static final Credentials BYBIT = Credentials.of("XXXXXXXXXX", "Zx8Vq3Lm0Np5Rt7Wy2Bc4Df6Gh9Jk1Ms");

  @Test
  void bybitGetSignsTheQueryString() throws Exception {
    Request request = new Request.Builder()
        .url("https://api-testnet.bybit.com/v5/order/realtime?category=option&symbol=BTC-29JUL22-25000-C").build();

    Request signed = Signers.at(Exchange.BYBIT, 1658384314791L, BYBIT).sign(Signers.view(request));

    assertThat(BybitSigner.prehash("1658384314791", "XXXXXXXXXX", "5000", request.url().encodedQuery()))
        .isEqualTo("1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C");
    // echo -n "1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C"
    //   | openssl dgst -sha256 -hmac Zx8Vq3Lm0Np5Rt7Wy2Bc4Df6Gh9Jk1Ms
    assertThat(signed.header("X-BAPI-SIGN"))
        .isEqualTo("8956023c17bbd5d0a8f3f11b5721b6026e4bdb2c2c4852ea597706e90a7bc751");
    assertThat(signed.header("X-BAPI-TIMESTAMP")).isEqualTo("1658384314791");
    assertThat(signed.header("X-BAPI-RECV-WINDOW")).isEqualTo("5000");
    assertThat(signed.header("X-BAPI-API-KEY")).isEqualTo("XXXXXXXXXX");
  }

  @Test
  void bybitPostSignsTheJsonBody() throws Exception {
    Request request = new Request.Builder().url("https://api-testnet.bybit.com/v5/order/create")
        .post(RequestBody.create("{\"category\":\"option\"}", JSON)).build();

    Request signed = Signers.at(Exchange.BYBIT, 1658385579423L, BYBIT).sign(Signers.view(request));

    // echo -n '1658385579423XXXXXXXXXX5000{"category":"option"}' | openssl dgst -sha256 -hmac <secret>
    assertThat(signed.header("X-BAPI-SIGN"))
        .isEqualTo("6ab9adc338444939d1e700afb7d00fc7cb4ad8a6d3ee8a6cc319cc0ba6ceaa87");
  }

  // Bitget, "Signature": the content to sign, 16273667805456GET/api/mix/v2/market/depth?symbol=BTCUSDT&limit=20, is
  // the documents'; they give neither secret nor signature.
  @Test
  void bitgetSignsTimestampMethodPathQueryAndBody() throws Exception {
    Request request = new Request.Builder()
        .url("https://api.bitget.com/api/mix/v2/market/depth?symbol=BTCUSDT&limit=20").build();
    assertThat(BitgetSigner.prehash("16273667805456", "GET", request.url(), ""))
        .isEqualTo("16273667805456GET/api/mix/v2/market/depth?symbol=BTCUSDT&limit=20");

    Request signed = Signers.at(Exchange.BITGET, 16273667805456L,
            Credentials.of("bg-key", "Zx8Vq3Lm0Np5Rt7Wy2Bc4Df6Gh9Jk1Ms", "bg-pass"),
            new SigningOptions(Duration.ofSeconds(5), true, "zh-CN", null))
        .sign(Signers.view(request));

    // echo -n "16273667805456GET/api/mix/v2/market/depth?symbol=BTCUSDT&limit=20"
    //   | openssl dgst -sha256 -hmac Zx8Vq3Lm0Np5Rt7Wy2Bc4Df6Gh9Jk1Ms -binary | base64
    assertThat(signed.header("ACCESS-SIGN")).isEqualTo("Dw7e2THEKGGR9tA2/cyAZ/5w1wMD4AbT8Qpq8YSyIBY=");
    assertThat(signed.header("ACCESS-TIMESTAMP")).isEqualTo("16273667805456");
    assertThat(signed.header("ACCESS-KEY")).isEqualTo("bg-key");
    assertThat(signed.header("ACCESS-PASSPHRASE")).isEqualTo("bg-pass");
    assertThat(signed.header("locale")).isEqualTo("zh-CN");
    assertThat(signed.header("paptrading")).isEqualTo("1");
  }

  private static ExchangeSigner binance() {
    return Signers.at(Exchange.BINANCE_USDM, BINANCE_TIMESTAMP, Credentials.of(BINANCE_KEY, BINANCE_SECRET));
  }

  private static ExchangeSigner okx(boolean demo) {
    return Signers.at(Exchange.OKX, OKX_TIME, Credentials.of("okx-key", OKX_SECRET, "okx-passphrase"),
        new SigningOptions(Duration.ofSeconds(5), demo, "en-US", demo ? Duration.ofSeconds(3) : null));
  }

  private static String body(Request request) throws Exception {
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    return buffer.readUtf8();
  }
}
