package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Base of every exception the interceptor throws. It extends {@link IOException} because that is what OkHttp lets
 * through an interceptor: a {@code RuntimeException} would break {@code Call.enqueue}.
 *
 * <p>It never carries a secret: the message names the method and path of the request, never its headers, query or
 * body.
 */
public abstract class ExchangeException extends IOException {
  private final Exchange exchange;
  private final String code;
  private final PolicyClass policyClass;
  private final int httpStatus;
  private final String exchangeMessage;
  private final Duration retryAfter;
  private final Instant bannedUntil;

  ExchangeException(String message, Exchange exchange, String code, PolicyClass policyClass, int httpStatus,
      String exchangeMessage, Duration retryAfter, Instant bannedUntil, Throwable cause) {
    super(message, cause);
    this.exchange = exchange;
    this.code = code;
    this.policyClass = policyClass;
    this.httpStatus = httpStatus;
    this.exchangeMessage = exchangeMessage == null ? "" : exchangeMessage;
    this.retryAfter = retryAfter;
    this.bannedUntil = bannedUntil;
  }

  public Exchange exchange() {
    return exchange;
  }

  /** The exchange's code, where the exchange answered with one. */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  public PolicyClass policyClass() {
    return policyClass;
  }

  /** The HTTP status of the answer, or 0 where there was none (local fail-fast, I/O failure). */
  public int httpStatus() {
    return httpStatus;
  }

  /** The exchange's own message, bounded in length; empty where there was none. */
  public String exchangeMessage() {
    return exchangeMessage;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public Optional<Instant> bannedUntil() {
    return Optional.ofNullable(bannedUntil);
  }
}
