package io.github.exchangeresilience.okhttp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.RateBudgetStore;
import io.github.exchangeresilience.okhttp.ResilienceOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two "processes" (two backends, each with its own connections) on one real redis-server of the test's own. */
class RedisSharedStateTest {
  /** An hour-long window: no test here runs across a window boundary but by a one-in-a-hundred-thousand chance. */
  private static final RateBudget HOURLY = RateBudget.allRequests("ip", 10, Duration.ofHours(1));
  private static final Duration NO_WAIT = Duration.ofMillis(1);

  private static RedisServer redis;
  private static RedisClient inspector;
  private static StatefulRedisConnection<String, String> inspect;
  private final List<RedisBackend> backends = new ArrayList<>();
  private String prefix;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.start();
    inspector = RedisClient.create(redis.uri());
    inspect = inspector.connect();
  }

  @AfterAll
  static void stopRedis() {
    inspect.close();
    inspector.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    redis.close();
  }

  @BeforeEach
  void freshPrefix() {
    prefix = "test-" + System.nanoTime();
  }

  @AfterEach
  void closeBackends() {
    backends.forEach(RedisBackend::close);
  }

  private RedisBackend process() {
    // A generous timeout: these tests are about sharing, and a busy CI machine must not make them fall back.
    RedisBackend backend = RedisBackend.builder(redis.uri()).keyPrefix(prefix).commandTimeout(Duration.ofSeconds(1))
        .build();
    backends.add(backend);
    return backend;
  }

  private static RedisRateBudgetStore store(RedisBackend backend) {
    return RedisRateBudgetStore.builder(backend).build();
  }

  @Test
  void twoProcessesTogetherNeverGetMoreThanTheLimitOfAWindow() {
    RateBudgetStore.Permits a = store(process()).permits(Exchange.BINANCE_USDM, HOURLY, NO_WAIT);
    RateBudgetStore.Permits b = store(process()).permits(Exchange.BINANCE_USDM, HOURLY, NO_WAIT);
    int granted = 0;
    for (int i = 0; i < 15; i++) {
      if (a.reserve(1) == 0) {
        granted++;
      }
      if (b.reserve(1) == 0) {
        granted++;
      }
    }
    assertThat(granted).isEqualTo(10);
    assertThat(a.reserve(1)).isEqualTo(-1);
    assertThat(backends).allMatch(RedisBackend::isAvailable);
  }

  @Test
  void concurrentReservationsFromBothProcessesStayWithinTheLimit() throws Exception {
    RateBudget budget = RateBudget.allRequests("ip", 50, Duration.ofHours(1));
    RateBudgetStore.Permits a = store(process()).permits(Exchange.BINANCE_USDM, budget, NO_WAIT);
    RateBudgetStore.Permits b = store(process()).permits(Exchange.BINANCE_USDM, budget, NO_WAIT);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        RateBudgetStore.Permits permits = t % 2 == 0 ? a : b;
        tasks.add(() -> {
          int mine = 0;
          for (int i = 0; i < 20; i++) {
            if (permits.reserve(1) == 0) {
              mine++;
            }
          }
          return mine;
        });
      }
      int granted = 0;
      for (Future<Integer> result : pool.invokeAll(tasks)) {
        granted += result.get();
      }
      assertThat(granted).isEqualTo(50);
      assertThat(backends).allMatch(RedisBackend::isAvailable);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aReservationBeyondTheWindowWaitsForTheNextOneOrIsRefused() {
    RedisRateBudgetStore storeA = store(process());
    RedisRateBudgetStore storeB = store(process());
    // One-second windows: tried again, on a fresh budget, in the rare case a window boundary passes meanwhile.
    for (int attempt = 0; attempt < 5; attempt++) {
      RateBudget perSecond = RateBudget.allRequests("second-" + attempt, 3, Duration.ofSeconds(1));
      RateBudgetStore.Permits a = storeA.permits(Exchange.BINANCE_USDM, perSecond, Duration.ofSeconds(3));
      RateBudgetStore.Permits b = storeB.permits(Exchange.BINANCE_USDM, perSecond, NO_WAIT);
      long window = System.currentTimeMillis() / 1000;
      long[] waits = {a.reserve(1), a.reserve(1), a.reserve(1), a.reserve(1), b.reserve(1)};
      if (System.currentTimeMillis() / 1000 != window) {
        continue;
      }
      assertThat(waits[0] + waits[1] + waits[2]).isZero();
      // The fourth permit is in the next window, whatever is left of this one.
      assertThat(waits[3]).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1).toNanos());
      // The window is spoken for: the other process, not willing to wait, is refused and reserves nothing.
      assertThat(waits[4]).isEqualTo(-1);
      // More than a whole window allows is never possible.
      assertThat(a.reserve(4)).isEqualTo(-1);
      assertThat(backends).allMatch(RedisBackend::isAvailable);
      return;
    }
    throw new AssertionError("a window boundary passed during every attempt");
  }

  @Test
  void aDrainByOneProcessEmptiesTheBudgetForTheOther() {
    RateBudgetStore.Permits a = store(process()).permits(Exchange.BINANCE_USDM, HOURLY, NO_WAIT);
    RateBudgetStore.Permits b = store(process()).permits(Exchange.BINANCE_USDM, HOURLY, NO_WAIT);
    assertThat(b.reserve(1)).isZero();
    a.drain();
    assertThat(b.reserve(1)).isEqualTo(-1);
    assertThat(a.reserve(1)).isEqualTo(-1);
  }

  @Test
  void budgetsAreKeyedByExchangeScopeAndNameAndScopesDoNotShare() {
    RedisRateBudgetStore ipOne = RedisRateBudgetStore.builder(process()).scope("ip-1").build();
    RedisRateBudgetStore ipTwo = RedisRateBudgetStore.builder(process()).scope("ip-2").build();
    assertThat(ipOne.key(Exchange.BINANCE_USDM, HOURLY)).isEqualTo(prefix + ":budget:binance-usdm:ip-1:ip");
    RateBudgetStore.Permits one = ipOne.permits(Exchange.BINANCE_USDM, HOURLY, NO_WAIT);
    RateBudgetStore.Permits two = ipTwo.permits(Exchange.BINANCE_USDM, HOURLY, NO_WAIT);
    one.drain();
    assertThat(one.reserve(1)).isEqualTo(-1);
    assertThat(two.reserve(1)).isZero();
    assertThat(inspect.sync().exists(ipOne.key(Exchange.BINANCE_USDM, HOURLY), ipTwo.key(Exchange.BINANCE_USDM,
        HOURLY))).isEqualTo(2);

    RedisRateBudgetStore perBudget = RedisRateBudgetStore.builder(process())
        .scope((exchange, budget) -> budget.scope() == RateBudget.Scope.ORDER_PLACEMENTS ? "account-7" : "ip-1")
        .build();
    assertThat(perBudget.key(Exchange.BINANCE_USDM, RateBudget.orderPlacements("orders", 1200,
        Duration.ofMinutes(1)))).isEqualTo(prefix + ":budget:binance-usdm:account-7:orders");
  }

  @Test
  void aBanByOneProcessIsSeenByTheOtherAndTheLaterEndWins() {
    RedisBanState a = RedisBanState.create(process());
    RedisBanState b = RedisBanState.create(process());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String scope = "binance-usdm:ip";
    assertThat(b.bannedUntil(scope, now)).isEmpty();

    a.ban(scope, now.plusSeconds(60));
    assertThat(b.bannedUntil(scope, now)).contains(now.plusSeconds(60));

    b.ban(scope, now.plusSeconds(30)); // an earlier end never shortens a ban
    assertThat(a.bannedUntil(scope, now)).contains(now.plusSeconds(60));
    assertThat(inspect.sync().get(a.key(scope))).isEqualTo(Long.toString(now.plusSeconds(60).toEpochMilli()));

    b.ban(scope, now.plusSeconds(120)); // a later one extends it, for everyone
    assertThat(a.bannedUntil(scope, now)).contains(now.plusSeconds(120));
    assertThat(inspect.sync().pttl(a.key(scope))).isBetween(100_000L, 120_000L);
    assertThat(a.bannedUntil(scope, now.plusSeconds(121))).isEmpty();
    assertThat(a.bannedUntil("okx:ip", now)).isEmpty();
  }

  @Test
  void aBanAnsweredToOneInterceptorStopsTheOtherBeforeItsNextRequest() throws Exception {
    try (MockWebServer exchange = new MockWebServer()) {
      long until = System.currentTimeMillis() + 60_000;
      exchange.enqueue(new MockResponse.Builder().code(418)
          .body("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until " + until
              + ". Please use the websocket for live updates to avoid bans.\"}")
          .build());
      exchange.start();
      OkHttpClient first = client(process());
      OkHttpClient second = client(process());
      Request request = new Request.Builder().url(exchange.url("/fapi/v1/time")).build();

      assertThatThrownBy(() -> first.newCall(request).execute().close())
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.BAN_IN_FORCE));
      assertThatThrownBy(() -> second.newCall(request).execute().close())
          .isInstanceOfSatisfying(FailFastException.class, e -> {
            assertThat(e.reason()).isEqualTo(FailFastException.Reason.BAN_IN_FORCE);
            assertThat(e.bannedUntil()).contains(Instant.ofEpochMilli(until));
          });
      assertThat(exchange.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aBanRedisLostIsWrittenBackByAProcessThatKnowsIt() {
    RedisBanState a = RedisBanState.create(process());
    RedisBanState b = RedisBanState.create(process());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    a.ban("bybit:ip", now.plusSeconds(600));
    inspect.sync().del(a.key("bybit:ip")); // a restart no call of ours noticed
    assertThat(b.bannedUntil("bybit:ip", now)).isEmpty();

    assertThat(a.bannedUntil("bybit:ip", now)).contains(now.plusSeconds(600));
    assertThat(b.bannedUntil("bybit:ip", now)).contains(now.plusSeconds(600));
  }

  @Test
  void aBanBeyondWhatRedisTakesIsKeptCappedAndRedisStaysInUse() {
    RedisBackend backendA = process();
    RedisBanState a = RedisBanState.create(backendA);
    RedisBanState b = RedisBanState.create(process());
    Instant now = Instant.now();

    a.ban("binance-usdm:ip", Instant.ofEpochMilli(Long.MAX_VALUE));

    assertThat(backendA.isAvailable()).as("a refused argument is no outage").isTrue();
    assertThat(b.bannedUntil("binance-usdm:ip", now)).hasValueSatisfying(until -> assertThat(until)
        .isBetween(now.plus(RedisBanState.MAX_SHARED_BAN).minusSeconds(5), now.plus(RedisBanState.MAX_SHARED_BAN)
            .plusSeconds(5)));
    assertThat(inspect.sync().pttl(a.key("binance-usdm:ip")))
        .isPositive().isLessThanOrEqualTo(RedisBanState.MAX_SHARED_BAN.toMillis());

    // A value another writer left beyond the bound is read back within it too.
    inspect.sync().set(a.key("okx:ip"), Long.toString(Long.MAX_VALUE));
    assertThat(b.bannedUntil("okx:ip", now)).hasValueSatisfying(until -> assertThat(until)
        .isBeforeOrEqualTo(now.plus(RedisBanState.MAX_SHARED_BAN)));
  }

  @Test
  void anAbsurdBanAnsweredToOneInterceptorReachesTheOtherCappedAtMaxServerWait() throws Exception {
    try (MockWebServer exchange = new MockWebServer()) {
      exchange.enqueue(new MockResponse.Builder().code(418)
          .body("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 9223372036854775807.\"}")
          .build());
      exchange.start();
      RedisBackend firstBackend = process();
      OkHttpClient first = client(firstBackend);
      OkHttpClient second = client(process());
      Request request = new Request.Builder().url(exchange.url("/fapi/v1/time")).build();
      Instant before = Instant.now();

      assertThatThrownBy(() -> first.newCall(request).execute().close())
          .isInstanceOfSatisfying(FailFastException.class,
              e -> assertThat(e.reason()).isEqualTo(FailFastException.Reason.BAN_IN_FORCE));
      assertThatThrownBy(() -> second.newCall(request).execute().close())
          .isInstanceOfSatisfying(FailFastException.class, e -> assertThat(e.bannedUntil()).hasValueSatisfying(
              until -> assertThat(until).isBetween(before.plus(ResilienceOptions.DEFAULT_MAX_SERVER_WAIT),
                  Instant.now().plus(ResilienceOptions.DEFAULT_MAX_SERVER_WAIT))));
      assertThat(firstBackend.isAvailable()).isTrue();
      assertThat(exchange.getRequestCount()).isEqualTo(1);
    }
  }

  private OkHttpClient client(RedisBackend backend) {
    return new OkHttpClient.Builder()
        .addInterceptor(ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
            .rateBudgetStore(RedisRateBudgetStore.builder(backend).build())
            .banState(RedisBanState.create(backend))
            .build())
        .build();
  }

  @Test
  void keysAreShortLivedAndUnderThePrefix() {
    RedisRateBudgetStore store = store(process());
    RateBudget perSecond = RateBudget.allRequests("ip", 5, Duration.ofSeconds(1));
    store.permits(Exchange.OKX, perSecond, NO_WAIT).reserve(1);
    String key = store.key(Exchange.OKX, perSecond);
    assertThat(inspect.sync().keys(prefix + ":budget:*")).containsExactly(key);
    assertThat(inspect.sync().pttl(key)).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1).plusSeconds(1)
        .toMillis());
  }
}
