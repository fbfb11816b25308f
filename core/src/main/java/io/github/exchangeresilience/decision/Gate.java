package io.github.exchangeresilience.decision;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a call may be sent now, from the state the transport is told: bans, key cool-downs and the exchange's
 * pause.
 *
 * @param verdict proceed, wait, or refuse locally
 * @param duration how long to wait first, or how long until the refusal ends; {@code null} where neither applies
 * @param bannedUntil the end of the ban in force, for {@link Verdict#BANNED}
 */
public record Gate(Verdict verdict, Duration duration, Instant bannedUntil) {
  /** What the transport does before sending. */
  public enum Verdict {
    /** Send. */
    PROCEED,
    /** Wait out the exchange's pause, then send. */
    WAIT,
    /** A ban is in force: refuse locally. */
    BANNED,
    /** The key was rejected a moment ago: refuse locally. */
    KEY_COOLING_DOWN,
    /** The exchange's pause is longer than the wait allowed in-line: refuse locally. */
    PAUSED
  }

  public static final Gate PROCEED = new Gate(Verdict.PROCEED, null, null);
}
