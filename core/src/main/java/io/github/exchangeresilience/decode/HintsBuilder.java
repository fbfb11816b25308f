package io.github.exchangeresilience.decode;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects {@link RateLimitHints} from headers and message text. Every value may be missing or malformed: a malformed
 * value is ignored, never an error. Parses numbers by hand, since an exception per malformed header is a slow way to
 * say "no hint".
 */
final class HintsBuilder {
  private static final String BANNED_UNTIL = "banned until";

  private Duration retryAfter;
  private Instant bannedUntil;
  private Long bybitLimit;
  private Long bybitLimitRemaining;
  private Instant bybitLimitResetAt;
  private Long binanceUsedWeight1m;
  private Map<String, Long> binanceOrderCounts;

  /** {@code Retry-After}: delta-seconds, or an HTTP date turned into the wait from now (zero once it is past). */
  HintsBuilder retryAfter(String value) {
    if (value == null) {
      return this;
    }
    long seconds = nonNegativeLong(value);
    if (seconds >= 0) {
      retryAfter = Duration.ofSeconds(seconds);
    } else if (!value.isBlank()) {
      try {
        Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        retryAfter = wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeException malformed) {
        // Neither seconds nor a date: no hint.
      }
    }
    return this;
  }

  /** Binance's "Way too many requests; IP banned until 1659146268000." with the end of the ban in epoch millis. */
  HintsBuilder bannedUntilFrom(String message) {
    int at = message == null ? -1 : message.indexOf(BANNED_UNTIL);
    if (at >= 0) {
      int start = at + BANNED_UNTIL.length();
      while (start < message.length() && message.charAt(start) == ' ') {
        start++;
      }
      int end = start;
      while (end < message.length() && isDigit(message.charAt(end))) {
        end++;
      }
      long epochMillis = nonNegativeLong(message, start, end);
      if (epochMillis >= 0) {
        bannedUntil = Instant.ofEpochMilli(epochMillis);
      }
    }
    return this;
  }

  HintsBuilder bybitLimit(String value) {
    bybitLimit = boxed(value);
    return this;
  }

  HintsBuilder bybitLimitRemaining(String value) {
    bybitLimitRemaining = boxed(value);
    return this;
  }

  HintsBuilder bybitLimitResetAt(String value) {
    long epochMillis = value == null ? -1 : nonNegativeLong(value);
    bybitLimitResetAt = epochMillis >= 0 ? Instant.ofEpochMilli(epochMillis) : null;
    return this;
  }

  HintsBuilder binanceUsedWeight1m(String value) {
    binanceUsedWeight1m = boxed(value);
    return this;
  }

  /** One {@code X-MBX-ORDER-COUNT-<interval>} header; {@code interval} upper-case, such as {@code 10S}. */
  HintsBuilder binanceOrderCount(String interval, String value) {
    Long count = boxed(value);
    if (count != null) {
      if (binanceOrderCounts == null) {
        binanceOrderCounts = new LinkedHashMap<>();
      }
      binanceOrderCounts.put(interval, count);
    }
    return this;
  }

  RateLimitHints build() {
    if (retryAfter == null && bannedUntil == null && bybitLimit == null && bybitLimitRemaining == null
        && bybitLimitResetAt == null && binanceUsedWeight1m == null && binanceOrderCounts == null) {
      return RateLimitHints.NONE;
    }
    return new RateLimitHints(retryAfter, bannedUntil, bybitLimit, bybitLimitRemaining, bybitLimitResetAt,
        binanceUsedWeight1m, binanceOrderCounts);
  }

  private static Long boxed(String value) {
    long parsed = value == null ? -1 : nonNegativeLong(value);
    return parsed >= 0 ? parsed : null;
  }

  /**
   * A non-negative decimal integer, surrounding whitespace allowed; -1 when malformed. Digits beyond a long saturate
   * at {@link Long#MAX_VALUE}: an absurdly long wait is still a wait, which the interceptor caps, not "no hint".
   */
  static long nonNegativeLong(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && Character.isWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
      end--;
    }
    return nonNegativeLong(value, start, end);
  }

  private static long nonNegativeLong(String value, int start, int end) {
    if (start >= end) {
      return -1;
    }
    long result = 0;
    for (int i = start; i < end; i++) {
      char c = value.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      result = result > (Long.MAX_VALUE - (c - '0')) / 10 ? Long.MAX_VALUE : result * 10 + (c - '0');
    }
    return result;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
