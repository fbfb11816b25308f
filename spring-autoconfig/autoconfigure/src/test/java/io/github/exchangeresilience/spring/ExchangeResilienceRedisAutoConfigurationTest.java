package io.github.exchangeresilience.spring;

import io.github.exchangeresilience.okhttp.redis.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.BanState;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.RateBudgetStore;
import io.github.exchangeresilience.okhttp.metrics.ExchangeResilienceMetrics;
import io.github.exchangeresilience.okhttp.redis.RedisBackend;
import io.github.exchangeresilience.okhttp.redis.RedisBanState;
import io.github.exchangeresilience.okhttp.redis.RedisRateBudgetStore;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** exchange-resilience.budget.redis.*: on, off, missing classes, and reuse of the application's Redis client. */
class ExchangeResilienceRedisAutoConfigurationTest {
  private static final RateBudget BINANCE_IP = RateBudget.allRequests("ip", 2400, Duration.ofMinutes(1));
  private static RedisServer redis;
  private static RedisClient inspector;
  private static StatefulRedisConnection<String, String> inspect;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ExchangeResilienceAutoConfiguration.class,
          ExchangeResilienceRedisAutoConfiguration.class));
  private MockWebServer server;
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
    inspector.shutdown(0, 2, TimeUnit.SECONDS);
    redis.close();
  }

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    prefix = "spring-" + System.nanoTime();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ApplicationContextRunner enabled() {
    return runner.withPropertyValues("exchange-resilience.budget.redis.enabled=true",
        "exchange-resilience.budget.redis.key-prefix=" + prefix,
        "exchange-resilience.budget.redis.timeout=1s",
        "exchange-resilience.exchanges.binance-usdm.hosts[0]=" + server.getHostName());
  }

  @Test
  void offByDefault() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(ExchangeResilienceInterceptor.class);
      assertThat(context).doesNotHaveBean(RedisBackend.class);
      assertThat(context).doesNotHaveBean(RateBudgetStore.class);
      assertThat(context.getBean(BanState.class)).isNotInstanceOf(RedisBanState.class);
    });
    runner.withPropertyValues("exchange-resilience.budget.redis.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(RedisBackend.class));
  }

  @Test
  void onItSharesBudgetsAndBansThroughRedis() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"serverTime\":1}").build());
    enabled().withPropertyValues("exchange-resilience.budget.redis.uri=" + redis.uri(),
            "exchange-resilience.budget.redis.scope=ip-203.0.113.7",
            "exchange-resilience.budget.redis.budget-scopes.orders=account-7",
            "exchange-resilience.budget.redis.local-share=0.25")
        .run(context -> {
          assertThat(context).hasSingleBean(RedisBackend.class);
          assertThat(context.getBean(BanState.class)).isInstanceOf(RedisBanState.class);
          RedisRateBudgetStore store = (RedisRateBudgetStore) context.getBean(RateBudgetStore.class);
          assertThat(context.getBean(RedisBackend.class).isAvailable()).isTrue();
          assertThat(store.localShare()).isEqualTo(0.25);
          assertThat(store.key(Exchange.BINANCE_USDM, BINANCE_IP))
              .isEqualTo(prefix + ":budget:binance-usdm:ip-203.0.113.7:ip");
          assertThat(store.key(Exchange.BINANCE_USDM, RateBudget.orderPlacements("orders", 1200,
              Duration.ofMinutes(1)))).isEqualTo(prefix + ":budget:binance-usdm:account-7:orders");

          // The interceptor paces on the shared budget...
          context.getBean(OkHttpClient.class)
              .newCall(new Request.Builder().url(server.url("/fapi/v1/time")).build()).execute().close();
          assertThat(inspect.sync().exists(store.key(Exchange.BINANCE_USDM, BINANCE_IP))).isEqualTo(1);
          // ...and sees a ban another process recorded.
          Instant until = Instant.ofEpochMilli(System.currentTimeMillis() + 60_000);
          inspect.sync().set(prefix + ":ban:binance-usdm:ip", Long.toString(until.toEpochMilli()));
          assertThat(context.getBean(ExchangeResilienceInterceptor.class).bannedUntil(Exchange.BINANCE_USDM))
              .contains(until);
        });
  }

  @Test
  void theBudgetScopeDefaultsToTheBanScope() {
    enabled().withPropertyValues("exchange-resilience.budget.redis.uri=" + redis.uri(),
            "exchange-resilience.ban.scope=egress-a")
        .run(context -> assertThat(context.getBean(RedisRateBudgetStore.class).key(Exchange.BINANCE_USDM,
            BINANCE_IP)).isEqualTo(prefix + ":budget:binance-usdm:egress-a:ip"));
  }

  @Test
  void absentWithoutLettuceOrBucket4j() {
    for (Class<?> missing : new Class<?>[] {RedisClient.class, LettuceBasedProxyManager.class}) {
      enabled().withPropertyValues("exchange-resilience.budget.redis.uri=" + redis.uri())
          .withClassLoader(new FilteredClassLoader(missing))
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ExchangeResilienceInterceptor.class);
            assertThat(context).doesNotHaveBean(RedisBackend.class);
            assertThat(context).doesNotHaveBean(RateBudgetStore.class);
          });
    }
  }

  @Test
  void reusesTheApplicationsLettuceClientAndLeavesItRunning() {
    enabled().withBean(RedisClient.class, () -> RedisClient.create(redis.uri()))
        .run(context -> {
          context.getBean(BanState.class).ban("okx:ip", Instant.now().plusSeconds(60));
          assertThat(inspect.sync().exists(prefix + ":ban:okx:ip")).isEqualTo(1);
          // Closing the backend closes its own connections only; the application's client is the context's to close.
          context.getBean(RedisBackend.class).close();
          try (StatefulRedisConnection<String, String> stillUsable = context.getBean(RedisClient.class).connect()) {
            assertThat(stillUsable.sync().ping()).isEqualTo("PONG");
          }
        });
  }

  @Test
  void reusesTheClientOfSpringDataRedis() {
    enabled().withBean(LettuceConnectionFactory.class,
            () -> new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port())))
        .run(context -> {
          assertThat(context.getBean(RedisBackend.class).isAvailable()).isTrue();
          context.getBean(BanState.class).ban("bybit:ip", Instant.now().plusSeconds(60));
          assertThat(inspect.sync().exists(prefix + ":ban:bybit:ip")).isEqualTo(1);
        });
  }

  @Test
  void theApplicationsOwnStoreWins() {
    RateBudgetStore own = RateBudgetStore.resilience4j(RateLimiterRegistry.ofDefaults());
    enabled().withPropertyValues("exchange-resilience.budget.redis.uri=" + redis.uri())
        .withBean(RateBudgetStore.class, () -> own)
        .run(context -> {
          assertThat(context.getBean(RateBudgetStore.class)).isSameAs(own);
          assertThat(context.getBean(BanState.class)).isInstanceOf(RedisBanState.class);
        });
  }

  @Test
  void anUnreachableRedisDoesNotStopTheApplicationAndTheFallbackIsCounted() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"serverTime\":1}").build());
    enabled().withPropertyValues("exchange-resilience.budget.redis.uri=redis://127.0.0.1:" + RedisServer.freePort())
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(RedisBackend.class).isAvailable()).isFalse();
          context.getBean(OkHttpClient.class)
              .newCall(new Request.Builder().url(server.url("/fapi/v1/time")).build()).execute().close();
          assertThat(context.getBean(MeterRegistry.class).get(ExchangeResilienceMetrics.BUDGET_FALLBACKS)
              .tags("exchange", "binance-usdm", "budget", "ip").counter().count()).isEqualTo(1.0);
        });
  }

  @Test
  void propertiesAreDocumentedInTheMetadata() throws Exception {
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      String metadata = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(metadata).contains("\"exchange-resilience.budget.redis.enabled\"",
          "\"exchange-resilience.budget.redis.local-share\"", "\"exchange-resilience.budget.redis.budget-scopes\"");
    }
  }
}
