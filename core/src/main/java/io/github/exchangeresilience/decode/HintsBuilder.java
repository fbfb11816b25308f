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
  private Instant windowResetAt;
  private Map<String, Long> used;
  private Map<String, Long> remaining;
  private Map<String, Long> limits;

  /** {@code Retry-After}: delta-seconds, or an HTTP date turned into the wait from now (zero once it is past). */
  HintsBuilder retryAfter(String value) {
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

  /** Whether {@code message} says "banned until" at all: the cheap test, before the code and status are asked. */
  static boolean mayNameBanEnd(String message) {
    return message != null && message.contains(BANNED_UNTIL);
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

  /** The moment a rate window resets, in epoch milliseconds. */
  HintsBuilder windowResetAt(String value) {
    long epochMillis = value == null ? -1 : nonNegativeLong(value);
    windowResetAt = epochMillis >= 0 ? Instant.ofEpochMilli(epochMillis) : null;
    return this;
  }

  HintsBuilder used(String limit, String value) {
    used = put(used, limit, value);
    return this;
  }

  HintsBuilder remaining(String limit, String value) {
    remaining = put(remaining, limit, value);
    return this;
  }

  HintsBuilder limit(String limit, String value) {
    limits = put(limits, limit, value);
    return this;
  }

  /** Most answers carry one reading of a kind: an immutable map of one, which {@link RateLimitHints} keeps as is. */
  private static Map<String, Long> put(Map<String, Long> readings, String limit, String value) {
    Long reading = boxed(value);
    if (reading == null) {
      return readings;
    }
    if (readings == null) {
      return Map.of(limit, reading);
    }
    Map<String, Long> map = new LinkedHashMap<>(readings);
    map.put(limit, reading);
    return map;
  }

  RateLimitHints build() {
    if (retryAfter == null && bannedUntil == null && windowResetAt == null && used == null && remaining == null
        && limits == null) {
      return RateLimitHints.NONE;
    }
    return new RateLimitHints(retryAfter, bannedUntil, windowResetAt, used, remaining, limits);
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
      int digit = c - '0';
      // Below a tenth of the largest long, one more digit cannot overflow: no division on the way there.
      result = result < Long.MAX_VALUE / 10 ? result * 10 + digit
          : result > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : result * 10 + digit;
    }
    return result;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
