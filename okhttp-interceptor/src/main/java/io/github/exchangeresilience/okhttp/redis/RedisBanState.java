package io.github.exchangeresilience.okhttp.redis;

import io.github.exchangeresilience.okhttp.BanState;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bans shared by every process that uses the same Redis and key prefix: a Binance 418 earned by one bot stops all the
 * bots on its IP before their next request. Each scope's ban is the key {@code <prefix>:ban:<scope>} holding the end
 * in epoch milliseconds, expiring with the ban; a later end replaces an earlier one atomically, never the reverse.
 *
 * <p>Every ban seen, whether recorded here or read from Redis, is also kept in local memory: while Redis is unavailable
 * the process keeps failing fast on the bans it knows, and when Redis answers again the ones still in force are
 * written back (a restarted Redis has forgotten them).
 */
public final class RedisBanState implements BanState {
  /**
   * The longest ban kept in Redis: a year, far beyond any documented ban, well within what Redis's {@code PX} takes.
   * The interceptor holds bans to its own {@code maxServerWait} before they get here; this bounds what another
   * writer (an older process, a hand-written key) can make every process believe.
   */
  public static final Duration MAX_SHARED_BAN = Duration.ofDays(365);

  /** SET with PX expiry unless the key holds a later or equal end: 1 if set, 0 if kept. */
  static final String LATER_END_WINS = """
      local current = redis.call('GET', KEYS[1])
      if current and tonumber(current) >= tonumber(ARGV[1]) then
        return 0
      end
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
      return 1
      """;

  private final RedisBackend backend;
  private final Clock clock;
  private final ConcurrentMap<String, Instant> known = new ConcurrentHashMap<>();

  private RedisBanState(RedisBackend backend, Clock clock) {
    this.backend = backend;
    this.clock = clock;
    backend.onRestore(this::writeBack);
  }

  public static RedisBanState create(RedisBackend backend) {
    return create(backend, Clock.systemUTC());
  }

  /** With the clock the expiry of each key is computed against; the interceptor's clock. */
  public static RedisBanState create(RedisBackend backend, Clock clock) {
    return new RedisBanState(Objects.requireNonNull(backend, "backend"), Objects.requireNonNull(clock, "clock"));
  }

  /** The Redis key of {@code scope}'s ban. */
  public String key(String scope) {
    return backend.keyPrefix() + ":ban:" + scope;
  }

  @Override
  public Optional<Instant> bannedUntil(String scope, Instant now) {
    Instant local = knownBan(scope, now);
    if (backend.isAvailable()) {
      try {
        String value = backend.call(redis -> redis.get(key(scope)));
        Instant shared = value != null ? bounded(Instant.ofEpochMilli(Long.parseLong(value)), now) : null;
        if (local != null && (shared == null || shared.isBefore(local))) {
          // Redis lost it (restarted between two calls of ours) or never had it: the others must stop too.
          write(scope, local);
        }
        if (shared != null && shared.isAfter(now)) {
          remember(scope, shared);
          return Optional.of(local != null && local.isAfter(shared) ? local : shared);
        }
      } catch (RedisUnavailableException | RedisCommandRejectedException e) {
        // answered from local memory below
      } catch (NumberFormatException e) {
        // not a value of ours: ignored
      }
    }
    return Optional.ofNullable(local);
  }

  @Override
  public void ban(String scope, Instant until) {
    Instant bounded = bounded(until, clock.instant());
    remember(scope, bounded);
    if (backend.isAvailable()) {
      try {
        write(scope, bounded);
      } catch (RedisUnavailableException e) {
        // kept locally, written back when Redis answers again
      } catch (RedisCommandRejectedException e) {
        // kept locally; Redis answers, so this is no outage (RedisBackend logs it)
      }
    }
  }

  /** {@code until}, held to {@link #MAX_SHARED_BAN} from {@code now}. */
  private static Instant bounded(Instant until, Instant now) {
    Instant latest = now.plus(MAX_SHARED_BAN);
    return until.isAfter(latest) ? latest : until;
  }

  private void write(String scope, Instant until) {
    long ttlMillis = until.toEpochMilli() - clock.millis();
    if (ttlMillis <= 0) {
      return;
    }
    String[] keys = {key(scope)};
    backend.call(redis -> redis.<Long>eval(LATER_END_WINS, ScriptOutputType.INTEGER, keys,
        Long.toString(until.toEpochMilli()), Long.toString(ttlMillis)));
  }

  /** After an outage: every ban still in force goes to Redis, so that processes that did not see it stop too. */
  private void writeBack() {
    Instant now = clock.instant();
    for (Map.Entry<String, Instant> ban : known.entrySet()) {
      if (ban.getValue().isAfter(now)) {
        try {
          write(ban.getKey(), ban.getValue());
        } catch (RedisCommandRejectedException e) {
          // this one stays local; the others still go back
        }
      } else {
        known.remove(ban.getKey(), ban.getValue());
      }
    }
  }

  private Instant knownBan(String scope, Instant now) {
    Instant until = known.get(scope);
    if (until == null) {
      return null;
    }
    if (!until.isAfter(now)) {
      known.remove(scope, until);
      return null;
    }
    return until;
  }

  private void remember(String scope, Instant until) {
    known.merge(scope, until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
  }
}
