package io.github.exchangeresilience.samples.benchmarks;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time of one goodput run, shared by the simulator, the clients' rate limiters and every wait. It stands still at
 * its origin (the start of a whole minute, so that every exchange window starts with the run) until {@link #start()},
 * then runs {@code scale} times faster than real time: with a scale of 20, Binance's one-minute weight window lasts
 * 3 s of real time. Everything that counts or waits reads this clock, so the run is the same as one in real time, only
 * shorter; with a scale of 1 it is real time.
 *
 * <p>The run ends at {@code end}. A wait that would go past it ends there with {@link RunOver}, and so does a request
 * about to be sent after it ({@link #gate()}), so nothing reaches the simulator once the run is over.
 */
final class ScenarioClock extends Clock {
  static final Instant ORIGIN = Instant.parse("2025-01-01T00:00:00Z");

  private final long originMillis = ORIGIN.toEpochMilli();
  private final int scale;
  private final long endMillis;
  private volatile long startNanos;
  private volatile boolean started;

  ScenarioClock(int scale, Duration length) {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1: " + scale);
    }
    this.scale = scale;
    this.endMillis = originMillis + length.toMillis();
  }

  void start() {
    startNanos = System.nanoTime();
    started = true;
  }

  int scale() {
    return scale;
  }

  boolean over() {
    return millis() >= endMillis;
  }

  long endMillis() {
    return endMillis;
  }

  @Override
  public long millis() {
    if (!started) {
      return originMillis;
    }
    return originMillis + (System.nanoTime() - startNanos) * scale / 1_000_000L;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone.normalized())) {
      throw new UnsupportedOperationException("UTC only");
    }
    return this;
  }

  /** Sleeps {@code duration} of this clock's time; if that passes the end, sleeps to the end and ends the run. */
  void sleep(Duration duration) throws RunOver {
    sleepUntil(millis() + Math.max(0, duration.toMillis()) + (duration.toNanosPart() % 1_000_000 > 0 ? 1 : 0));
  }

  /** Sleeps until {@code targetMillis} of this clock's time, or to the end of the run, which then ends. */
  void sleepUntil(long targetMillis) throws RunOver {
    boolean pastEnd = targetMillis >= endMillis;
    long target = Math.min(targetMillis, endMillis);
    long now;
    while ((now = millis()) < target) {
      long realNanos = Math.max(1, (target - now) * 1_000_000L / scale);
      try {
        Thread.sleep(realNanos / 1_000_000L, (int) (realNanos % 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunOver();
      }
    }
    if (pastEnd) {
      throw runOver();
    }
  }

  /** Throws {@link RunOver} if the run is over: called before each request leaves. */
  void gate() throws RunOver {
    if (over()) {
      throw runOver();
    }
  }

  /**
   * The thread's interrupt flag is set with it, so that the interceptor, which treats an interrupt as the end of the
   * call, hands it back at once without retrying; the worker clears the flag.
   */
  private static RunOver runOver() {
    Thread.currentThread().interrupt();
    return new RunOver();
  }

  /** The run is over: the worker that meets it stops. */
  static final class RunOver extends InterruptedIOException {
    RunOver() {
      super("the run is over");
    }
  }
}
