package io.github.exchangeresilience.samples.simulator;

/**
 * A budget counted in fixed windows aligned to the epoch: a one-minute window runs from one whole minute to the next,
 * whatever the time of the first request. Not thread-safe: the handler's lock guards it.
 */
final class FixedWindow {
  private final int permits;
  private final long sizeMillis;
  private long start = Long.MIN_VALUE;
  private int used;

  FixedWindow(int permits, long sizeMillis) {
    this.permits = permits;
    this.sizeMillis = sizeMillis;
  }

  static FixedWindow of(SimulatorConfig config, RateLimitRule rule) {
    return new FixedWindow(config.permits(rule), rule.window().toMillis());
  }

  private void roll(long now) {
    long current = Math.floorDiv(now, sizeMillis) * sizeMillis;
    if (current != start) {
      start = current;
      used = 0;
    }
  }

  /** Takes {@code units} if they fit in what is left of the current window; takes nothing otherwise. */
  boolean tryAcquire(long now, int units) {
    roll(now);
    if (used + units > permits) {
      return false;
    }
    used += units;
    return true;
  }

  int used(long now) {
    roll(now);
    return used;
  }

  int remaining(long now) {
    return Math.max(0, permits - used(now));
  }

  int permits() {
    return permits;
  }

  long windowStart(long now) {
    roll(now);
    return start;
  }

  long windowEnd(long now) {
    return windowStart(now) + sizeMillis;
  }

  /** Whole seconds until the window ends, rounded up and at least 1, as a {@code Retry-After} value. */
  long secondsToEnd(long now) {
    return secondsUntil(windowEnd(now), now);
  }

  static long secondsUntil(long endMillis, long now) {
    return Math.max(1, (endMillis - now + 999) / 1000);
  }
}
