package io.github.exchangeresilience.okhttp.redis;

/** A Redis command failed or timed out; the stores answer from local memory instead. Never reaches a caller. */
final class RedisUnavailableException extends RuntimeException {
  RedisUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
