package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.RateLimitHeaders;

/**
 * Bybit v5's two layers of limits. The per-IP limit over all endpoints is enforced by the gateway in front of the API:
 * exceeding it answers HTTP 403 with an HTML "access too frequent" page and bans the IP for
 * {@link SimulatorConfig#bybitIpBanDuration()}, during which every request gets the same page. Behind it, each endpoint
 * has a per-UID budget; exceeding it answers HTTP 200 with code 10006 and the rate-limit headers of the specification,
 * which tell the client when the window resets.
 */
final class BybitRateLimits {
  private static final RateLimitHeaders HEADERS = Exchange.BYBIT.spec().rateLimitHeaders();
  private static final String LIMIT = SpecReads.header(HEADERS.limits(), "requests");
  private static final String REMAINING = SpecReads.header(HEADERS.remaining(), "requests");
  private static final String FORBIDDEN_PAGE = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n"
      + "<center><h1>403 Forbidden</h1></center>\r\n<hr><center>access too frequent</center>\r\n</body>\r\n</html>\r\n";

  private final SimulatorConfig config;
  private final Counters counters;
  private final FixedWindow ip;
  private final EndpointWindows windows;
  private long ipBannedUntil = Long.MIN_VALUE;

  BybitRateLimits(SimulatorConfig config, Counters counters) {
    this.config = config;
    this.counters = counters;
    this.ip = FixedWindow.of(config, RateLimitRule.BYBIT_IP);
    // realtime and history have a budget each, as on Bybit; the rule's permits apply to both.
    this.windows = new EndpointWindows(config)
        .limit(Endpoint.PLACE_ORDER, RateLimitRule.BYBIT_CREATE_ORDER)
        .limit(Endpoint.BATCH_ORDERS, RateLimitRule.BYBIT_CREATE_BATCH)
        .limit(Endpoint.QUERY_ORDER, RateLimitRule.BYBIT_QUERY_ORDER)
        .limit(Endpoint.ORDER_HISTORY, RateLimitRule.BYBIT_QUERY_ORDER);
  }

  Reply admit(Endpoint endpoint, int units, long now) {
    if (now < ipBannedUntil) {
      counters.bannedRequests++;
      return forbidden();
    }
    if (!ip.tryAcquire(now, 1)) {
      ipBannedUntil = now + config.bybitIpBanDuration().toMillis();
      counters.bans++;
      counters.bannedRequests++;
      return forbidden();
    }
    if (!windows.tryAcquire(endpoint, units, now)) {
      counters.rateLimitRefusals++;
      return BybitHandler.error(new ItemError(200, "10006", "Too many visits!"), now);
    }
    return null;
  }

  /** The ban's end on the simulator clock, or {@link Long#MIN_VALUE} if never banned. */
  long ipBannedUntil() {
    return ipBannedUntil;
  }

  private static Reply forbidden() {
    return Reply.html(403, FORBIDDEN_PAGE).withoutRateHeaders();
  }

  /** The three headers describe the endpoint's UID window; the server time, which has none, reports the IP window. */
  void addHeaders(Reply reply, Endpoint endpoint, long now) {
    FixedWindow window = windows.window(endpoint);
    if (window == null) {
      window = ip;
    }
    reply.header(LIMIT, window.permits());
    reply.header(REMAINING, window.remaining(now));
    reply.header(HEADERS.windowResetHeader(), window.windowEnd(now));
  }
}
