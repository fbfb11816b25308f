package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.exchange.Signing;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * The receive window of a request signed before it reached the interceptor (by an SDK, or a signing interceptor added
 * before this one): read from the request as its exchange's specification says it carries them, the signature, the
 * signing timestamp and the window, each in a header or a parameter.
 */
final class OutsideSignatures {
  /** The longest window any exchange accepts (Binance caps recvWindow at 60 s); a larger number is not believed. */
  private static final long MAX_WINDOW_MILLIS = 60_000;

  private OutsideSignatures() {}

  /**
   * When {@code request}'s signature stops being accepted, or {@code null} when it carries none: its timestamp plus
   * its own window where it names one, else the exchange's default. A timestamp further from now than the window
   * (none, unreadable, or on a clock other than the interceptor's) counts from now: the window is what the exchange
   * allows, wherever it starts. The clock is read only for a signed request.
   */
  static Instant expiry(ExchangeRequest request, Clock clock) {
    Signing signing = request.spec().signing();
    boolean signed = (signing.signatureHeader() != null && request.request().header(signing.signatureHeader()) != null)
        || (signing.signatureParameter() != null && request.parameter(signing.signatureParameter()) != null);
    if (!signed) {
      return null;
    }
    Instant now = clock.instant();
    Instant signedAt = timestamp(value(request, signing.timestampHeader(), signing.timestampParameter()));
    Duration window = window(value(request, signing.recvWindowHeader(), signing.recvWindowParameter()),
        signing.receiveWindow());
    if (signedAt == null || Duration.between(signedAt, now).abs().compareTo(window) > 0) {
      signedAt = now;
    }
    return signedAt.plus(window);
  }

  private static String value(ExchangeRequest request, String header, String parameter) {
    String fromHeader = header != null ? request.request().header(header) : null;
    return fromHeader != null || parameter == null ? fromHeader : request.parameter(parameter);
  }

  /** Epoch milliseconds (Binance, Bybit, Bitget) or an ISO-8601 instant (OKX); {@code null} if neither. */
  private static Instant timestamp(String text) {
    if (text == null || text.isEmpty() || text.length() > 40) {
      return null;
    }
    try {
      if (text.chars().allMatch(Character::isDigit) && text.length() <= 15) {
        return Instant.ofEpochMilli(Long.parseLong(text));
      }
      return Instant.parse(text);
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  private static Duration window(String text, Duration fallback) {
    if (text == null || text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
      return fallback;
    }
    long millis = Long.parseLong(text);
    return millis > 0 && millis <= MAX_WINDOW_MILLIS ? Duration.ofMillis(millis) : fallback;
  }
}
