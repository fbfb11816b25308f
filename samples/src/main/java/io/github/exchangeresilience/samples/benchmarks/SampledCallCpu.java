package io.github.exchangeresilience.samples.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The library's own share of a call, by sampling rather than by difference: the paired ratios subtract two noisy wall
 * times to find a few per cent, and on this machine the loopback's noise is larger than the library's cost. Here one
 * thread calls through the interceptor while JFR's execution sampler takes its stack every millisecond; a sample is
 * the library's when, walking from the running method outwards, a frame of the library comes before OkHttp's
 * {@code RealInterceptorChain.proceed} (so the decode, the decision, the breaker and the budgets count, with the
 * jackson, Resilience4j and okio code they call, and the network under the interceptor does not).
 *
 * <p>The sampler takes a thread only while it runs Java code, and not at every period on a busy machine, so the
 * library's CPU per call is bracketed, not measured: at least its samples times the period over the calls (the
 * sampler never takes more than one sample per period), at most its share of the thread's samples times the thread's
 * whole user-mode CPU per call (which also holds the JVM's and the system libraries' code, none of it the library's).
 */
final class SampledCallCpu {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final String LIBRARY = "io.github.exchangeresilience.";
  private static final String HARNESS = "io.github.exchangeresilience.samples.";
  private static final String CHAIN = "okhttp3.internal.http.RealInterceptorChain";
  private static final Duration PERIOD = Duration.ofMillis(1);

  /**
   * One client's calls under the sampler: how many, the calling thread's samples in Java code and the library's among
   * them, and its user-mode CPU per call over the same calls.
   */
  record Result(Callers.Kind kind, long calls, long samples, long librarySamples, double cpuMicrosPerCall) {
    double share() {
      return samples == 0 ? Double.NaN : (double) librarySamples / samples;
    }

    /** The share's 95 % interval (Wilson's score interval of a binomial proportion). */
    double[] shareInterval() {
      double z = 1.96;
      double n = samples;
      double p = share();
      double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
      double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
      return new double[] {centre - half, centre + half};
    }

    /** The library's CPU per call at least: its samples, each one period, over the calls. */
    double libraryMicrosAtLeast() {
      return librarySamples * PERIOD.toNanos() / 1e3 / calls;
    }

    /** The library's CPU per call at most: its share of the samples of the whole user-mode CPU per call. */
    double libraryMicrosAtMost() {
      return share() * cpuMicrosPerCall;
    }
  }

  private SampledCallCpu() {}

  /** {@code kind} calling the small body on one thread for {@code millis}, after {@code warmupMillis}. */
  static Result run(Callers.Kind kind, long warmupMillis, long millis, PrintStream log) throws Exception {
    MockWebServer server = FullCallBenchmark.startServer("small");
    OkHttpClient bare = FullCallBenchmark.bareClient();
    Path file = Files.createTempFile("sampled-call-cpu", ".jfr");
    try (Recording recording = new Recording()) {
      Callers.Caller client = Callers.forMarketData(kind, bare);
      Request request = FullCallBenchmark.request(server);
      callFor(client, request, warmupMillis, server);
      recording.enable("jdk.ExecutionSample").withPeriod(PERIOD).withStackTrace();
      recording.start();
      long cpuBefore = THREADS.getCurrentThreadUserTime();
      long calls = callFor(client, request, millis, server);
      long cpuNanos = THREADS.getCurrentThreadUserTime() - cpuBefore;
      recording.stop();
      recording.dump(file);
      long caller = Thread.currentThread().getId();
      long samples = 0;
      long library = 0;
      for (RecordedEvent sample : RecordingFile.readAllEvents(file)) {
        RecordedThread thread = sample.getThread("sampledThread");
        if (thread == null || thread.getJavaThreadId() != caller || sample.getStackTrace() == null) {
          continue;
        }
        samples++;
        if (isLibrarys(sample.getStackTrace())) {
          library++;
        }
      }
      Result result = new Result(kind, calls, samples, library, cpuNanos / 1e3 / calls);
      double[] interval = result.shareInterval();
      log.printf("sampled (%s): %d of %d samples of the calling thread in the library, %s [%s, %s]; the library's"
          + " CPU %.2f to %.2f µs per call, of %.1f µs user CPU%n", kind.id, library, samples,
          Figures.percent(result.share()), Figures.percent(interval[0]), Figures.percent(interval[1]),
          result.libraryMicrosAtLeast(), result.libraryMicrosAtMost(), result.cpuMicrosPerCall());
      return result;
    } finally {
      Files.deleteIfExists(file);
      bare.connectionPool().evictAll();
      bare.dispatcher().executorService().shutdown();
      server.close();
    }
  }

  private static long callFor(Callers.Caller client, Request request, long millis, MockWebServer server)
      throws Exception {
    long end = System.nanoTime() + millis * 1_000_000L;
    long calls = 0;
    do {
      FullCallBenchmark.execute(client, request);
      if (++calls % 1_000 == 0) {
        FullCallBenchmark.forget(server);
      }
    } while (System.nanoTime() < end);
    return calls;
  }

  /** Whether the first frame that is the library's or OkHttp's chain, from the running method out, is the library's. */
  static boolean isLibrarys(RecordedStackTrace stack) {
    List<RecordedFrame> frames = stack.getFrames();
    for (RecordedFrame frame : frames) {
      if (!frame.isJavaFrame()) {
        continue;
      }
      String type = frame.getMethod().getType().getName();
      if (type.startsWith(CHAIN)) {
        return false;
      }
      if (type.startsWith(LIBRARY) && !type.startsWith(HARNESS)) {
        return true;
      }
    }
    return false;
  }
}
