package io.github.exchangeresilience.exchange;

import java.util.Map;

/**
 * The headers in which an exchange reports its rate limits, each read into a named reading of the decoded answer's
 * hints. {@code Retry-After} is read for every exchange.
 *
 * @param used header name to limit name: how much of a limit is used
 * @param remaining header name to limit name: what is left of a limit
 * @param limits header name to limit name: the size of a limit
 * @param windowResetHeader the header of the moment the current window resets, in epoch milliseconds; {@code null}
 *     where there is none
 */
public record RateLimitHeaders(Map<String, String> used, Map<String, String> remaining, Map<String, String> limits,
    String windowResetHeader) {
  public static final RateLimitHeaders NONE = new RateLimitHeaders(Map.of(), Map.of(), Map.of(), null);

  public RateLimitHeaders {
    used = Map.copyOf(used);
    remaining = Map.copyOf(remaining);
    limits = Map.copyOf(limits);
  }
}
