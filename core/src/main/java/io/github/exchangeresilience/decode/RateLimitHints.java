package io.github.exchangeresilience.decode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a response says about rate limits, from its headers and message text, read as its exchange's specification
 * names them ({@link io.github.exchangeresilience.exchange.RateLimitHeaders}). Every part may be missing.
 *
 * @param retryAfter the {@code Retry-After} header, in seconds or as an HTTP date turned into a wait
 * @param bannedUntil the end of a ban the message names ("IP banned until &lt;epoch ms&gt;")
 * @param windowResetAt when the exchange's current rate window resets
 * @param used how much of each named limit is used (Binance {@code weight-1m}, {@code orders-10s})
 * @param remaining what is left of each named limit (Bybit {@code requests})
 * @param limits the size of each named limit (Bybit {@code requests})
 */
public record RateLimitHints(
    Duration retryAfter,
    Instant bannedUntil,
    Instant windowResetAt,
    Map<String, Long> used,
    Map<String, Long> remaining,
    Map<String, Long> limits) {

  public static final RateLimitHints NONE = new RateLimitHints(null, null, null, Map.of(), Map.of(), Map.of());

  public RateLimitHints {
    used = used == null ? Map.of() : Map.copyOf(used);
    remaining = remaining == null ? Map.of() : Map.copyOf(remaining);
    limits = limits == null ? Map.of() : Map.copyOf(limits);
  }

  public Optional<Duration> retryAfterValue() {
    return Optional.ofNullable(retryAfter);
  }

  public Optional<Instant> bannedUntilValue() {
    return Optional.ofNullable(bannedUntil);
  }

  public Optional<Instant> windowResetAtValue() {
    return Optional.ofNullable(windowResetAt);
  }

  public boolean isEmpty() {
    return equals(NONE);
  }
}
