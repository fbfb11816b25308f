package io.github.exchangeresilience.okhttp.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import okhttp3.MediaType;
import io.github.exchangeresilience.okhttp.internal.FormParameters;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final MediaType JSON = MediaType.get("application/json");
  /** Binance newClientOrderId. */
  private static final Pattern BINANCE = Pattern.compile("[.A-Z:/a-z0-9_-]{1,36}");
  /** OKX clOrdId: letters and digits, at most 32. */
  private static final Pattern OKX = Pattern.compile("[A-Za-z0-9]{1,32}");
  /** Bybit orderLinkId: letters, digits, dashes and underscores, at most 36. */
  private static final Pattern BYBIT = Pattern.compile("[A-Za-z0-9_-]{1,36}");

  @Test
  void idsFitEveryExchangesFormat() {
    for (ClientOrderIds ids : List.of(ClientOrderIds.create(), ClientOrderIds.withPrefix("bot7"),
        ClientOrderIds.withPrefix("ABCDEFGH"))) {
      for (int i = 0; i < 2000; i++) {
        String id = ids.next();
        assertThat(id).matches(BINANCE).matches(OKX).matches(BYBIT);
      }
    }
    // The largest counter still fits: 8 + 12 + 11 characters (Long.MAX_VALUE has 11 digits in base 62).
    assertThat(8 + 12 + (int) Math.ceil(63 / (Math.log(62) / Math.log(2)))).isEqualTo(31);
  }

  @Test
  void idsAreUniqueWithinAGeneratorAcrossThreadsAndAcrossGenerators() {
    ClientOrderIds ids = ClientOrderIds.withPrefix("x");
    Set<String> seen = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 50_000).parallel().forEach(i -> assertThat(seen.add(ids.next())).isTrue());
    assertThat(seen).hasSize(50_000);

    // Two generators stand for two processes (or one process before and after a restart).
    Set<String> other = new HashSet<>();
    ClientOrderIds restarted = ClientOrderIds.withPrefix("x");
    for (int i = 0; i < 50_000; i++) {
      other.add(restarted.next());
    }
    other.retainAll(seen);
    assertThat(other).isEmpty();
  }

  @Test
  void aPrefixIsUpToEightLettersAndDigits() {
    assertThatThrownBy(() -> ClientOrderIds.withPrefix("too-long-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientOrderIds.withPrefix("a_b")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ClientOrderIds.withPrefix("bot7").next()).startsWith("bot7");
  }

  private static Request prepare(Exchange exchange, Request request) throws Exception {
    return new ClientOrderIdPreparer(exchange.spec(), ClientOrderIds.withPrefix("t"))
        .prepare(Signers.view(exchange, request));
  }

  private static Request post(String url, String body, MediaType type) {
    return new Request.Builder().url(url).post(RequestBody.create(body, type)).build();
  }

  private static String body(Request request) throws Exception {
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    return buffer.readString(StandardCharsets.UTF_8);
  }

  private static List<String> ids(String text, String field) {
    Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(text);
    List<String> found = new java.util.ArrayList<>();
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  @Test
  void binanceSingleOrdersGetAnIdInTheQueryOrBesideTheFormParameters() throws Exception {
    Request query = prepare(Exchange.BINANCE_USDM, post("https://fapi.binance.com/fapi/v1/order?symbol=BTCUSDT",
        "", null));
    assertThat(query.url().queryParameter("newClientOrderId")).startsWith("t").matches(BINANCE);

    Request form = prepare(Exchange.BINANCE_USDM, post("https://fapi.binance.com/fapi/v1/order",
        "symbol=BTCUSDT&side=BUY", FORM));
    assertThat(body(form)).startsWith("symbol=BTCUSDT&side=BUY&newClientOrderId=t");

    Request own = post("https://fapi.binance.com/fapi/v1/order?symbol=BTCUSDT&newClientOrderId=mine", "", null);
    assertThat(prepare(Exchange.BINANCE_USDM, own)).isSameAs(own);
  }

  @Test
  void binanceBatchOrdersGetOneIdPerOrder() throws Exception {
    String batch = "[{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"},{\"symbol\":\"ETHUSDT\",\"newClientOrderId\":\"keep\"},"
        + "{\"symbol\":\"BNBUSDT\",\"newClientOrderId\":\"\"}]";
    Request request = new Request.Builder().url(okhttp3.HttpUrl.get("https://fapi.binance.com/fapi/v1/batchOrders")
        .newBuilder().addQueryParameter("batchOrders", batch).build()).post(RequestBody.create(new byte[0], null))
        .build();

    List<String> ids = ids(prepare(Exchange.BINANCE_USDM, request).url().queryParameter("batchOrders"),
        "newClientOrderId");

    assertThat(ids).hasSize(3).doesNotHaveDuplicates().contains("keep");
    assertThat(ids).allMatch(id -> BINANCE.matcher(id).matches());

    Request form = prepare(Exchange.BINANCE_USDM, post("https://fapi.binance.com/fapi/v1/batchOrders",
        "batchOrders=" + java.net.URLEncoder.encode(batch, StandardCharsets.UTF_8), FORM));
    assertThat(ids(FormParameters.get(body(form), "batchOrders"), "newClientOrderId")).hasSize(3)
        .doesNotHaveDuplicates();
  }

  @Test
  void okxSingleAndBatchOrders() throws Exception {
    Request single = prepare(Exchange.OKX, post("https://www.okx.com/api/v5/trade/order",
        "{\"instId\":\"BTC-USDT\",\"clOrdId\":\"\",\"sz\":\"1\"}", JSON));
    assertThat(ids(body(single), "clOrdId")).singleElement().matches(id -> OKX.matcher(id).matches());
    assertThat(body(single)).startsWith("{\"instId\":\"BTC-USDT\",\"sz\":\"1\",\"clOrdId\":\"t");

    Request batch = prepare(Exchange.OKX, post("https://www.okx.com/api/v5/trade/batch-orders",
        "[{\"instId\":\"BTC-USDT\",\"attachAlgoOrds\":[{\"tpTriggerPx\":\"1\"}]},{\"instId\":\"ETH-USDT\"}]", JSON));
    assertThat(ids(body(batch), "clOrdId")).hasSize(2).doesNotHaveDuplicates();
    assertThat(body(batch)).contains("\"attachAlgoOrds\":[{\"tpTriggerPx\":\"1\"}]");
  }

  @Test
  void bybitAndBitgetBatchesUnderTheirField() throws Exception {
    Request bybit = prepare(Exchange.BYBIT, post("https://api.bybit.com/v5/order/create-batch",
        "{\"category\":\"linear\",\"request\":[{\"symbol\":\"BTCUSDT\"},{\"symbol\":\"ETHUSDT\"}]}", JSON));
    assertThat(ids(body(bybit), "orderLinkId")).hasSize(2).doesNotHaveDuplicates();
    assertThat(body(bybit)).startsWith("{\"category\":\"linear\",\"request\":[");

    Request bitget = prepare(Exchange.BITGET, post("https://api.bitget.com/api/v2/mix/order/batch-place-order",
        "{\"symbol\":\"BTCUSDT\",\"productType\":\"USDT-FUTURES\",\"orderList\":[{\"size\":\"1\"},"
            + "{\"size\":\"2\",\"clientOid\":\"mine\"}]}", JSON));
    assertThat(ids(body(bitget), "clientOid")).hasSize(2).contains("mine").doesNotHaveDuplicates();

    Request single = prepare(Exchange.BITGET, post("https://api.bitget.com/api/v2/mix/order/place-order",
        "{\"symbol\":\"BTCUSDT\"}", JSON));
    assertThat(ids(body(single), "clientOid")).hasSize(1);
  }

  @Test
  void otherRequestsAndUnreadableBodiesAreLeftAlone() throws Exception {
    Request cancel = post("https://www.okx.com/api/v5/trade/cancel-order", "{\"instId\":\"BTC-USDT\"}", JSON);
    assertThat(prepare(Exchange.OKX, cancel)).isSameAs(cancel);
    Request notJson = post("https://www.okx.com/api/v5/trade/order", "not json", JSON);
    assertThat(prepare(Exchange.OKX, notJson)).isSameAs(notJson);
    Request get = new Request.Builder().url("https://api.bybit.com/v5/order/create").build();
    assertThat(prepare(Exchange.BYBIT, get)).isSameAs(get);
  }
}
