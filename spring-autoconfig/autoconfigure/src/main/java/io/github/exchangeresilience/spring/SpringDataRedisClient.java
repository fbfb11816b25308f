package io.github.exchangeresilience.spring;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The Lettuce client of the application's Spring Data Redis connection factory; loaded only when Spring Data is. */
final class SpringDataRedisClient {
  private SpringDataRedisClient() {}

  /** The factory's client when it is a standalone (or Sentinel) Lettuce client; {@code null} otherwise. */
  static RedisClient of(BeanFactory beanFactory) {
    LettuceConnectionFactory factory = beanFactory.getBeanProvider(LettuceConnectionFactory.class).getIfUnique();
    if (factory == null) {
      return null;
    }
    if (!factory.isRunning()) {
      factory.start();
    }
    AbstractRedisClient client = factory.getNativeClient();
    return client instanceof RedisClient redisClient ? redisClient : null;
  }
}
