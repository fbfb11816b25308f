/**
 * A seeded, reproducible fake of four exchanges on loopback, for the demo and for chaos tests of exchange clients.
 *
 * <p>{@link io.github.exchangeresilience.samples.simulator.ExchangeSimulator} starts one HTTP server per exchange; a
 * client sets its base URL to {@code simulator.url(exchange)} and keeps the exchange's paths:
 *
 * <table>
 * <caption>Paths served</caption>
 * <tr><th>exchange</th><th>place</th><th>batch</th><th>look up</th><th>time</th></tr>
 * <tr><td>Binance USDⓈ-M</td><td>POST /fapi/v1/order</td><td>POST /fapi/v1/batchOrders</td>
 *     <td>GET /fapi/v1/order</td><td>GET /fapi/v1/time</td></tr>
 * <tr><td>OKX v5</td><td>POST /api/v5/trade/order</td><td>POST /api/v5/trade/batch-orders</td>
 *     <td>GET /api/v5/trade/order</td><td>GET /api/v5/public/time</td></tr>
 * <tr><td>Bybit v5</td><td>POST /v5/order/create</td><td>POST /v5/order/create-batch</td>
 *     <td>GET /v5/order/realtime, GET /v5/order/history</td><td>GET /v5/market/time</td></tr>
 * <tr><td>Bitget v2</td><td>POST /api/v2/mix/order/place-order</td><td>POST /api/v2/mix/order/batch-place-order</td>
 *     <td>GET /api/v2/mix/order/detail</td><td>GET /api/v2/public/time</td></tr>
 * </table>
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
