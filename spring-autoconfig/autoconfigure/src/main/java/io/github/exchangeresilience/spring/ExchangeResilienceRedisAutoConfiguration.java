package io.github.exchangeresilience.spring;

import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.BanState;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.RateBudgetStore;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import io.github.exchangeresilience.okhttp.ResilienceOptions;
import io.github.exchangeresilience.okhttp.redis.RedisBackend;
import io.github.exchangeresilience.okhttp.redis.RedisBanState;
import io.github.exchangeresilience.okhttp.redis.RedisRateBudgetStore;
import io.lettuce.core.RedisClient;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Rate budgets and bans shared through Redis, when {@code exchange-resilience.budget.redis.enabled=true} and Lettuce
 * and Bucket4j's Lettuce module are on the class path: a {@link RedisBackend}, a {@link RedisRateBudgetStore} and a
 * {@link RedisBanState}, which the interceptor of {@link ExchangeResilienceAutoConfiguration} then uses. The
 * application's own {@link RateBudgetStore} or {@link BanState} bean still wins.
 *
 * <p>The connection: {@code exchange-resilience.budget.redis.uri} if set; else the application's Lettuce
 * {@link RedisClient} bean, or the client of Spring Data Redis's {@code LettuceConnectionFactory}; else
 * {@code redis://localhost:6379}.
 */
@AutoConfiguration(before = ExchangeResilienceAutoConfiguration.class)
@ConditionalOnClass({RedisClient.class, LettuceBasedProxyManager.class, ExchangeResilienceInterceptor.class})
@ConditionalOnBooleanProperty(name = "exchange-resilience.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "exchange-resilience.budget.redis.enabled")
@EnableConfigurationProperties(ExchangeResilienceProperties.class)
public final class ExchangeResilienceRedisAutoConfiguration {
  static final String DEFAULT_URI = "redis://localhost:6379";
  private static final String LETTUCE_CONNECTION_FACTORY =
      "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  RedisBackend exchangeResilienceRedisBackend(ExchangeResilienceProperties properties,
      ObjectProvider<RedisClient> redisClients, BeanFactory beanFactory) {
    ExchangeResilienceProperties.Redis redis = properties.getBudget().getRedis();
    RedisBackend.Builder builder;
    if (redis.getUri() != null && !redis.getUri().isBlank()) {
      builder = RedisBackend.builder(redis.getUri());
    } else {
      RedisClient client = redisClients.getIfUnique();
      if (client == null && ClassUtils.isPresent(LETTUCE_CONNECTION_FACTORY, beanFactory.getClass().getClassLoader())) {
        client = SpringDataRedisClient.of(beanFactory);
      }
      builder = client != null ? RedisBackend.builder(client) : RedisBackend.builder(DEFAULT_URI);
    }
    PropertyMapper map = PropertyMapper.get();
    map.from(redis.getKeyPrefix()).to(builder::keyPrefix);
    map.from(redis.getTimeout()).to(builder::commandTimeout);
    map.from(redis.getProbeInterval()).to(builder::probeInterval);
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean(RateBudgetStore.class)
  RedisRateBudgetStore exchangeResilienceRedisBudgetStore(RedisBackend backend,
      ExchangeResilienceProperties properties, ObjectProvider<ResilienceListener> listeners) {
    ExchangeResilienceProperties.Redis redis = properties.getBudget().getRedis();
    String banScope = properties.getBan().getScope() != null ? properties.getBan().getScope()
        : ResilienceOptions.DEFAULT_BAN_SCOPE;
    String scope = redis.getScope() != null && !redis.getScope().isBlank() ? redis.getScope() : banScope;
    Map<String, String> budgetScopes = Map.copyOf(redis.getBudgetScopes());
    RedisRateBudgetStore.Builder builder = RedisRateBudgetStore.builder(backend)
        .scope((exchange, budget) -> budgetScopes.getOrDefault(budget.name(), scope));
    PropertyMapper.get().from(redis.getLocalShare()).to(builder::localShare);
    return builder
        // Lazily: the metrics listener may be created after this store.
        .listener(new ResilienceListener() {
          private volatile ResilienceListener resolved;

          @Override
          public void onBudgetFallback(Exchange exchange, String budget) {
            ResilienceListener listener = resolved;
            if (listener == null) {
              listener = ResilienceListener.composite(listeners.orderedStream().toList());
              resolved = listener;
            }
            listener.onBudgetFallback(exchange, budget);
          }
        })
        .build();
  }

  @Bean
  @ConditionalOnMissingBean(BanState.class)
  RedisBanState exchangeResilienceRedisBanState(RedisBackend backend) {
    return RedisBanState.create(backend);
  }
}
