package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.time.Duration;

/**
 * Each documented rate limit the simulator enforces, with its documented budget and window. The budget is
 * configurable ({@link SimulatorConfig.Builder#rateLimit}) so tests can reach a limit in a few requests; the window is
 * not, since its length is part of what a client must honour.
 *
 * <p>Every window is fixed and aligned to the simulator clock's epoch (a one-minute window starts at each whole minute),
 * as the exchanges count them.
 */
public enum RateLimitRule {
  /** Binance request weight per IP; an order costs 1, a batch 5, a lookup 1, the time 1. */
  BINANCE_REQUEST_WEIGHT(Exchange.BINANCE_USDM, 2400, Duration.ofMinutes(1)),
  /** Binance orders per 10 seconds per account (-1015 when exceeded). */
  BINANCE_ORDERS_10S(Exchange.BINANCE_USDM, 300, Duration.ofSeconds(10)),
  /** Binance orders per minute per account (-1015 when exceeded). */
  BINANCE_ORDERS_1M(Exchange.BINANCE_USDM, 1200, Duration.ofMinutes(1)),
  /** OKX single order placement: 60 requests per 2 s. */
  OKX_PLACE_ORDER(Exchange.OKX, 60, Duration.ofSeconds(2)),
  /** OKX batch placement: 300 orders per 2 s, counted per order. */
  OKX_BATCH_ORDERS(Exchange.OKX, 300, Duration.ofSeconds(2)),
  /** OKX order lookup: 60 requests per 2 s. */
  OKX_GET_ORDER(Exchange.OKX, 60, Duration.ofSeconds(2)),
  /** OKX server time: 10 requests per 2 s. */
  OKX_PUBLIC_TIME(Exchange.OKX, 10, Duration.ofSeconds(2)),
  /** Bybit per-IP limit over every endpoint: 600 requests per 5 s, then an IP ban. */
  BYBIT_IP(Exchange.BYBIT, 600, Duration.ofSeconds(5)),
  /** Bybit single order creation per UID: 10 per second (code 10006). */
  BYBIT_CREATE_ORDER(Exchange.BYBIT, 10, Duration.ofSeconds(1)),
  /** Bybit batch creation per UID: 10 orders per second, counted per order. */
  BYBIT_CREATE_BATCH(Exchange.BYBIT, 10, Duration.ofSeconds(1)),
  /** Bybit open-order and order-history lookups per UID: 50 per second each. */
  BYBIT_QUERY_ORDER(Exchange.BYBIT, 50, Duration.ofSeconds(1)),
  /** Bitget single order placement per UID: 10 per second. */
  BITGET_PLACE_ORDER(Exchange.BITGET, 10, Duration.ofSeconds(1)),
  /** Bitget batch placement per UID: 5 requests per second. */
  BITGET_BATCH_PLACE_ORDER(Exchange.BITGET, 5, Duration.ofSeconds(1)),
  /** Bitget order lookup per UID: 10 per second. */
  BITGET_ORDER_DETAIL(Exchange.BITGET, 10, Duration.ofSeconds(1)),
  /** Bitget server time per IP: 20 per second. */
  BITGET_PUBLIC_TIME(Exchange.BITGET, 20, Duration.ofSeconds(1));

  private final Exchange exchange;
  private final int defaultPermits;
  private final Duration window;

  RateLimitRule(Exchange exchange, int defaultPermits, Duration window) {
    this.exchange = exchange;
    this.defaultPermits = defaultPermits;
    this.window = window;
  }

  public Exchange exchange() {
    return exchange;
  }

  /** The budget the exchange documents. */
  public int defaultPermits() {
    return defaultPermits;
  }

  /** The fixed window the budget is counted in. */
  public Duration window() {
    return window;
  }
}
