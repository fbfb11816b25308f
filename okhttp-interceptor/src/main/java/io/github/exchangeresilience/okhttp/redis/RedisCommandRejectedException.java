package io.github.exchangeresilience.okhttp.redis;

/**
 * Redis answered, and refused the command for its arguments ({@code ERR invalid expire time}...). Redis is up: the
 * stores keep what they had locally, but they do not switch to their fallback, and the same write is not retried on
 * every probe. Never reaches a caller.
 */
final class RedisCommandRejectedException extends RuntimeException {
  RedisCommandRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
