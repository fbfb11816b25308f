package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.RateLimitHeaders;

/**
 * Binance USDⓈ-M's limits: request weight per minute per IP, orders per 10 s and per minute, and the escalation from
 * HTTP 429 to an HTTP 418 IP ban for a client that keeps sending while refused.
 *
 * <p>A refused request adds no weight. Once a request was refused in a weight window, every further request in that
 * window that is refused again counts against {@link SimulatorConfig#binanceRefusalsBeforeBan()}; one more than that
 * starts the ban. During the ban every request is answered 418 with the same banned-until time: waiting is the only
 * way out, and requests sent meanwhile neither extend nor shorten it.
 */
final class BinanceRateLimits {
  private static final RateLimitHeaders HEADERS = Exchange.BINANCE_USDM.spec().rateLimitHeaders();
  private static final String USED_WEIGHT = SpecReads.header(HEADERS.used(), "weight-1m");
  private static final String ORDERS_10S = SpecReads.header(HEADERS.used(), "orders-10s");
  private static final String ORDERS_1M = SpecReads.header(HEADERS.used(), "orders-1m");

  private final SimulatorConfig config;
  private final Counters counters;
  private final FixedWindow weight;
  private final FixedWindow orders10s;
  private final FixedWindow orders1m;
  private long bannedUntil = Long.MIN_VALUE;
  private long refusedWindowStart = Long.MIN_VALUE;
  private int requestsWhileRefused;

  BinanceRateLimits(SimulatorConfig config, Counters counters) {
    this.config = config;
    this.counters = counters;
    this.weight = FixedWindow.of(config, RateLimitRule.BINANCE_REQUEST_WEIGHT);
    this.orders10s = FixedWindow.of(config, RateLimitRule.BINANCE_ORDERS_10S);
    this.orders1m = FixedWindow.of(config, RateLimitRule.BINANCE_ORDERS_1M);
  }

  /** The request weight of each endpoint as documented; a batch weighs 5 whatever its size. */
  static int weightOf(Endpoint endpoint) {
    return endpoint == Endpoint.BATCH_ORDERS ? 5 : 1;
  }

  Reply admit(Endpoint endpoint, int orders, long now) {
    if (now < bannedUntil) {
      counters.bannedRequests++;
      return banned(now);
    }
    if (!weight.tryAcquire(now, weightOf(endpoint))) {
      long window = weight.windowStart(now);
      if (window != refusedWindowStart) {
        refusedWindowStart = window;
        requestsWhileRefused = 0;
      } else if (++requestsWhileRefused > config.binanceRefusalsBeforeBan()) {
        bannedUntil = now + config.binanceBanDuration().toMillis();
        counters.bans++;
        counters.bannedRequests++;
        return banned(now);
      }
      counters.rateLimitRefusals++;
      return BinanceHandler.error(429, -1003, "Too many requests; current limit is " + weight.permits()
          + " requests per minute. Please use the websocket for live updates to avoid polling the API.")
          .header("Retry-After", weight.secondsToEnd(now));
    }
    if (endpoint.isPlacement()) {
      FixedWindow exceeded = orders10s.remaining(now) < orders ? orders10s : orders1m.remaining(now) < orders ? orders1m : null;
      if (exceeded != null) {
        counters.rateLimitRefusals++;
        String per = exceeded == orders10s ? "10SECOND" : "1MINUTE";
        return BinanceHandler.error(429, -1015,
            "Too many new orders; current limit is " + exceeded.permits() + " orders per " + per + ".")
            .header("Retry-After", exceeded.secondsToEnd(now));
      }
      orders10s.tryAcquire(now, orders);
      orders1m.tryAcquire(now, orders);
    }
    return null;
  }

  private Reply banned(long now) {
    return BinanceHandler.error(418, -1003, "Way too many requests; IP banned until " + bannedUntil
        + ". Please use the websocket for live updates to avoid bans.")
        .header("Retry-After", FixedWindow.secondsUntil(bannedUntil, now));
  }

  /** The used weight on every answer, the order counts on order answers. */
  void addHeaders(Reply reply, Endpoint endpoint, long now) {
    reply.header(USED_WEIGHT, weight.used(now));
    if (endpoint.isPlacement()) {
      reply.header(ORDERS_10S, orders10s.used(now));
      reply.header(ORDERS_1M, orders1m.used(now));
    }
  }
}
