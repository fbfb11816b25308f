package io.github.exchangeresilience.samples.chaos;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.WebSocketFrame;
import io.github.exchangeresilience.decode.WebSocketFrameReader;
import io.github.exchangeresilience.exchange.WebSocketApi;
import io.github.exchangeresilience.samples.demo.ExchangeRequests;
import io.github.exchangeresilience.samples.simulator.ManualClock;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A WebSocket client as many bots write one: no client order id, and an order whose answer does not come (the
 * connection dropped, the time ran out) or says anything but success is sent again, on a new connection, up to four
 * times. It speaks each exchange's frames as documented, logging in where the exchange wants a login.
 */
final class NaiveWebSocketClient implements WebSocketChaosTest.Placer {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String CLOSED = "\u0000closed";

  private final Exchange exchange;
  private final WebSocketApi api;
  private final String url;
  private final Duration timeout;
  private final ManualClock clock;
  private final OkHttpClient client = new OkHttpClient();
  private final WebSocketFrameReader reader;
  private final AtomicLong ids = new AtomicLong();

  NaiveWebSocketClient(Exchange exchange, String url, Duration timeout, ManualClock clock) {
    this.exchange = exchange;
    this.api = exchange.spec().webSocket();
    this.url = url;
    this.timeout = timeout;
    this.clock = clock;
    this.reader = new WebSocketFrameReader(exchange.spec(),
        ResponseDecoder.of(exchange, ErrorCatalog.builtIn().forWebSocket()));
  }

  @Override
  public WebSocketChaosTest.Fate place(int index) {
    Map<String, Object> order = ExchangeRequests.webSocketOrder(exchange, Integer.toString(index + 1));
    for (int attempt = 0; attempt < 4; attempt++) {
      clock.advance(Duration.ofMillis(50));
      if (placeOnce(order)) {
        return WebSocketChaosTest.Fate.PLACED;
      }
    }
    return WebSocketChaosTest.Fate.UNKNOWN;
  }

  /** One try on a new connection: true when the exchange answered a success. */
  private boolean placeOnce(Map<String, Object> order) {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket socket = client.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
      @Override
      public void onMessage(WebSocket webSocket, String text) {
        frames.add(text);
      }

      @Override
      public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        frames.add(CLOSED);
      }

      @Override
      public void onClosing(WebSocket webSocket, int code, String reason) {
        frames.add(CLOSED);
      }
    });
    try {
      if (api.login() != null) {
        socket.send(login());
        String answer = next(frames);
        if (answer == null || !reader.read(answer).decoded().policyClass().isSuccess()) {
          return false;
        }
      }
      String id = "n" + ids.incrementAndGet();
      socket.send(order(id, order));
      while (true) {
        String answer = next(frames);
        if (answer == null) {
          return false; // dropped, closed or no answer in time: the naive client sends it again
        }
        WebSocketFrame frame = reader.read(answer);
        if (id.equals(frame.id())) {
          return frame.decoded().policyClass().isSuccess();
        }
      }
    } finally {
      socket.cancel();
    }
  }

  private String next(BlockingQueue<String> frames) {
    try {
      String frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return frame == null || frame.equals(CLOSED) ? null : frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String login() {
    WebSocketApi.Login login = api.login();
    return write(json -> {
      json.writeStartObject();
      json.writeStringField(login.opField(), login.op());
      json.writeArrayFieldStart(login.argsField());
      if (login.namedArgs()) {
        json.writeStartObject();
        json.writeStringField(login.apiKeyArg(), "naive-key");
        json.writeStringField(login.passphraseArg(), "naive-passphrase");
        json.writeStringField(login.timestampArg(), Long.toString(clock.millis() / 1000));
        json.writeStringField(login.signArg(), "not-checked");
        json.writeEndObject();
      } else {
        json.writeString("naive-key");
        json.writeNumber(clock.millis() + 5_000);
        json.writeString("not-checked");
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private String order(String id, Map<String, Object> order) {
    WebSocketApi.Requests requests = api.requests();
    return write(json -> {
      json.writeStartObject();
      json.writeStringField(requests.idField(), id);
      for (Map.Entry<String, String> constant : requests.constantFields().entrySet()) {
        json.writeStringField(constant.getKey(), constant.getValue());
      }
      json.writeStringField(requests.opField(), requests.place());
      for (String field : requests.frameFields()) {
        json.writeStringField(field, String.valueOf(order.get(field)));
      }
      json.writeFieldName(requests.argsField());
      if (requests.argsInArray()) {
        json.writeStartArray();
      }
      json.writeStartObject();
      for (Map.Entry<String, Object> field : order.entrySet()) {
        if (!requests.frameFields().contains(field.getKey())) {
          json.writeStringField(field.getKey(), String.valueOf(field.getValue()));
        }
      }
      json.writeEndObject();
      if (requests.argsInArray()) {
        json.writeEndArray();
      }
      json.writeEndObject();
    });
  }

  private interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
