package io.github.exchangeresilience.okhttp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.RateBudgetStore;
import io.github.exchangeresilience.okhttp.metrics.ExchangeResilienceMetrics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Redis killed mid-run and restarted: calls never notice, the fallback is counted, and sharing resumes. */
class RedisOutageTest {
  private static final RateBudget BUDGET = RateBudget.allRequests("ip", 200, Duration.ofSeconds(1));

  @Test
  void killingRedisMidRunFallsBackLocallyAndSharingResumesWhenItIsBack() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ExchangeResilienceMetrics metrics = ExchangeResilienceMetrics.of(meters);
    try (RedisServer redis = RedisServer.start();
        SimulatedBinance exchange = new SimulatedBinance(1000, 1000, 3, 60_000);
        RedisBackend backend = RedisBackend.builder(redis.uri())
            // Ten times the default: this test is about falling back and coming back, and on a loaded machine a
            // healthy Redis may take longer than 50 ms, which would count as a fallback where none is expected.
            .commandTimeout(Duration.ofMillis(500))
            .probeInterval(Duration.ofMillis(100))
            .build()) {
      RedisRateBudgetStore store = RedisRateBudgetStore.builder(backend).localShare(0.5).listener(metrics).build();
      RedisBanState bans = RedisBanState.create(backend);
      OkHttpClient client = new OkHttpClient.Builder()
          .addInterceptor(ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
              .rateBudgets(Exchange.BINANCE_USDM, List.of(BUDGET))
              .rateBudgetStore(store)
              .banState(bans)
              .listener(metrics)
              .build())
          .build();
      Request time = new Request.Builder().url(exchange.baseUrl() + "/fapi/v1/time").build();

      callsSucceed(client, time, 20);
      assertThat(fallbacks(meters)).isZero();
      try (RedisClient inspector = RedisClient.create(redis.uri());
          StatefulRedisConnection<String, String> inspect = inspector.connect()) {
        assertThat(inspect.sync().exists(store.key(Exchange.BINANCE_USDM, BUDGET))).isEqualTo(1);
      }

      redis.kill();
      long start = System.nanoTime();
      int requestsBefore = exchange.requests();
      callsSucceed(client, time, 30);
      Duration outageCalls = Duration.ofNanos(System.nanoTime() - start);
      assertThat(backend.isAvailable()).isFalse();
      // Every request that went out during the outage drew on the local share: 30, or a few more where a loaded
      // machine made an attempt time out and go again.
      assertThat(fallbacks(meters)).isEqualTo(exchange.requests() - requestsBefore).isGreaterThanOrEqualTo(30);
      // 30 calls, the first of which found Redis gone: nothing hung on it beyond one command timeout (100 permits
      // a second locally).
      assertThat(outageCalls).isLessThan(Duration.ofSeconds(3));
      // A ban seen during the outage is kept locally...
      Instant banEnd = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
      bans.ban("okx:ip", banEnd);
      assertThat(bans.bannedUntil("okx:ip", Instant.now())).contains(banEnd);

      redis.restart(); // empty: it has forgotten every budget and ban
      await(backend::isAvailable, Duration.ofSeconds(10));
      double fallbacksBefore = fallbacks(meters);
      callsSucceed(client, time, 20);
      assertThat(fallbacks(meters)).isEqualTo(fallbacksBefore);
      try (RedisClient inspector = RedisClient.create(redis.uri());
          StatefulRedisConnection<String, String> inspect = inspector.connect()) {
        // ...and written back when Redis returns, since it is still in force.
        assertThat(inspect.sync().get(bans.key("okx:ip"))).isEqualTo(Long.toString(banEnd.toEpochMilli()));
        // The shared budget is in use again.
        assertThat(inspect.sync().exists(store.key(Exchange.BINANCE_USDM, BUDGET))).isEqualTo(1);
      }
      assertThat(exchange.tooManyRequests() + exchange.banned()).isZero();
    }
  }

  @Test
  void aRedisDownAtStartIsUsedOnceItAnswers() throws Exception {
    RedisServer redis = RedisServer.notStarted();
    try (RedisBackend backend = RedisBackend.builder(redis.uri()).probeInterval(Duration.ofMillis(100)).build()) {
      assertThat(backend.isAvailable()).isFalse();
      int[] fallbacks = {0};
      RedisRateBudgetStore store = RedisRateBudgetStore.builder(backend)
          .listener(new io.github.exchangeresilience.okhttp.ResilienceListener() {
            @Override
            public void onBudgetFallback(Exchange exchange, String budget) {
              fallbacks[0]++;
            }
          })
          .build();
      RateBudgetStore.Permits permits = store.permits(Exchange.BYBIT, BUDGET, Duration.ofMillis(1));
      // Locally, 0.2 of 200: 40 permits in this window at most.
      int granted = 0;
      for (int i = 0; i < 50; i++) {
        if (permits.reserve(1) == 0) {
          granted++;
        }
      }
      assertThat(granted).isBetween(40, 50); // 40, or more if a window boundary passed meanwhile
      assertThat(fallbacks[0]).isEqualTo(50);

      redis.restart();
      await(backend::isAvailable, Duration.ofSeconds(10));
      assertThat(permits.reserve(1)).isZero();
      assertThat(fallbacks[0]).isEqualTo(50);
    } finally {
      redis.close();
    }
  }

  private static void callsSucceed(OkHttpClient client, Request request, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      try (Response response = client.newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
    }
  }

  private static double fallbacks(SimpleMeterRegistry meters) {
    return meters.find(ExchangeResilienceMetrics.BUDGET_FALLBACKS)
        .tags("exchange", "binance-usdm", "budget", "ip")
        .counters().stream().mapToDouble(counter -> counter.count()).sum();
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s", timeout).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
