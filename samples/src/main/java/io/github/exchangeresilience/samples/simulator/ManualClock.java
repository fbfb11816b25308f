package io.github.exchangeresilience.samples.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told to, so tests can cross rate-limit windows and outlast bans without sleeping. Safe
 * to advance from a test thread while the simulator's threads read it.
 */
public final class ManualClock extends Clock {
  private volatile long millis;

  public ManualClock(Instant start) {
    this.millis = start.toEpochMilli();
  }

  /** A clock at the start of a whole minute, so every fixed window begins at a predictable instant. */
  public static ManualClock atMinuteStart() {
    return new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
  }

  public synchronized void advance(Duration duration) {
    millis += duration.toMillis();
  }

  public synchronized void set(Instant instant) {
    millis = instant.toEpochMilli();
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Returns this clock for UTC; the simulator's clock has no other zone, since exchanges speak epoch milliseconds. */
  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone.normalized())) {
      throw new UnsupportedOperationException("The simulator's clock is always UTC");
    }
    return this;
  }
}
