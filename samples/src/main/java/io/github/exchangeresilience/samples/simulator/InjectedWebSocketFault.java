package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;

/**
 * One WebSocket fault the simulator injected, for reports and assertions.
 *
 * @param clientOrderId the order frame's client order id; {@code null} for a login, or an order that carried none
 * @param placed whether the order is in the store after the fault
 * @param connection the connection it struck, counted from 1
 */
public record InjectedWebSocketFault(Exchange exchange, WebSocketFault kind, String clientOrderId, boolean placed,
    int connection) {}
