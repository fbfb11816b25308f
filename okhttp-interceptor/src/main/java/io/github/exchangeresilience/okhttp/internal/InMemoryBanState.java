package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.okhttp.BanState;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Bans held in this process only. */
public final class InMemoryBanState implements BanState {
  private final ConcurrentMap<String, Instant> bans = new ConcurrentHashMap<>();

  @Override
  public Optional<Instant> bannedUntil(String scope, Instant now) {
    Instant until = bans.get(scope);
    if (until == null) {
      return Optional.empty();
    }
    if (!until.isAfter(now)) {
      bans.remove(scope, until);
      return Optional.empty();
    }
    return Optional.of(until);
  }

  @Override
  public void ban(String scope, Instant until) {
    bans.merge(scope, until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
  }
}
