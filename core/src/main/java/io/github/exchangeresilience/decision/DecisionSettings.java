package io.github.exchangeresilience.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings a decision reads: bounds on the waits and bans an answer can impose, and how long a ban or a
 * rejected key lasts when the exchange does not say.
 *
 * @param maxRateLimitWait the longest wait the exchange names that is honoured in-line; a longer one ends the call
 *     with the exchange's answer
 * @param maxServerWait the longest wait or ban an answer can impose; a longer one is held to it
 * @param defaultBanDuration a ban's length when the answer names none
 * @param rejectedKeyCooldown how long a key the exchange rejected fails locally
 */
public record DecisionSettings(Duration maxRateLimitWait, Duration maxServerWait, Duration defaultBanDuration,
    Duration rejectedKeyCooldown) {
  public DecisionSettings {
    Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
    Objects.requireNonNull(maxServerWait, "maxServerWait");
    Objects.requireNonNull(defaultBanDuration, "defaultBanDuration");
    Objects.requireNonNull(rejectedKeyCooldown, "rejectedKeyCooldown");
  }
}
