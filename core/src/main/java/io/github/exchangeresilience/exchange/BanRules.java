package io.github.exchangeresilience.exchange;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * When an exchange's answer is a ban of the caller's scope (its IP), under which every call fails locally until the
 * ban ends.
 *
 * @param bannedUntilCodes codes whose message may say "banned until &lt;epoch ms&gt;" (Binance -1003)
 * @param bannedUntilStatuses statuses whose message may say so (Binance 418, 429)
 * @param statusBans statuses that are bans, with their documented length; {@link #AS_RETRY_AFTER} where the
 *     answer's {@code Retry-After} says it, or else the interceptor's default ban duration
 * @param codeBans codes that are bans, with their documented length
 */
public record BanRules(Set<String> bannedUntilCodes, Set<Integer> bannedUntilStatuses,
    Map<Integer, Duration> statusBans, Map<String, Duration> codeBans) {
  /** A ban as long as the answer's {@code Retry-After}, else the interceptor's default. */
  public static final Duration AS_RETRY_AFTER = Duration.ZERO;

  public static final BanRules NONE = new BanRules(Set.of(), Set.of(), Map.of(), Map.of());

  public BanRules {
    bannedUntilCodes = Set.copyOf(bannedUntilCodes);
    bannedUntilStatuses = Set.copyOf(bannedUntilStatuses);
    statusBans = Map.copyOf(statusBans);
    codeBans = Map.copyOf(codeBans);
  }

  /** Whether the message of an answer with this code or status may name the end of a ban. */
  public boolean mayNameBanEnd(String code, int httpStatus) {
    return (code != null && bannedUntilCodes.contains(code)) || bannedUntilStatuses.contains(httpStatus);
  }
}
