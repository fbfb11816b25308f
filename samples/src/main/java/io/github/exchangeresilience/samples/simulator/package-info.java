/**
 * A seeded, reproducible fake of four exchanges on loopback, for the demo and for chaos tests of exchange clients.
 *
 * <p>{@link io.github.exchangeresilience.samples.simulator.ExchangeSimulator} starts one HTTP server per exchange; a
 * client sets its base URL to {@code simulator.url(exchange)} and keeps the exchange's paths. Each exchange serves what
 * its specification ({@code Exchange.spec()}) names: the single and batch order placements, the order lookups with
 * their parameters, and the server time, answering with the specification's code, message, item and rate-limit header
 * names. Bitget is its v2 futures API ({@code BitgetSpec.FUTURES_V2}).
 *
 * <p>The same server takes each exchange's WebSocket order API at its specification's path
 * ({@code simulator.webSocketUrl(exchange)}): the login, the keep-alive, placements, cancels and status requests, each
 * handled as the REST request it equals, on the same order store and rate windows, its answer shaped as the
 * exchange's WebSocket answers (Bitget's on its UTA API). Faults coded in the answer come as error frames; the
 * socket's own faults are {@link io.github.exchangeresilience.samples.simulator.WebSocketFault}s, recorded in
 * {@link io.github.exchangeresilience.samples.simulator.InjectedWebSocketFault}.
 *
 * <p>Signatures, API keys and timestamps are accepted and not checked; clock skew is a fault the simulator injects.
 * Every time the simulator reports (server time, order times, rate-limit windows, bans) comes from the configured
 * {@link java.time.Clock}; with a {@link io.github.exchangeresilience.samples.simulator.ManualClock} windows and bans
 * end only when the test advances it.
 *
 * <p>Market orders fill at once; other orders rest open forever. Whether a faulted placement created its order is
 * {@link io.github.exchangeresilience.samples.simulator.FaultKind#placesOrder()}, recorded per fault in
 * {@link io.github.exchangeresilience.samples.simulator.InjectedFault#placed()}, and visible through the exchange's own
 * lookup endpoint, which is what a client's reconciliation should use.
 */
package io.github.exchangeresilience.samples.simulator;
