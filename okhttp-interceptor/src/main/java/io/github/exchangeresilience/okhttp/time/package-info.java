/**
 * The offset to the exchange's clock: {@link io.github.exchangeresilience.okhttp.time.ServerTimeSync} fetches the
 * server time after a CLOCK_SKEW answer, and signers read the corrected clock.
 */
package io.github.exchangeresilience.okhttp.time;
