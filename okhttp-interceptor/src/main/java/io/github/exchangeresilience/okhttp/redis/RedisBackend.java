package io.github.exchangeresilience.okhttp.redis;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Redis server shared by the processes of a trading system, as {@link RedisRateBudgetStore} and
 * {@link RedisBanState} use it: its Lettuce connections, the key prefix, and whether Redis answers at the moment.
 *
 * <p>Every command waits at most the command timeout (50 ms by default). The first command that fails or times out
 * marks Redis unavailable: from then on the stores answer from local memory without asking Redis, and a background
 * thread pings it every probe interval (1 s by default) until it answers, then the stores use it again. Construction
 * never fails because Redis is down: the stores start on their local fallback and switch over once it answers.
 *
 * <p>Close it when the application stops; a client passed to {@link #builder(RedisClient)} is not shut down.
 */
public final class RedisBackend implements AutoCloseable {
  public static final String DEFAULT_KEY_PREFIX = "exchange-resilience";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(50);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(RedisBackend.class.getName());
  private static final RedisCodec<String, byte[]> STRING_BYTES = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final RedisClient client;
  private final boolean ownsClient;
  private final String keyPrefix;
  private final Duration commandTimeout;
  private final Duration probeInterval;
  private final ScheduledExecutorService prober;
  private final List<Runnable> restoreHooks = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> loggedRefusals = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Object connectLock = new Object();
  private volatile Connections connections;
  private volatile boolean available;
  private volatile boolean closed;

  /** The two connections: text for bans and pings, bytes for Bucket4j's bucket states. */
  private record Connections(StatefulRedisConnection<String, String> text,
      StatefulRedisConnection<String, byte[]> bytes, LettuceBasedProxyManager<String> buckets) {}

  private RedisBackend(Builder builder) {
    this.ownsClient = builder.client == null;
    this.commandTimeout = builder.commandTimeout;
    this.probeInterval = builder.probeInterval;
    this.keyPrefix = builder.keyPrefix;
    if (ownsClient) {
      RedisClient created = RedisClient.create(builder.uri);
      created.setOptions(ClientOptions.builder()
          // While disconnected, fail at once instead of queueing commands that would run late.
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .autoReconnect(true)
          .timeoutOptions(TimeoutOptions.enabled(builder.commandTimeout))
          .socketOptions(SocketOptions.builder().connectTimeout(builder.connectTimeout).build())
          .build());
      this.client = created;
    } else {
      this.client = builder.client;
    }
    this.prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "exchange-resilience-redis-probe");
      thread.setDaemon(true);
      return thread;
    });
    try {
      connect();
      available = true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "exchange-resilience: Redis is unreachable at start ({0}); rate budgets and bans are"
          + " kept locally until it answers", describe(e));
    }
    prober.scheduleWithFixedDelay(this::probe, probeInterval.toNanos(), probeInterval.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /** A backend with a client of its own for {@code uri}, such as {@code redis://localhost:6379/0}. */
  public static Builder builder(String uri) {
    return new Builder(RedisURI.create(Objects.requireNonNull(uri, "uri")), null);
  }

  public static Builder builder(RedisURI uri) {
    return new Builder(Objects.requireNonNull(uri, "uri"), null);
  }

  /**
   * A backend on the application's own Lettuce client: it opens two connections of its own on it and closes them
   * on {@link #close()}, leaving the client running. Commands still wait at most the command timeout; a client set
   * to reject commands while disconnected ({@code ClientOptions.DisconnectedBehavior.REJECT_COMMANDS}) notices an
   * outage soonest.
   */
  public static Builder builder(RedisClient client) {
    return new Builder(null, Objects.requireNonNull(client, "client"));
  }

  /** Whether Redis answered the last command: when false, the stores use their local fallback. */
  public boolean isAvailable() {
    return available && !closed;
  }

  /** The prefix of every key: {@code <prefix>:budget:...} and {@code <prefix>:ban:...}. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** The longest any one Redis command is waited for. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /**
   * Runs a text command, waiting at most the command timeout; marks Redis unavailable if it fails or times out. A
   * command Redis refuses for its arguments throws {@link RedisCommandRejectedException} and leaves it in use.
   */
  <T> T call(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
    Connections current = requireConnections();
    RedisFuture<T> future = command.apply(current.text().async());
    try {
      return future.get(commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new RedisUnavailableException("interrupted while waiting for Redis", e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw failed(new RedisUnavailableException("no answer from Redis within " + commandTimeout.toMillis() + " ms",
          e));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RedisCommandExecutionException refused) {
        // Redis answered with an error about this command: it is up. Said once per kind of refusal.
        if (loggedRefusals.add(describe(refused))) {
          LOG.log(Level.WARNING, "exchange-resilience: Redis refused a command ({0}); kept locally, Redis stays in"
              + " use (logged once)", describe(refused));
        }
        throw new RedisCommandRejectedException("Redis refused the command: " + describe(refused), refused);
      }
      throw failed(new RedisUnavailableException("Redis command failed: " + describe(e.getCause()), e.getCause()));
    } catch (RuntimeException e) {
      throw failed(new RedisUnavailableException("Redis command failed: " + describe(e), e));
    }
  }

  /** The shared Bucket4j bucket under {@code key}, created with {@code configuration} when absent. */
  BucketProxy bucket(String key, Supplier<BucketConfiguration> configuration) {
    return requireConnections().buckets().builder().build(key, configuration);
  }

  /** Called when a command failed: the stores use local memory until a probe finds Redis answering again. */
  RedisUnavailableException failed(RedisUnavailableException failure) {
    if (Thread.currentThread().isInterrupted()) {
      return failure; // the caller was interrupted: says nothing about Redis
    }
    if (available) {
      available = false;
      LOG.log(Level.WARNING, "exchange-resilience: Redis unavailable ({0}); rate budgets fall back to each"
          + " process''s local share and bans are kept locally until it answers again", failure.getMessage());
    }
    return failure;
  }

  /** Runs when Redis answers again after an outage, before the stores use it again; it may throw to stay local. */
  void onRestore(Runnable hook) {
    restoreHooks.add(Objects.requireNonNull(hook, "hook"));
  }

  private Connections requireConnections() {
    Connections current = connections;
    if (current == null || closed) {
      throw new RedisUnavailableException("not connected to Redis", null);
    }
    return current;
  }

  private void connect() {
    synchronized (connectLock) {
      if (connections != null) {
        return;
      }
      StatefulRedisConnection<String, String> text = client.connect(StringCodec.UTF8);
      StatefulRedisConnection<String, byte[]> bytes;
      try {
        bytes = client.connect(STRING_BYTES);
      } catch (RuntimeException e) {
        text.close();
        throw e;
      }
      LettuceBasedProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(bytes)
          .requestTimeout(commandTimeout)
          // A budget's state outlives a full window by one more, then Redis forgets it.
          .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
              Duration.ofMinutes(1)))
          .build();
      connections = new Connections(text, bytes, buckets);
      warmUp(buckets);
    }
  }

  /**
   * One reservation on a throwaway bucket, so that the first call's command timeout is not spent loading Bucket4j's
   * classes and serializers. Its failure means nothing.
   */
  private void warmUp(LettuceBasedProxyManager<String> buckets) {
    try {
      buckets.builder()
          .build(keyPrefix + ":warm-up", () -> BucketConfiguration.builder()
              .addLimit(limit -> limit.capacity(1).refillIntervally(1, Duration.ofSeconds(1)))
              .build())
          .tryConsume(1);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "exchange-resilience: Redis warm-up failed: {0}", describe(e));
    }
  }

  /** Pings Redis while it is unavailable; once it answers, runs the restore hooks and uses it again. */
  private void probe() {
    if (available || closed) {
      return;
    }
    try {
      connect();
      // Both connections: the budgets' may still be reconnecting when the bans' answers, and a reservation on it
      // would fail and switch back to the local share at once.
      String pong = connections.text().async().ping().get(commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
      String bytesPong = connections.bytes().async().ping().get(commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
      if (!"PONG".equalsIgnoreCase(pong) || !"PONG".equalsIgnoreCase(bytesPong)) {
        return;
      }
      for (Runnable hook : restoreHooks) {
        hook.run();
      }
      available = true;
      LOG.log(Level.INFO, "exchange-resilience: Redis answers again; rate budgets and bans are shared again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "exchange-resilience: Redis still unavailable: {0}", describe(e));
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
  }

  /** Stops probing and closes the connections; the client too if it was created here. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    prober.shutdownNow();
    Connections current = connections;
    if (ownsClient) {
      client.shutdown(0, 2, TimeUnit.SECONDS); // closes the connections too
    } else if (current != null) {
      current.text().close();
      current.bytes().close();
    }
  }

  /** Settings of a {@link RedisBackend}. */
  public static final class Builder {
    private final RedisURI uri;
    private final RedisClient client;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration probeInterval = DEFAULT_PROBE_INTERVAL;

    private Builder(RedisURI uri, RedisClient client) {
      this.uri = uri;
      this.client = client;
    }

    /** The prefix of every key; {@code exchange-resilience} by default. */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.isBlank()) {
        throw new IllegalArgumentException("keyPrefix must not be blank");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** The longest a call waits for one Redis command before using local memory; 50 ms by default. */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = positive(commandTimeout, "commandTimeout");
      return this;
    }

    /** The connect timeout of a client created here; 1 s by default. Connecting never happens on a call. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** How often an unavailable Redis is pinged; 1 s by default. */
    public Builder probeInterval(Duration probeInterval) {
      this.probeInterval = positive(probeInterval, "probeInterval");
      return this;
    }

    public RedisBackend build() {
      return new RedisBackend(this);
    }

    private static Duration positive(Duration duration, String what) {
      Objects.requireNonNull(duration, what);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + duration);
      }
      return duration;
    }
  }
}
