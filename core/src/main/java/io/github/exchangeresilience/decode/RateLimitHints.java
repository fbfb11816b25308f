package io.github.exchangeresilience.decode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a response says about rate limits, from its headers and message text. Every part may be missing.
 *
 * @param retryAfter the {@code Retry-After} header, in seconds or as an HTTP date turned into a wait
 * @param bannedUntil Binance's "IP banned until &lt;epoch ms&gt;" from the message text
 * @param bybitLimit Bybit's {@code X-Bapi-Limit}: the limit of the current window
 * @param bybitLimitRemaining Bybit's {@code X-Bapi-Limit-Status}: what is left of it
 * @param bybitLimitResetAt Bybit's {@code X-Bapi-Limit-Reset-Timestamp}: when the window resets
 * @param binanceUsedWeight1m Binance's {@code X-MBX-USED-WEIGHT-1M}
 * @param binanceOrderCounts Binance's {@code X-MBX-ORDER-COUNT-<interval>} headers, keyed by the upper-case interval
 *     such as {@code 10S} or {@code 1M}
 */
public record RateLimitHints(
    Duration retryAfter,
    Instant bannedUntil,
    Long bybitLimit,
    Long bybitLimitRemaining,
    Instant bybitLimitResetAt,
    Long binanceUsedWeight1m,
    Map<String, Long> binanceOrderCounts) {

  public static final RateLimitHints NONE = new RateLimitHints(null, null, null, null, null, null, Map.of());

  public RateLimitHints {
    binanceOrderCounts = binanceOrderCounts == null ? Map.of() : Map.copyOf(binanceOrderCounts);
  }

  public Optional<Duration> retryAfterValue() {
    return Optional.ofNullable(retryAfter);
  }

  public Optional<Instant> bannedUntilValue() {
    return Optional.ofNullable(bannedUntil);
  }

  public Optional<Instant> bybitLimitResetAtValue() {
    return Optional.ofNullable(bybitLimitResetAt);
  }

  public boolean isEmpty() {
    return equals(NONE);
  }
}
