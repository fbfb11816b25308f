package io.github.exchangeresilience.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

/** The request as the library reads it once per call: where its client order id comes from, and what it cannot read. */
class ExchangeRequestTest {
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String BINANCE = "https://fapi.binance.com/fapi/v1/order";
  private static final String OKX = "https://www.okx.com/api/v5/trade/order";

  private static ExchangeRequest view(Exchange exchange, Request request) {
    return ExchangeRequest.of(request, exchange.spec(), Set.of("POST", "PUT"), Set.of());
  }

  private static Request post(String url, String body, MediaType type) {
    return new Request.Builder().url(url).post(RequestBody.create(body, type)).build();
  }

  @Test
  void binancesClientOrderIdFromTheQueryOrAFormBody() {
    ExchangeRequest form = view(Exchange.BINANCE_USDM, post(BINANCE,
        "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=form%2D7&timestamp=1659146000000", FORM));
    ExchangeRequest both = view(Exchange.BINANCE_USDM, post(BINANCE + "?newClientOrderId=query-7",
        "symbol=BTCUSDT&newClientOrderId=form-7", FORM));
    ExchangeRequest none = view(Exchange.BINANCE_USDM, post(BINANCE, "symbol=BTCUSDT&side=BUY", FORM));

    assertThat(form.clientOrderId()).isEqualTo("form-7");
    assertThat(form.parameter("symbol")).isEqualTo("BTCUSDT");
    assertThat(form.parameter("recvWindow")).isNull();
    assertThat(both.clientOrderId()).isEqualTo("query-7");
    assertThat(none.clientOrderId()).isNull();
  }

  @Test
  void aJsonBodyIsNoFormAndItsTopLevelFieldIsTheId() {
    ExchangeRequest json = view(Exchange.OKX, post(OKX, "{\"instId\":\"BTC-USDT\",\"clOrdId\":\"b15\"}", JSON));
    ExchangeRequest number = view(Exchange.OKX, post(OKX, "{\"instId\":\"BTC-USDT\",\"clOrdId\":15}", JSON));
    // Form-looking text in a JSON body is not read as parameters.
    ExchangeRequest formLike = view(Exchange.OKX, post(OKX, "clOrdId=b15", JSON));

    assertThat(json.isForm()).isFalse();
    assertThat(json.parameter("clOrdId")).isNull();
    assertThat(json.clientOrderId()).isEqualTo("b15");
    assertThat(number.clientOrderId()).isEqualTo("15");
    assertThat(formLike.clientOrderId()).isNull();
  }

  @Test
  void aBodyWithoutAUsableIdHasNone() {
    for (String body : new String[] {
        "[{\"instId\":\"BTC-USDT\",\"clOrdId\":\"b15\"}]",   // a batch: each item has its own
        "{\"instId\":\"BTC-USDT\"}",                          // none
        "{\"instId\":\"BTC-USDT\",\"clOrdId\":{\"id\":\"b15\"}}", // not a scalar
        "{\"instId\":\"BTC-USDT\",\"clOrdId\":\"\"}",         // empty
        "{\"instId\":\"BTC-USDT\",\"clOrdId\":\"b1"}) {       // broken
      assertThat(view(Exchange.OKX, post(OKX, body, JSON)).clientOrderId()).as(body).isNull();
    }
    assertThat(view(Exchange.OKX, new Request.Builder().url(OKX + "?clOrdId=").post(RequestBody.create("", JSON))
        .build()).clientOrderId()).isNull();
  }

  @Test
  void bodiesUpToTheLimitAreReadLongerOrOneShotOnesAreNot() {
    String head = "{\"clOrdId\":\"b15\",\"pad\":\"";
    String atLimit = head + "x".repeat(ExchangeRequest.MAX_BODY - head.length() - 2) + "\"}";
    String beyond = atLimit.replace("\"pad\":\"", "\"pad\":\"x");

    assertThat(atLimit).hasSize(ExchangeRequest.MAX_BODY);
    assertThat(view(Exchange.OKX, post(OKX, atLimit, JSON)).hasReadableBody()).isTrue();
    assertThat(view(Exchange.OKX, post(OKX, atLimit, JSON)).clientOrderId()).isEqualTo("b15");
    assertThat(view(Exchange.OKX, post(OKX, beyond, JSON)).hasReadableBody()).isFalse();
    // A body that does not say its length is read up to the limit too.
    assertThat(view(Exchange.OKX, postStreamed(atLimit)).hasReadableBody()).isTrue();
    assertThat(view(Exchange.OKX, postStreamed(beyond)).hasReadableBody()).isFalse();
    assertThat(view(Exchange.OKX, new Request.Builder().url(OKX).build()).hasReadableBody()).isFalse();
  }

  private static Request postStreamed(String body) {
    return new Request.Builder().url(OKX).post(new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws java.io.IOException {
        sink.writeUtf8(body);
      }
    }).build();
  }

  @Test
  void aKnownRequestTakesItsClientOrderIdAsGivenAndReadsItsBodyOnlyWhenAskedOnce() throws Exception {
    java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
    Request request = new Request.Builder().url(OKX).post(new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public void writeTo(BufferedSink sink) throws java.io.IOException {
        writes.incrementAndGet();
        sink.writeUtf8("{\"instId\":\"BTC-USDT\",\"clOrdId\":\"from-body\"}");
      }
    }).build();

    ExchangeRequest known = ExchangeRequest.known(request, null, Exchange.OKX.spec(), false, "given-7");

    assertThat(known.clientOrderId()).as("as given, the body not parsed for it").isEqualTo("given-7");
    assertThat(known.idempotent()).isFalse();
    assertThat(known.keyScope()).isEqualTo("okx:default");
    assertThat(writes).as("nothing read yet").hasValue(0);
    assertThat(known.parameter("instId")).as("a JSON body is no form").isNull();
    assertThat(writes).hasValue(0);
    assertThat(known.bodyUtf8()).isEqualTo("{\"instId\":\"BTC-USDT\",\"clOrdId\":\"from-body\"}");
    assertThat(known.hasReadableBody()).isTrue();
    assertThat(known.body().utf8()).contains("BTC-USDT");
    assertThat(writes).as("read once, then kept").hasValue(1);
    // An idempotent request has no client order id, whatever its maker says.
    assertThat(ExchangeRequest.known(request, null, Exchange.OKX.spec(), true, "given-7").clientOrderId()).isNull();
  }

  @Test
  void aKnownFormRequestsParametersAreReadFromItsBodyWhenAskedFor() throws Exception {
    Request form = post(BINANCE, "symbol=BTCUSDT&side=BUY&newClientOrderId=form%2D7", FORM);
    ExchangeRequest known = ExchangeRequest.known(form, null, Exchange.BINANCE_USDM.spec(), false, "form-7");

    assertThat(known.parameter("symbol")).isEqualTo("BTCUSDT");
    assertThat(known.parameter("price")).isNull();
    assertThat(ExchangeRequest.known(new Request.Builder().url(BINANCE).build(), null, Exchange.BINANCE_USDM.spec(),
        true, null).hasReadableBody()).isFalse();
  }

  /**
   * A WebSocket placement is the REST placement with the order posted to it: read from the two as they are, the
   * request itself built once, when asked for, with the operation's URL, headers and tags and the posted body.
   */
  @Test
  void aRequestWithAPostedBodyIsReadAsThatRequestAndBuiltOnlyWhenAskedFor() throws Exception {
    Request operation = new Request.Builder().url(OKX).header("OK-ACCESS-KEY", "key-a").tag(String.class, "place")
        .build();
    RequestBody order = RequestBody.create("{\"instId\":\"BTC-USDT\",\"clOrdId\":\"c9\"}", JSON);
    ExchangeRequest known = ExchangeRequest.known(operation, order, Exchange.OKX.spec(), false, "c9");
    ExchangeRequest asBuilt = view(Exchange.OKX, operation.newBuilder().post(order).build());

    assertThat(known.method()).isEqualTo("POST");
    assertThat(known.isSinglePlacement()).isTrue();
    assertThat(known.path()).isEqualTo("/api/v5/trade/order");
    assertThat(known.keyScope()).isEqualTo(asBuilt.keyScope()).isNotEqualTo("okx:default");
    assertThat(known.isForm()).isFalse();
    assertThat(known.bodyUtf8()).isEqualTo(asBuilt.bodyUtf8());
    assertThat(known).hasToString("ExchangeRequest{okx POST /api/v5/trade/order}");
    Request request = known.request();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.body()).isSameAs(order);
    assertThat(request.url()).isEqualTo(operation.url());
    assertThat(request.header("OK-ACCESS-KEY")).isEqualTo("key-a");
    assertThat(request.tag(String.class)).isEqualTo("place");
    assertThat(known.request()).as("built once").isSameAs(request);
    assertThat(ExchangeRequest.known(operation, null, Exchange.OKX.spec(), true, null).request()).as("as it is")
        .isSameAs(operation);
  }

  @Test
  void aPostedFormIsReadForParametersAndAOneShotOneCannotBeSigned() {
    Request operation = new Request.Builder().url(BINANCE).build();
    ExchangeRequest form = ExchangeRequest.known(operation, RequestBody.create("symbol=BTCUSDT&side=BUY", FORM),
        Exchange.BINANCE_USDM.spec(), false, "f1");
    ExchangeRequest oneShot = ExchangeRequest.known(operation, new RequestBody() {
      @Override
      public MediaType contentType() {
        return FORM;
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(BufferedSink sink) {
        sink.getBuffer().writeUtf8("symbol=BTCUSDT");
      }
    }, Exchange.BINANCE_USDM.spec(), false, "f2");

    assertThat(form.isForm()).isTrue();
    assertThat(form.parameter("symbol")).isEqualTo("BTCUSDT");
    assertThat(oneShot.hasReadableBody()).isFalse();
    assertThatThrownBy(oneShot::body).isInstanceOf(java.io.IOException.class).hasMessageContaining("one-shot");
  }

  @Test
  void eachApiKeyHasItsOwnScopeAndNoneIsShown() {
    Request plain = new Request.Builder().url(BINANCE + "?symbol=BTCUSDT").build();
    String keyA = view(Exchange.BINANCE_USDM, plain.newBuilder().header("X-MBX-APIKEY", "key-a").build()).keyScope();
    String keyB = view(Exchange.BINANCE_USDM, plain.newBuilder().header("X-MBX-APIKEY", "key-b").build()).keyScope();

    assertThat(keyA).startsWith("binance-usdm:").hasSize("binance-usdm:".length() + 16).doesNotContain("key-a");
    assertThat(keyB).isNotEqualTo(keyA);
    assertThat(view(Exchange.BINANCE_USDM, plain).keyScope()).isEqualTo("binance-usdm:default");
    assertThat(view(Exchange.BINANCE_USDM, plain)).hasToString(
        "ExchangeRequest{binance-usdm GET /fapi/v1/order?symbol=BTCUSDT}");
  }
}
