package io.github.exchangeresilience.okhttp;

import java.time.Instant;
import java.util.Optional;

/**
 * Where bans are remembered, per scope (an exchange's IP or account). The in-memory state is the default; a shared
 * one lets several processes on one IP stop together when one of them is banned.
 */
public interface BanState {
  /** The end of the ban in force on {@code scope} at {@code now}, if there is one. */
  Optional<Instant> bannedUntil(String scope, Instant now);

  /** Records a ban of {@code scope} until {@code until}; a later end replaces an earlier one, never the reverse. */
  void ban(String scope, Instant until);

  static BanState inMemory() {
    return new io.github.exchangeresilience.okhttp.internal.InMemoryBanState();
  }
}
