package io.github.exchangeresilience.decision;

import io.github.exchangeresilience.catalog.PolicyClass;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The next step for a call, and the effects the transport carries out with it, in this order: record the attempt in
 * the circuit breaker ({@link #countsAgainstAvailability()}), ban the scope, pause the exchange, empty the rate
 * budgets, cool the key down; then the {@link #step()}. {@link #resyncClock()} applies only when a resend goes ahead.
 *
 * <p>Immutable; the common outcomes are shared constants, so a successful call allocates none.
 */
public final class Decision {
  private static final Decision SUCCESS = new Builder(PolicyClass.SUCCESS, Step.RETURN_RECONCILING_ITEMS).build();
  private static final Decision PARTIAL_SUCCESS =
      new Builder(PolicyClass.PARTIAL_SUCCESS, Step.RETURN_RECONCILING_ITEMS).build();
  private static final Decision REJECTED = new Builder(PolicyClass.REJECTED, Step.RETURN).build();

  private final PolicyClass handledAs;
  private final Step step;
  private final boolean countsAgainstAvailability;
  private final Instant banUntil;
  private final Instant pauseUntil;
  private final boolean drainBudgets;
  private final Instant keyCooldownUntil;
  private final boolean resyncClock;
  private final Duration cappedWait;

  private Decision(Builder builder) {
    this.handledAs = builder.handledAs;
    this.step = builder.step;
    this.countsAgainstAvailability = builder.countsAgainstAvailability;
    this.banUntil = builder.banUntil;
    this.pauseUntil = builder.pauseUntil;
    this.drainBudgets = builder.drainBudgets;
    this.keyCooldownUntil = builder.keyCooldownUntil;
    this.resyncClock = builder.resyncClock;
    this.cappedWait = builder.cappedWait;
  }

  static Decision success(boolean partial) {
    return partial ? PARTIAL_SUCCESS : SUCCESS;
  }

  static Decision rejected() {
    return REJECTED;
  }

  static Builder builder(PolicyClass handledAs, Step step) {
    return new Builder(handledAs, step);
  }

  /** The class the outcome is handled as, which may differ from the decoded one (see {@link Decider}). */
  public PolicyClass handledAs() {
    return handledAs;
  }

  public Step step() {
    return step;
  }

  /** Whether the circuit breaker records this attempt as a failure: UNAVAILABLE answers and I/O failures. */
  public boolean countsAgainstAvailability() {
    return countsAgainstAvailability;
  }

  /** The end of a ban of the caller's scope this answer imposed, or {@code null}. */
  public Instant banUntil() {
    return banUntil;
  }

  /** Until when every call to the exchange waits (a named wait), or {@code null}. */
  public Instant pauseUntil() {
    return pauseUntil;
  }

  /** Whether the rate budgets the request draws on are emptied, so that calls queued behind it wait too. */
  public boolean drainBudgets() {
    return drainBudgets;
  }

  /** Until when the key that was rejected fails locally, or {@code null}. */
  public Instant keyCooldownUntil() {
    return keyCooldownUntil;
  }

  /** Whether the clock is resynchronised before the resend. */
  public boolean resyncClock() {
    return resyncClock;
  }

  /** A wait or ban the answer named beyond {@code maxServerWait}, as named; it was held to the cap. */
  public Duration cappedWait() {
    return cappedWait;
  }

  @Override
  public String toString() {
    return "Decision{" + handledAs + " -> " + step
        + (banUntil != null ? ", ban until " + banUntil : "")
        + (pauseUntil != null ? ", pause until " + pauseUntil : "")
        + (drainBudgets ? ", drain budgets" : "")
        + (keyCooldownUntil != null ? ", key cools down until " + keyCooldownUntil : "")
        + (resyncClock ? ", resync clock" : "")
        + (cappedWait != null ? ", capped " + cappedWait : "") + "}";
  }

  static final class Builder {
    private final PolicyClass handledAs;
    private Step step;
    private boolean countsAgainstAvailability;
    private Instant banUntil;
    private Instant pauseUntil;
    private boolean drainBudgets;
    private Instant keyCooldownUntil;
    private boolean resyncClock;
    private Duration cappedWait;

    private Builder(PolicyClass handledAs, Step step) {
      this.handledAs = Objects.requireNonNull(handledAs, "handledAs");
      this.step = step;
    }

    Builder step(Step step) {
      this.step = step;
      return this;
    }

    Builder countsAgainstAvailability(boolean counts) {
      this.countsAgainstAvailability = counts;
      return this;
    }

    Builder banUntil(Instant until) {
      this.banUntil = until;
      return this;
    }

    Builder pauseUntil(Instant until) {
      this.pauseUntil = until;
      return this;
    }

    Builder drainBudgets() {
      this.drainBudgets = true;
      return this;
    }

    Builder keyCooldownUntil(Instant until) {
      this.keyCooldownUntil = until;
      return this;
    }

    Builder resyncClock() {
      this.resyncClock = true;
      return this;
    }

    Builder cappedWait(Duration named) {
      this.cappedWait = named;
      return this;
    }

    Decision build() {
      Objects.requireNonNull(step, "step");
      return new Decision(this);
    }
  }
}
