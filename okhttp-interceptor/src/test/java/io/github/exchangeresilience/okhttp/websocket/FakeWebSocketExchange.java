package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.WebSocketApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * One exchange's WebSocket order API on loopback, frames shaped as its pages show them, with a REST side for the
 * lookups a reconcile makes. It records every frame it receives, on which connection, and every REST request; a test
 * scripts what it answers to each frame.
 */
final class FakeWebSocketExchange implements AutoCloseable {
  /** A frame the server received. */
  record Incoming(int connection, String text) {
    /** A string or number field of the frame, the first found; {@code null} if absent. */
    String field(String name) {
      return FakeWebSocketExchange.field(text, name);
    }
  }

  /** What the server does with a frame. */
  record Reply(String frame, boolean drop, boolean close) {
    static Reply send(String frame) {
      return new Reply(frame, false, false);
    }

    /** Nothing: the frame goes unanswered. */
    static Reply silence() {
      return new Reply(null, false, false);
    }

    /** The connection is dropped at once, without a close frame. */
    static Reply dropConnection() {
      return new Reply(null, true, false);
    }

    /** The server closes the connection with a close frame. */
    static Reply closeConnection() {
      return new Reply(null, false, true);
    }
  }

  final Exchange exchange;
  final WebSocketApi api;
  private final MockWebServer server = new MockWebServer();
  final List<Incoming> received = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> restRequests = new CopyOnWriteArrayList<>();
  private final Map<Integer, WebSocket> sockets = new ConcurrentHashMap<>();
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger refusedUpgrades = new AtomicInteger();
  /** Upgrades refused with HTTP 503 before the next is accepted. */
  final AtomicInteger upgradesToRefuse = new AtomicInteger();
  /** What the server answers to an order frame; a success by default. */
  volatile Function<Incoming, Reply> orders;
  /** What the server answers to a login frame; a success by default. */
  volatile Function<Incoming, Reply> logins;
  /** Whether the keep-alive's pings are answered. */
  volatile boolean answerPings = true;
  /** What the REST side answers (the lookups of a reconcile); a 404 by default. */
  volatile Function<RecordedRequest, MockResponse> rest = request -> new MockResponse.Builder().code(404).build();

  FakeWebSocketExchange(Exchange exchange) {
    this.exchange = exchange;
    this.api = exchange.spec().webSocket();
    this.orders = incoming -> Reply.send(ExchangeFrames.placed(exchange, incoming));
    this.logins = incoming -> Reply.send(ExchangeFrames.loggedIn(exchange));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals(webSocketPath())) {
          if (upgradesToRefuse.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            refusedUpgrades.incrementAndGet();
            return new MockResponse.Builder().code(503).build();
          }
          return new MockResponse.Builder().webSocketUpgrade(new ServerSide(connections.incrementAndGet())).build();
        }
        restRequests.add(request);
        return rest.apply(request);
      }
    });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String webSocketPath() {
    return URI.create(api.urls().live()).getPath();
  }

  String webSocketUrl() {
    return server.url(webSocketPath()).toString().replaceFirst("^http", "ws");
  }

  HttpUrl restUrl() {
    return server.url("/");
  }

  /** The order frames received (not logins, not pings), in order. */
  List<Incoming> orderFrames() {
    List<Incoming> orders = new ArrayList<>();
    for (Incoming incoming : received) {
      if (isRequest(incoming)) {
        orders.add(incoming);
      }
    }
    return orders;
  }

  boolean isRequest(Incoming incoming) {
    return incoming.field(api.requests().idField()) != null;
  }

  /** Sends a frame to the client on a connection, as a push. */
  void push(int connection, String frame) {
    sockets.get(connection).send(frame);
  }

  /** Sends a binary frame to the client on a connection. */
  void pushBinary(int connection, okio.ByteString bytes) {
    sockets.get(connection).send(bytes);
  }

  /** Closes a connection from the server's side with a close frame. */
  void closeFromServer(int connection, int code) {
    sockets.get(connection).close(code, "server closing");
  }

  @Override
  public void close() {
    server.close();
  }

  private final class ServerSide extends WebSocketListener {
    private final int connection;

    ServerSide(int connection) {
      this.connection = connection;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      sockets.put(connection, webSocket);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      Incoming incoming = new Incoming(connection, text);
      received.add(incoming);
      WebSocketApi.KeepAlive keepAlive = api.keepAlive();
      Reply reply;
      if (text.equals(keepAlive.ping())) {
        reply = answerPings ? Reply.send(ExchangeFrames.pong(exchange)) : Reply.silence();
      } else if (api.login() != null && api.login().op().equals(incoming.field(api.login().opField()))) {
        reply = logins.apply(incoming);
      } else {
        reply = orders.apply(incoming);
      }
      if (reply.drop()) {
        webSocket.cancel();
      } else if (reply.close()) {
        webSocket.close(1001, "going away");
      } else if (reply.frame() != null) {
        webSocket.send(reply.frame());
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
    }
  }

  /** A string, number or boolean field of a compact JSON frame, the first found; {@code null} if absent. */
  static String field(String frame, String name) {
    Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.]+|true|false)")
        .matcher(frame);
    if (!matcher.find()) {
      return null;
    }
    return matcher.group(2) != null ? matcher.group(2) : matcher.group(1);
  }
}
