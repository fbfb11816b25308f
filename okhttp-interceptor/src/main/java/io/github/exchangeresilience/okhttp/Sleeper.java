package io.github.exchangeresilience.okhttp;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Waits between attempts. Replaceable so that tests run without real waits. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps on the calling thread; an interrupt ends the call with {@link InterruptedIOException}. */
  Sleeper SYSTEM = duration -> {
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
      interrupted.initCause(e);
      throw interrupted;
    }
  };

  void sleep(Duration duration) throws InterruptedIOException;
}
