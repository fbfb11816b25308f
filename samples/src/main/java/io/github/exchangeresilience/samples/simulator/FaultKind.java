package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;

/**
 * A fault the simulator can inject, each with its own probability in {@link SimulatorConfig}.
 *
 * <p>Whether a fault leaves the order in the store is fixed per kind ({@link #placesOrder()}): this is the ground truth
 * a client's reconciliation is judged against. A "placed" fault creates the order exactly as a normal answer would,
 * then answers with the fault instead of the order.
 *
 * <p>Request-level kinds are drawn once per request; {@link #INSUFFICIENT_MARGIN} is drawn once per order item of a
 * request that no request-level fault struck, so a batch can mix created and rejected items while a request never
 * carries two kinds of fault.
 */
public enum FaultKind {
  /** Binance HTTP 503 "Unknown error, please check your request or try again later.": sent, execution unknown. */
  BINANCE_UNKNOWN_ERROR(true, true, false),
  /** Binance HTTP 503 "Service Unavailable.": a failure, not executed. */
  BINANCE_SERVICE_UNAVAILABLE(false, true, true),
  /** Binance HTTP 503 "Internal error; unable to process your request. Please try again.": not executed. */
  BINANCE_INTERNAL_ERROR(false, true, true),
  /**
   * The exchange's "backend timed out, execution unknown" code, where the order was in fact placed: Binance -1007
   * (HTTP 408), OKX 50004 (HTTP 400), Bybit 10000 "Server Timeout" (HTTP 200), Bitget 25001 (HTTP 400).
   */
  TIMEOUT_PLACED(true, false, false),
  /** The same answer as {@link #TIMEOUT_PLACED}, where the order was not placed. */
  TIMEOUT_NOT_PLACED(false, false, true),
  /** A Cloudflare-style {@code text/html} 502 Bad Gateway page, after the order was placed. */
  HTML_502_PLACED(true, false, false),
  /** A Cloudflare-style {@code text/html} 502 Bad Gateway page; the order never reached the matching engine. */
  HTML_502_NOT_PLACED(false, false, true),
  /** The order is placed, then the connection is closed before any response byte: the client sees an I/O error. */
  CONNECTION_RESET(true, false, true),
  /** The order is placed, and the answer is held back for {@link SimulatorConfig#slowResponseDelay()}. */
  SLOW_RESPONSE(true, false, true),
  /**
   * The request's timestamp is refused, not placed: Binance -1021 (HTTP 400), OKX 50102 (HTTP 401), Bybit 10002 (HTTP
   * 200), Bitget 40008 (HTTP 400).
   */
  CLOCK_SKEW(false, false, false),
  /**
   * A business rejection of one order item, not placed: Binance -2019 "Margin is insufficient.", OKX 51008 (in its item),
   * Bybit 110007, Bitget 25203. Drawn per item, only when no request-level fault struck the request.
   */
  INSUFFICIENT_MARGIN(false, false, false),
  /**
   * The exchange is busy, not placed (TRANSIENT): Binance -1008 (HTTP 503), OKX 50013 (HTTP 429), Bybit 110079,
   * Bitget 25003.
   */
  BUSY(false, false, true),
  /**
   * The API key is refused, not placed (AUTH): Binance -2015 (HTTP 401), OKX 50111 (HTTP 401), Bybit 10003 (HTTP 401),
   * Bitget 40006 (HTTP 400).
   */
  AUTH_REJECTED(false, false, true),
  /**
   * The account may not trade, not placed (ACCOUNT_RESTRICTED): Binance -2023, OKX 50007, Bybit 10027, Bitget 25008.
   */
  ACCOUNT_RESTRICTED(false, false, false),
  /**
   * The service is down for maintenance, not placed (UNAVAILABLE): Binance -1016 (HTTP 503), OKX 50001 (HTTP 503);
   * Bybit and Bitget document no code for it and answer a bare HTTP 503 page.
   */
  MAINTENANCE(false, false, true);

  private final boolean placesOrder;
  private final boolean binanceOnly;
  private final boolean appliesToReads;

  FaultKind(boolean placesOrder, boolean binanceOnly, boolean appliesToReads) {
    this.placesOrder = placesOrder;
    this.binanceOnly = binanceOnly;
    this.appliesToReads = appliesToReads;
  }

  /** True when the order (every valid item of a batch) is in the store after this fault answered. */
  public boolean placesOrder() {
    return placesOrder;
  }

  /**
   * True for the kinds that can also hit order lookups and time requests when {@link SimulatorConfig#faultsOnReads()}
   * is on. Placement-only kinds (those that say something about an order) are never drawn for reads.
   */
  public boolean appliesToReads() {
    return appliesToReads;
  }

  /** True for the kind drawn once per order item rather than once per request. */
  public boolean perItem() {
    return this == INSUFFICIENT_MARGIN;
  }

  /** Whether the exchange has this answer at all; the three HTTP 503 message variants are Binance's. */
  public boolean supportedBy(Exchange exchange) {
    return !binanceOnly || exchange == Exchange.BINANCE_USDM;
  }
}
