package io.github.exchangeresilience.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings a decision reads: bounds on the waits and bans an answer can impose, how long a ban or a rejected key
 * lasts when the exchange does not say, and whether final refusals are handed back as the exchange gave them.
 *
 * @param maxRateLimitWait the longest wait the exchange names that is honoured in-line; a longer one ends the call
 *     with the exchange's answer
 * @param maxServerWait the longest wait or ban an answer can impose; a longer one is held to it
 * @param defaultBanDuration a ban's length when the answer names none
 * @param rejectedKeyCooldown how long a key the exchange rejected fails locally
 * @param handBackAnswers whether a final refusal (AUTH, ACCOUNT_RESTRICTED, an answer that bans) is handed back
 *     unchanged, like every other final answer, rather than failing the call: for an SDK that raises its own typed
 *     exceptions from the exchange's answer. The effects (the key's cool-down, the ban) apply all the same
 */
public record DecisionSettings(Duration maxRateLimitWait, Duration maxServerWait, Duration defaultBanDuration,
    Duration rejectedKeyCooldown, boolean handBackAnswers) {
  public DecisionSettings {
    Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
    Objects.requireNonNull(maxServerWait, "maxServerWait");
    Objects.requireNonNull(defaultBanDuration, "defaultBanDuration");
    Objects.requireNonNull(rejectedKeyCooldown, "rejectedKeyCooldown");
  }

  /** Final refusals fail the call (the default). */
  public DecisionSettings(Duration maxRateLimitWait, Duration maxServerWait, Duration defaultBanDuration,
      Duration rejectedKeyCooldown) {
    this(maxRateLimitWait, maxServerWait, defaultBanDuration, rejectedKeyCooldown, false);
  }
}
