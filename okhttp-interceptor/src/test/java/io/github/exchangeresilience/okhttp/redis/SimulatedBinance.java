package io.github.exchangeresilience.okhttp.redis;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for Binance USD-M's request weight limit: a fixed window of {@code windowMillis} aligned to the
 * epoch, {@code limit} weight per window per IP (every client here is one IP). Over the limit it answers HTTP 429
 * {@code -1003 "Too many requests"} with Retry-After; a client that goes on after {@code tolerated429s} of them is
 * banned: HTTP 418 {@code -1003 "Way too many requests; IP banned until <ms>"} to every request until the ban ends.
 * {@link #banAtRequest} bans on purpose at the n-th request.
 */
final class SimulatedBinance implements AutoCloseable {
  private final int limit;
  private final long windowMillis;
  private final int tolerated429s;
  private final long banMillis;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Object lock = new Object();
  private long window = -1;
  private int usedInWindow;
  private int rateLimitedSinceOk;
  private long bannedUntil;
  private int banAtRequest = -1;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicInteger tooMany = new AtomicInteger();
  private final AtomicInteger banned = new AtomicInteger();
  /** The X-Call-Seq header of every request that reached the server, in arrival order. */
  private final List<Long> callSeqs = new CopyOnWriteArrayList<>();

  SimulatedBinance(int limit, long windowMillis, int tolerated429s, long banMillis) throws IOException {
    this.limit = limit;
    this.windowMillis = windowMillis;
    this.tolerated429s = tolerated429s;
    this.banMillis = banMillis;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The n-th request (from 1) and every later one until the ban ends is banned, whatever the weight used. */
  void banAtRequest(int n) {
    synchronized (lock) {
      banAtRequest = n;
    }
  }

  int requests() {
    return requests.get();
  }

  int ok() {
    return ok.get();
  }

  int tooManyRequests() {
    return tooMany.get();
  }

  int banned() {
    return banned.get();
  }

  List<Long> callSeqs() {
    return List.copyOf(callSeqs);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String seq = exchange.getRequestHeaders().getFirst("X-Call-Seq");
      if (seq != null) {
        callSeqs.add(Long.parseLong(seq));
      }
      int number = requests.incrementAndGet();
      long now = System.currentTimeMillis();
      int status;
      String body;
      long retryAfterSeconds = 0;
      int used;
      synchronized (lock) {
        long current = now / windowMillis;
        if (current != window) {
          window = current;
          usedInWindow = 0;
        }
        used = ++usedInWindow;
        if (number == banAtRequest || (rateLimitedSinceOk >= tolerated429s && used > limit)) {
          bannedUntil = Math.max(bannedUntil, now + banMillis);
        }
        if (now < bannedUntil) {
          status = 418;
          body = "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until " + bannedUntil
              + ". Please use the websocket for live updates to avoid bans.\"}";
          retryAfterSeconds = Math.max(1, (bannedUntil - now + 999) / 1000);
        } else if (used > limit) {
          rateLimitedSinceOk++;
          status = 429;
          body = "{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP(127.0.0.1) is " + limit
              + " requests per window. Please use WebSocket Streams for live updates to avoid polling the API.\"}";
          retryAfterSeconds = Math.max(1, ((current + 1) * windowMillis - now + 999) / 1000);
        } else {
          rateLimitedSinceOk = 0;
          status = 200;
          body = "{\"serverTime\":" + now + "}";
        }
      }
      switch (status) {
        case 418 -> banned.incrementAndGet();
        case 429 -> tooMany.incrementAndGet();
        default -> ok.incrementAndGet();
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("X-MBX-USED-WEIGHT-1M", Integer.toString(used));
      if (retryAfterSeconds > 0) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
