package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;

/**
 * A snapshot of one exchange's counters.
 *
 * @param requests every request received, answered or not
 * @param ordersCreated orders in the store
 * @param duplicateAttempts order items refused because their client order id was already in the store
 * @param rateLimitRefusals requests refused for rate without a ban (Binance 429 -1003 and -1015, OKX 50011, Bybit
 *     10006, Bitget 429); answers that start or serve a ban count in {@code bannedRequests} instead
 * @param bans bans started (Binance 418, Bybit IP ban)
 * @param bannedRequests requests answered with a ban, including the one that started it
 * @param faultsInjected faults injected, per-item ones included
 */
public record ExchangeStats(
    Exchange exchange,
    long requests,
    long ordersCreated,
    long duplicateAttempts,
    long rateLimitRefusals,
    long bans,
    long bannedRequests,
    long faultsInjected) {}
