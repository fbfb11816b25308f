package io.github.exchangeresilience.okhttp.websocket;

import static io.github.exchangeresilience.okhttp.websocket.SessionFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The frames each exchange's pages document, as the session writes and signs them, counted at the server. */
class WebSocketFramesAndSigningTest {
  private static byte[] hmac(String payload) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("test-api-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void okxLogsInWithItsDocumentedSignatureThenPlacesTheOrderWithAClientOrderId() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      FakeWebSocketExchange.Incoming login = fixture.server.received.get(0);
      Map<String, String> args = ExchangeFrames.object(login.text(), "args");
      assertThat(login.field("op")).isEqualTo("login");
      assertThat(args).containsEntry("apiKey", "test-api-key").containsEntry("passphrase", "test-passphrase");
      assertThat(args.get("sign")).isEqualTo(Base64.getEncoder().encodeToString(
          hmac(args.get("timestamp") + "GET/users/self/verify")));
      assertThat(Long.parseLong(args.get("timestamp"))).isEqualTo(fixture.time.instant().getEpochSecond());
      FakeWebSocketExchange.Incoming order = fixture.server.orderFrames().get(0);
      assertThat(order.field("op")).isEqualTo("order");
      Map<String, String> placed = ExchangeFrames.object(order.text(), "args");
      assertThat(placed).containsEntry("instId", "BTC-USDT-SWAP").containsKey("clOrdId");
      assertThat(placed.keySet()).as("the order's parameters alone: OKX signs the login, not each order")
          .containsExactlyInAnyOrder("instId", "tdMode", "side", "ordType", "sz", "px", "clOrdId");
      assertThat(placed.get("clOrdId")).matches("[A-Za-z0-9]{1,32}");
      assertThat(answer.clientOrderId()).contains(placed.get("clOrdId"));
      assertThat(answer.decoded().orElseThrow().policyClass()).isEqualTo(PolicyClass.SUCCESS);
      assertThat(answer.succeeded()).isTrue();
    }
  }

  @Test
  void binanceSignsEachRequestOverItsParametersSortedByName() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BINANCE_USDM)) {
      await(fixture.session.placeOrder(fixture.order()));

      assertThat(fixture.server.received).as("no login: an HMAC key signs each request").hasSize(1);
      FakeWebSocketExchange.Incoming order = fixture.server.orderFrames().get(0);
      assertThat(order.field("method")).isEqualTo("order.place");
      Map<String, String> params = ExchangeFrames.object(order.text(), "params");
      assertThat(params).containsEntry("apiKey", "test-api-key").containsEntry("recvWindow", "5000")
          .containsKeys("timestamp", "newClientOrderId");
      assertThat(order.text()).as("INT parameters as JSON integers").contains("\"timestamp\":" + params.get("timestamp"));
      TreeMap<String, String> sorted = new TreeMap<>(params);
      String signature = sorted.remove("signature");
      StringJoiner payload = new StringJoiner("&");
      sorted.forEach((name, value) -> payload.add(name + "=" + value));
      assertThat(signature).isEqualTo(HexFormat.of().formatHex(hmac(payload.toString())));
    }
  }

  @Test
  void bybitAuthenticatesWithAnExpirySignatureAndTimestampsEachOrderInItsHeader() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BYBIT)) {
      WebSocketAnswer answer = await(fixture.session.placeOrder(fixture.order()));

      String auth = fixture.server.received.get(0).text();
      assertThat(auth).matches("\\{\"op\":\"auth\",\"args\":\\[\"test-api-key\",\\d+,\"[0-9a-f]{64}\"]}");
      String expires = auth.replaceAll(".*\"test-api-key\",(\\d+),.*", "$1");
      assertThat(Long.parseLong(expires)).isEqualTo(fixture.time.millis() + 5_000);
      assertThat(auth).contains(HexFormat.of().formatHex(hmac("GET/realtime" + expires)));
      FakeWebSocketExchange.Incoming order = fixture.server.orderFrames().get(0);
      assertThat(order.field("op")).isEqualTo("order.create");
      assertThat(ExchangeFrames.object(order.text(), "header"))
          .containsEntry("X-BAPI-TIMESTAMP", Long.toString(fixture.time.millis()))
          .containsEntry("X-BAPI-RECV-WINDOW", "5000");
      assertThat(answer.decoded().orElseThrow().hints().remaining()).containsEntry("requests", 9L);
    }
  }

  @Test
  void bitgetTradesWithTheOperationAsTopicAndTheCategoryBesideTheArguments() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.BITGET)) {
      await(fixture.session.placeOrder(fixture.order()));

      Map<String, String> login = ExchangeFrames.object(fixture.server.received.get(0).text(), "args");
      assertThat(login.get("sign")).isEqualTo(Base64.getEncoder().encodeToString(
          hmac(login.get("timestamp") + "GET/user/verify")));
      FakeWebSocketExchange.Incoming order = fixture.server.orderFrames().get(0);
      assertThat(order.field("op")).isEqualTo("trade");
      assertThat(order.field("topic")).isEqualTo("place-order");
      assertThat(order.field("category")).isEqualTo("usdt-futures");
      assertThat(ExchangeFrames.object(order.text(), "args")).doesNotContainKey("category")
          .containsKeys("symbol", "clientOid");
    }
  }

  @Test
  void theLibrarysSignerSaysWhichExchangesSignEachRequest() {
    for (Exchange exchange : Exchange.values()) {
      try (SessionFixture fixture = new SessionFixture(exchange)) {
        assertThat(fixture.signing.webSocketSigner().signsRequests()).as(exchange.id())
            .isEqualTo(exchange == Exchange.BINANCE_USDM || exchange == Exchange.BYBIT);
      }
    }
  }

  @Test
  void anApplicationsSignerIsAskedForEachOrderUnlessItSaysItSignsNone() throws Exception {
    java.util.concurrent.atomic.AtomicInteger signed = new java.util.concurrent.atomic.AtomicInteger();
    // The library's login, from the fixture's signing once it exists; the application's own parameter on each order.
    java.util.concurrent.atomic.AtomicReference<WebSocketSigner> library =
        new java.util.concurrent.atomic.AtomicReference<>();
    WebSocketSigner own = new WebSocketSigner() {
      @Override
      public String login() throws java.io.IOException {
        return library.get().login();
      }

      @Override
      public void sign(Map<String, Object> params, Map<String, String> header) {
        params.put("tag", "signed" + signed.incrementAndGet());
      }
    };
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX, interceptor -> {}, session -> session.signer(own))) {
      library.set(fixture.signing.webSocketSigner());
      Map<String, Object> order = new java.util.HashMap<>(fixture.order());

      await(fixture.session.placeOrder(order));
      await(fixture.session.placeOrder(order));

      assertThat(fixture.server.orderFrames()).extracting(frame -> ExchangeFrames.object(frame.text(), "args")
          .get("tag")).containsExactly("signed1", "signed2");
      assertThat(order).as("the application's order untouched").doesNotContainKeys("tag", "clOrdId");
    }
  }

  @Test
  void textIsEscapedAndNumbersAndBooleansStayWhatTheyAreInTheFrame() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      Map<String, Object> order = new java.util.LinkedHashMap<>(fixture.order());
      order.put("tag", "a \"quoted\" \\ back\nline\u0001 é €");
      order.put("sz", new java.math.BigDecimal("0.00100"));
      order.put("px", 65_000L);
      order.put("reduceOnly", true);
      order.put("clOrdId", "esc1");

      await(fixture.session.placeOrder(order));

      String frame = fixture.server.orderFrames().get(0).text();
      Map<String, String> args = ExchangeFrames.object(frame, "args");
      assertThat(args.get("tag")).as("read back by a JSON parser").isEqualTo("a \"quoted\" \\ back\nline\u0001 é €");
      assertThat(frame).as("numbers and booleans unquoted, as given")
          .contains("\"sz\":0.00100", "\"px\":65000", "\"reduceOnly\":true");
      assertThat(args).containsEntry("instId", "BTC-USDT-SWAP").containsEntry("clOrdId", "esc1")
          .hasSameSizeAs(order);
    }
  }

  @Test
  void anOrderKeepsTheClientOrderIdTheApplicationGaveIt() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      Map<String, Object> order = new java.util.HashMap<>(fixture.order());
      order.put("clOrdId", "mine42");

      WebSocketAnswer answer = await(fixture.session.placeOrder(order));

      assertThat(fixture.server.orderFrames().get(0).field("clOrdId")).isEqualTo("mine42");
      assertThat(answer.clientOrderId()).contains("mine42");
    }
  }

  @Test
  void anOrderIsSentAsItWasPlacedInTheApplicationsOrderItsEmptyClientOrderIdFilledWhereItStood() throws Exception {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      Map<String, Object> order = new java.util.LinkedHashMap<>();
      order.put("px", "100");
      order.put("clOrdId", "");
      order.put("instId", "BTC-USDT-SWAP");
      order.put("tag", null);
      order.put("sz", "1");

      java.util.concurrent.CompletableFuture<WebSocketAnswer> placed = fixture.session.placeOrder(order);
      order.put("sz", "1000"); // the application reuses its map at once: what was placed is sent
      order.put("reduceOnly", "true");
      WebSocketAnswer answer = await(placed);

      String frame = fixture.server.orderFrames().get(0).text();
      String args = frame.substring(frame.indexOf("\"args\""));
      String clientOrderId = answer.clientOrderId().orElseThrow();
      assertThat(clientOrderId).matches("[A-Za-z0-9]{1,32}");
      assertThat(args).as("in the application's order, the null left out, the map's later changes not seen")
          .startsWith("\"args\":[{\"px\":\"100\",\"clOrdId\":\"" + clientOrderId
              + "\",\"instId\":\"BTC-USDT-SWAP\",\"sz\":\"1\"}]");
      assertThat(order).as("the application's map keeps its empty id").containsEntry("clOrdId", "");
    }
  }

  @Test
  void binanceAsksAnOrdersStatusOverTheSocketWhereOthersHaveNoSuchOperation() throws Exception {
    try (SessionFixture binance = new SessionFixture(Exchange.BINANCE_USDM);
        SessionFixture okx = new SessionFixture(Exchange.OKX)) {
      await(binance.session.orderStatus(Map.of("symbol", "BTCUSDT", "origClientOrderId", "abc")));

      assertThat(binance.server.orderFrames().get(0).field("method")).isEqualTo("order.status");
      assertThatThrownBy(() -> await(okx.session.orderStatus(Map.of("instId", "BTC-USDT-SWAP"))))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(okx.server.received).isEmpty();
    }
  }

  @Test
  void aSessionNeedsASigner() {
    try (SessionFixture fixture = new SessionFixture(Exchange.OKX)) {
      assertThatThrownBy(() -> ExchangeWebSocketSession.builder(fixture.interceptor, Exchange.OKX).build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("signer");
      assertThatThrownBy(() -> ExchangeWebSocketSession.builder(fixture.interceptor, Exchange.BYBIT))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bybit");
      assertThat(fixture.session.toString()).doesNotContain("test-api-key", "test-api-secret");
    }
  }
}
