package io.github.exchangeresilience.samples.benchmarks;

import io.github.exchangeresilience.okhttp.ResilienceOptions;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every call asks of the circuit breaker (a permission, then its outcome recorded in the count window), with the
 * default configuration's window ({@link ResilienceOptions#DEFAULT_CIRCUIT_BREAKER_CONFIG}) and with the other of
 * Resilience4j's two: the measurement behind the default. Not part of the documented run; run it with JMH's own
 * thread counts, for example (after {@code ./mvnw -B -q -DskipTests install}):
 *
 * <pre>
 * java -cp "samples/target/classes:$(./mvnw -q -pl samples dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     org.openjdk.jmh.Main BreakerWindowBenchmark -t 8 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BreakerWindowBenchmark {
  @Param({"SYNCHRONIZED", "LOCK_FREE"})
  public SlidingWindowSynchronizationStrategy window;

  private CircuitBreaker breaker;

  @Setup
  public void setUp() {
    breaker = CircuitBreaker.of("bench", CircuitBreakerConfig.from(ResilienceOptions.DEFAULT_CIRCUIT_BREAKER_CONFIG)
        .slidingWindowSynchronizationStrategy(window).build());
  }

  /** One call's work with the breaker: its permission, and a success recorded. */
  @Benchmark
  public boolean permitAndRecord() {
    boolean permitted = breaker.tryAcquirePermission();
    breaker.onSuccess(100_000, TimeUnit.NANOSECONDS);
    return permitted;
  }
}
