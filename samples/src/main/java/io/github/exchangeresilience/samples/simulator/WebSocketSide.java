package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.WebSocketApi;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * One simulated exchange's WebSocket order API, on the same server, order store, rate windows and coded faults as its
 * REST API: it logs connections in, answers the keep-alive, and takes placements, cancels and status requests, each
 * handled as the REST request it equals. Its own faults ({@link WebSocketFault}) are drawn from a seeded
 * {@link Random} once per order frame, and from another once per login for a refused login.
 */
final class WebSocketSide {
  private final ExchangeHandler handler;
  private final Exchange exchange;
  private final ExchangeSpec spec;
  private final WebSocketApi api;
  private final SimulatorConfig config;
  private final WebSocketFrames frames;
  private final Random random;
  private final Random logins;
  private final List<InjectedWebSocketFault> faults = new ArrayList<>();
  private final Queue<WebSocketFault> scripted = new ArrayDeque<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger orderFrames = new AtomicInteger();
  private ScheduledExecutorService delays;

  WebSocketSide(ExchangeHandler handler, Exchange exchange, SimulatorConfig config) {
    this.handler = handler;
    this.exchange = exchange;
    this.spec = exchange.spec();
    this.api = spec.webSocket();
    this.config = config;
    this.frames = new WebSocketFrames(exchange);
    // Apart, so that how often a client logs in never shifts the draws of its order frames.
    this.random = new Random(config.seed() * 31 + 7 * exchange.ordinal() + 3);
    this.logins = new Random(config.seed() * 37 + 11 * exchange.ordinal() + 5);
  }

  /** The path the exchange's WebSocket order API is served on, as its live endpoint's. */
  String path() {
    return URI.create(api.urls().live()).getPath();
  }

  MockResponse upgrade() {
    return new MockResponse.Builder().webSocketUpgrade(new Connection(connections.incrementAndGet())).build();
  }

  /** Makes the next order frames (or logins, for a login fault) meet these faults, whatever the probabilities. */
  synchronized void script(WebSocketFault kind) {
    if (!kind.supportedBy(exchange)) {
      throw new IllegalArgumentException(exchange.id() + " has no " + kind);
    }
    scripted.add(kind);
  }

  synchronized List<InjectedWebSocketFault> faults() {
    return List.copyOf(faults);
  }

  int connections() {
    return connections.get();
  }

  int orderFrames() {
    return orderFrames.get();
  }

  synchronized void close() {
    if (delays != null) {
      delays.shutdownNow();
    }
  }

  /** One connection of a client. */
  private final class Connection extends WebSocketListener {
    final int number;
    volatile boolean pongs = true;

    Connection(int number) {
      this.number = number;
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
      try {
        receive(this, socket, text);
      } catch (RuntimeException defect) {
        socket.cancel(); // as a crashed gateway would
      }
    }

    @Override
    public void onClosing(WebSocket socket, int code, String reason) {
      socket.close(1000, null);
    }
  }

  private void receive(Connection connection, WebSocket socket, String text) {
    if (text.equals(api.keepAlive().ping())) {
      if (connection.pongs) {
        socket.send(frames.pong(connection.number));
      }
      return;
    }
    Map<String, Object> frame = Json.object(Json.readQuietly(text));
    if (frame == null) {
      return;
    }
    WebSocketApi.Login login = api.login();
    if (login != null && login.op().equals(Json.text(frame, login.opField()))) {
      WebSocketFault refused = draw(true);
      if (refused != null) {
        record(refused, null, false, connection.number);
      }
      socket.send(refused == null ? frames.loggedIn(connection.number)
          : refused == WebSocketFault.LOGIN_FAILED ? frames.loginFailed(connection.number)
          : frames.loginKeyRefused(connection.number));
      return;
    }
    WebSocketApi.Requests requests = api.requests();
    String id = Json.text(frame, requests.idField());
    String operation = Json.text(frame, requests.opField());
    if (id == null || operation == null) {
      return;
    }
    Map<String, String> params = new LinkedHashMap<>();
    Object args = frame.get(requests.argsField());
    Map<String, Object> order = Json.object(requests.argsInArray() && Json.array(args) != null
        && !Json.array(args).isEmpty() ? Json.array(args).get(0) : args);
    if (order != null) {
      order.forEach((name, value) -> {
        if (value instanceof String || value instanceof Boolean) {
          params.put(name, value.toString());
        }
      });
    }
    Map<String, String> frameFields = new LinkedHashMap<>();
    for (String field : requests.frameFields()) {
      String value = Json.text(frame, field);
      if (value != null) {
        frameFields.put(field, value);
        params.put(field, value);
      }
    }
    if (operation.equals(requests.place())) {
      place(connection, socket, id, operation, params, frameFields);
    } else if (operation.equals(requests.cancel()) || operation.equals(requests.status())) {
      long now = config.clock().millis();
      Reply reply = handler.handleSocketRequest(frames.lookup(params));
      send(socket, frames.answer(id, operation, frameFields, reply, now, connection.number));
    }
  }

  private void place(Connection connection, WebSocket socket, String id, String operation, Map<String, String> params,
      Map<String, String> frameFields) {
    orderFrames.incrementAndGet();
    WebSocketFault fault = draw(false);
    String clientOrderId = params.get(spec.orders().clientOrderIdField());
    if (fault == WebSocketFault.DROP_NOT_PLACED || (fault == WebSocketFault.RESTART && exchange == Exchange.BYBIT)) {
      record(fault, clientOrderId, false, connection.number);
      if (fault == WebSocketFault.RESTART) {
        socket.send(frames.restarting(id, operation, connection.number));
      } else {
        socket.cancel();
      }
      return;
    }
    long now = config.clock().millis();
    Reply reply = handler.handleSocketRequest(frames.placement(params));
    String answer = frames.answer(id, operation, frameFields, reply, now, connection.number);
    if (fault != null) {
      boolean placed = clientOrderId != null ? handler.findOrder(clientOrderId).isPresent() : fault.placesOrder();
      record(fault, clientOrderId, placed, connection.number);
    }
    if (answer == null || reply.effect() == Reply.Effect.RESET) {
      socket.cancel();
      return;
    }
    if (fault == null && reply.effect() == Reply.Effect.SLOW) {
      fault = WebSocketFault.LATE_ANSWER;
    }
    if (fault == null) {
      socket.send(answer);
      return;
    }
    switch (fault) {
      case DROP_PLACED -> socket.cancel();
      case LATE_ANSWER -> later(() -> socket.send(answer));
      case SERVER_CLOSE -> socket.close(1001, "going away");
      case MISSED_PONG -> connection.pongs = false;
      default -> {
        // A restart: OKX gives notice and answers; the others answer, then close.
        if (api.frames().noticeEvent() != null) {
          socket.send(frames.upgradeNotice(connection.number));
          socket.send(answer);
        } else {
          socket.send(answer);
          socket.close(1001, "restarting");
        }
      }
    }
  }

  private static void send(WebSocket socket, String answer) {
    if (answer == null) {
      socket.cancel();
    } else {
      socket.send(answer);
    }
  }

  /** Draws a fault for a login, or for an order frame. */
  private synchronized WebSocketFault draw(boolean login) {
    WebSocketFault next = scripted.peek();
    if (next != null && next.isLogin() == login) {
      return scripted.poll();
    }
    double roll = (login ? logins : random).nextDouble();
    double cumulative = 0;
    for (WebSocketFault kind : WebSocketFault.values()) {
      if (kind.isLogin() != login) {
        continue;
      }
      cumulative += config.webSocketFaultRate(exchange, kind);
      if (roll < cumulative) {
        return kind;
      }
    }
    return null;
  }

  private synchronized void record(WebSocketFault kind, String clientOrderId, boolean placed, int connection) {
    faults.add(new InjectedWebSocketFault(exchange, kind, clientOrderId, placed, connection));
  }

  private synchronized void later(Runnable task) {
    if (delays == null) {
      delays = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "simulator-ws-" + exchange.id());
        thread.setDaemon(true);
        return thread;
      });
    }
    delays.schedule(task, config.slowResponseDelay().toMillis(), TimeUnit.MILLISECONDS);
  }
}
