package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;

/**
 * A seeded, reproducible fake of Binance USDⓈ-M Futures, OKX v5, Bybit v5 and Bitget v2 on loopback.
 *
 * <p>Each exchange gets its own HTTP server on 127.0.0.1, so a client points its base URL at {@link #url(Exchange)}
 * and keeps the exchange's real paths, those of its specification. One server per exchange also keeps each exchange's
 * IP limits and bans to itself, as they are on the real hosts. The same server takes the exchange's WebSocket order
 * API at {@link #webSocketUrl(Exchange)}, on the same order store and rate windows.
 *
 * <pre>{@code
 * try (ExchangeSimulator simulator = new ExchangeSimulator(SimulatorConfig.builder()
 *     .seed(42).fault(FaultKind.TIMEOUT_PLACED, 0.05).build()).start()) {
 *   HttpUrl binance = simulator.url(Exchange.BINANCE_USDM);
 *   ...
 *   simulator.stats(Exchange.BINANCE_USDM).ordersCreated();
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests to one exchange are handled one at a time in arrival order, and every read method returns a
 * snapshot.
 */
public final class ExchangeSimulator implements AutoCloseable {
  private final SimulatorConfig config;
  private final FaultLog faultLog = new FaultLog();
  private final Map<Exchange, ExchangeHandler> handlers = new EnumMap<>(Exchange.class);
  private final Map<Exchange, MockWebServer> servers = new EnumMap<>(Exchange.class);
  private boolean started;

  public ExchangeSimulator(SimulatorConfig config) {
    this.config = config;
    handlers.put(Exchange.BINANCE_USDM, new BinanceHandler(config, faultLog));
    handlers.put(Exchange.OKX, new OkxHandler(config, faultLog));
    handlers.put(Exchange.BYBIT, new BybitHandler(config, faultLog));
    handlers.put(Exchange.BITGET, new BitgetHandler(config, faultLog));
  }

  /** Starts one server per exchange on loopback; returns this, for try-with-resources. */
  public synchronized ExchangeSimulator start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    try {
      for (Exchange exchange : Exchange.values()) {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(handlers.get(exchange));
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        servers.put(exchange, server);
        int port = config.basePort() == 0 ? 0 : config.basePort() + exchange.ordinal();
        server.start(InetAddress.getLoopbackAddress(), port);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("could not start the simulator", e);
    }
    started = true;
    return this;
  }

  /**
   * Makes the next order placements on {@code exchange} answer with these faults, one each, in order, whatever the
   * configured probabilities: for a demo or a test that must see a particular answer.
   */
  public void scriptPlacements(Exchange exchange, FaultKind... kinds) {
    for (FaultKind kind : kinds) {
      handlers.get(exchange).scriptPlacement(kind);
    }
  }

  /**
   * Makes the next order frames on {@code exchange}'s WebSocket API meet these faults, one each, in order (a login fault
   * the next login), whatever the configured probabilities.
   */
  public void scriptWebSocket(Exchange exchange, WebSocketFault... kinds) {
    for (WebSocketFault kind : kinds) {
      handlers.get(exchange).webSocket.script(kind);
    }
  }

  /** Makes the next order lookups or time requests on {@code exchange} answer with these faults, one each. */
  public void scriptReads(Exchange exchange, FaultKind... kinds) {
    for (FaultKind kind : kinds) {
      handlers.get(exchange).scriptRead(kind);
    }
  }

  /** The base URL of an exchange, ending in "/", e.g. {@code http://127.0.0.1:40123/}. */
  public HttpUrl url(Exchange exchange) {
    MockWebServer server = servers.get(exchange);
    if (server == null || !started) {
      throw new IllegalStateException("not started");
    }
    return server.url("/");
  }

  /** The exchange's WebSocket order endpoint on the simulator, on its path of the live endpoint. */
  public String webSocketUrl(Exchange exchange) {
    return url(exchange).resolve(handlers.get(exchange).webSocket.path()).toString().replaceFirst("^http", "ws");
  }

  /** Every WebSocket fault injected on one exchange, in order. */
  public List<InjectedWebSocketFault> webSocketFaults(Exchange exchange) {
    return handlers.get(exchange).webSocket.faults();
  }

  /** Order frames the exchange's WebSocket API received, resends included. */
  public int webSocketOrderFrames(Exchange exchange) {
    return handlers.get(exchange).webSocket.orderFrames();
  }

  /** WebSocket connections the exchange accepted. */
  public int webSocketConnections(Exchange exchange) {
    return handlers.get(exchange).webSocket.connections();
  }

  /** The base URL without the trailing slash, to prepend to an exchange path. */
  public String baseUrl(Exchange exchange) {
    String url = url(exchange).toString();
    return url.substring(0, url.length() - 1);
  }

  public SimulatorConfig config() {
    return config;
  }

  /** Every order the exchange created, in creation order. */
  public List<SimulatedOrder> orders(Exchange exchange) {
    return handlers.get(exchange).snapshotOrders();
  }

  /** The order created under a client order id, if any. */
  public Optional<SimulatedOrder> order(Exchange exchange, String clientOrderId) {
    return handlers.get(exchange).findOrder(clientOrderId);
  }

  public int orderCount(Exchange exchange) {
    return orders(exchange).size();
  }

  /** Order items refused because their client order id was already taken. */
  public long duplicateAttempts(Exchange exchange) {
    return stats(exchange).duplicateAttempts();
  }

  public ExchangeStats stats(Exchange exchange) {
    return handlers.get(exchange).stats();
  }

  /** Every fault injected on any exchange, in order. */
  public List<InjectedFault> faults() {
    return faultLog.all();
  }

  /** The faults injected on one exchange, in order. */
  public List<InjectedFault> faults(Exchange exchange) {
    return faultLog.all().stream().filter(f -> f.exchange() == exchange).toList();
  }

  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    for (MockWebServer server : servers.values()) {
      try {
        server.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    servers.clear();
    handlers.values().forEach(handler -> handler.webSocket.close());
    started = false;
    if (failure != null) {
      throw failure;
    }
  }
}
