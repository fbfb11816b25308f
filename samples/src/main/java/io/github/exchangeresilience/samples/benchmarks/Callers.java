package io.github.exchangeresilience.samples.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.okhttp.FailsafeCall;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.ResilienceOptions;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.decorators.Decorators;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The clients measured side by side, each over the same OkHttp client and connection pool: OkHttp alone; with the
 * library, with and without a rate budget on every call; and what a user would otherwise write, failsafe-okhttp with a
 * retry and a circuit breaker policy, or Resilience4j's Retry, CircuitBreaker and RateLimiter decorating
 * {@code call.execute()} with {@code Decorators}. The peers retry and back off as the library does by default (4
 * attempts, 200 ms doubling with 50 % jitter, at most 10 s), on I/O failures, 429 and 5xx; their breakers count I/O
 * failures and 5xx. Neither reads an exchange's code: an answer is what its HTTP status says.
 */
final class Callers {
  private Callers() {}

  /** Makes one call and hands back its response, which the caller closes. */
  @FunctionalInterface
  interface Caller {
    Response execute(Request request) throws IOException;
  }

  enum Kind {
    BARE("bare", "OkHttp alone"),
    /**
     * OkHttp alone again, a second client over the same pool: what the paired runs measure between two clients that do
     * the same work, their resolution on this machine.
     */
    CONTROL("control", "OkHttp alone, a second client: the control"),
    INTERCEPTOR("interceptor", "exchange-resilience interceptor"),
    PACED("paced", "the interceptor, a budget on every call"),
    FAILSAFE("failsafe", "failsafe-okhttp, retry + circuit breaker"),
    RESILIENCE4J("resilience4j", "Resilience4j Decorators, retry + circuit breaker + rate limiter");

    final String id;
    final String description;

    Kind(String id, String description) {
      this.id = id;
      this.description = description;
    }

    static Kind of(String id) {
      for (Kind kind : values()) {
        if (kind.id.equals(id)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("client: " + id);
    }
  }

  /**
   * What the peers are told: a time scale (their waits are real time; a scenario clock running {@code scale} times
   * faster shortens them as much), and the rate budget of Resilience4j's limiter, on a clock of its own.
   */
  record PeerSettings(int scale, int permitsPerPeriod, Duration period, Supplier<Long> limiterNanos) {
    /** Real time, and a budget too large ever to make a call wait: each call only takes a permit. */
    static PeerSettings unlimited() {
      return new PeerSettings(1, 1_000_000_000, Duration.ofSeconds(1), System::nanoTime);
    }

    Duration scaled(Duration exchangeTime) {
      return exchangeTime.dividedBy(scale);
    }
  }

  /** A client of {@code kind} over {@code bare}'s connection pool, asking OKX for market data (no budget applies). */
  static Caller forMarketData(Kind kind, OkHttpClient bare) {
    return switch (kind) {
      case BARE -> call(bare);
      case CONTROL -> call(bare.newBuilder().build());
      case INTERCEPTOR -> call(with(bare, ExchangeResilienceInterceptor.builder(Exchange.OKX).build()));
      case PACED -> call(with(bare, ExchangeResilienceInterceptor.builder(Exchange.OKX)
          .rateBudgets(Exchange.OKX, List.of(RateBudget.allRequests("ip", 1_000_000_000, Duration.ofSeconds(1))))
          .build()));
      case FAILSAFE -> failsafe(bare, PeerSettings.unlimited());
      case RESILIENCE4J -> resilience4j(bare, PeerSettings.unlimited());
    };
  }

  static OkHttpClient with(OkHttpClient bare, ExchangeResilienceInterceptor interceptor) {
    return bare.newBuilder().addInterceptor(interceptor).build();
  }

  static Caller call(OkHttpClient client) {
    return request -> client.newCall(request).execute();
  }

  /** failsafe-okhttp: a retry policy around a circuit breaker, around each attempt's call. */
  static Caller failsafe(OkHttpClient client, PeerSettings settings) {
    dev.failsafe.RetryPolicy<Response> retry = dev.failsafe.RetryPolicy.<Response>builder()
        .handle(IOException.class)
        .handleResultIf(Callers::retryable)
        .withBackoff(settings.scaled(ResilienceOptions.DEFAULT_INITIAL_BACKOFF),
            settings.scaled(ResilienceOptions.DEFAULT_MAX_BACKOFF), ResilienceOptions.DEFAULT_BACKOFF_MULTIPLIER)
        .withJitter(ResilienceOptions.DEFAULT_BACKOFF_JITTER)
        .withMaxAttempts(ResilienceOptions.DEFAULT_MAX_ATTEMPTS)
        .build();
    dev.failsafe.CircuitBreaker<Response> breaker = dev.failsafe.CircuitBreaker.<Response>builder()
        .handle(IOException.class)
        .handleResultIf(Callers::serverFailure)
        .withFailureThreshold(10, 20)
        .withDelay(settings.scaled(Duration.ofSeconds(30)))
        .build();
    FailsafeExecutor<Response> failsafe = Failsafe.with(retry).compose(breaker);
    return request -> FailsafeCall.with(failsafe).compose(client.newCall(request)).execute();
  }

  /**
   * Resilience4j, decorated once: each attempt takes a permit of the rate limiter and is recorded by the breaker; the
   * retry closes an answer it discards, which Resilience4j would otherwise leave open.
   */
  static Caller resilience4j(OkHttpClient client, PeerSettings settings) {
    Retry retry = Retry.of("peer", RetryConfig.<Response>custom()
        .maxAttempts(ResilienceOptions.DEFAULT_MAX_ATTEMPTS)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
            settings.scaled(ResilienceOptions.DEFAULT_INITIAL_BACKOFF), ResilienceOptions.DEFAULT_BACKOFF_MULTIPLIER,
            ResilienceOptions.DEFAULT_BACKOFF_JITTER, settings.scaled(ResilienceOptions.DEFAULT_MAX_BACKOFF)))
        .retryExceptions(IOException.class)
        .retryOnResult(Callers::retryable)
        .consumeResultBeforeRetryAttempt((attempt, response) -> response.close())
        .failAfterMaxAttempts(false)
        .build());
    CircuitBreaker breaker = CircuitBreaker.of("peer", CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(20)
        .minimumNumberOfCalls(5)
        .failureRateThreshold(50)
        .waitDurationInOpenState(settings.scaled(Duration.ofSeconds(30)))
        .recordExceptions(IOException.class)
        .recordResult(result -> result instanceof Response response && serverFailure(response))
        .build());
    RateLimiter limiter = RateLimiter.of("peer", RateLimiterConfig.custom()
        .limitForPeriod(settings.permitsPerPeriod())
        .limitRefreshPeriod(settings.scaled(settings.period()))
        .timeoutDuration(Duration.ofHours(1))
        .build(), Map.of(), settings.limiterNanos());
    CheckedFunction<Request, Response> decorated = Decorators
        .ofCheckedFunction((Request request) -> client.newCall(request).execute())
        .withRateLimiter(limiter)
        .withCircuitBreaker(breaker)
        .withRetry(retry)
        .decorate();
    return request -> {
      try {
        return decorated.apply(request);
      } catch (IOException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable checked) {
        throw new IOException(checked);
      }
    };
  }

  /** What a user retries: a rate limit or a server error, as the HTTP status says. */
  private static boolean retryable(Response response) {
    return response.code() == 429 || serverFailure(response);
  }

  private static boolean serverFailure(Response response) {
    return response.code() >= 500;
  }
}
