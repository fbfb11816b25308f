package io.github.exchangeresilience.samples.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Whole calls measured in pairs: the clients take turns in short slices on one server and one connection pool, and
 * each round gives every client's throughput beside the first's (bare OkHttp). Whatever else the machine does drifts
 * over seconds, not within a round, so it cancels out of the ratio; the median of the per-round ratios, with a
 * distribution-free 95 % confidence interval, is what resolves a few per cent on a noisy machine, where JMH's
 * iterations, minutes apart, vary by ±20 %. JMH's figures remain the absolute ones.
 *
 * <p>A slice runs {@code threads} threads, each calling one after the other, all on the one client. What they allocate
 * and the user-mode CPU time they take are read per thread ({@code ThreadMXBean}): the calling threads' bytes and CPU
 * µs per call, without the server's. A synchronous OkHttp call runs on its calling thread, so its user-mode time is the
 * client's own work (ours included), and leaves out what makes the time per call erratic on a virtual machine: the
 * kernel's time in the loopback's system calls, and the waiting. The kernel counts user time in ticks, so one slice's
 * figure is coarse; the median over the rounds is the figure to read.
 *
 * <p>{@link Callers.Kind#CONTROL} is bare OkHttp again, a second client over the same pool: its ratio to the first
 * shows what the harness reads between two clients that do the same work, the resolution of the other ratios on this
 * machine.
 *
 * <p>A plain program, not JMH: the calls do I/O and return what they read, so nothing is optimized away; the warm-up
 * runs every client until the JIT has settled.
 */
final class PairedCallBenchmark {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Per client, its throughput (calls per second, all threads), and its calling threads' bytes and user-mode CPU µs
   * per call, by round.
   */
  record Result(String body, int threads, int rounds, long sliceMillis, List<Callers.Kind> clients,
      Map<Callers.Kind, double[]> callsPerSecond, Map<Callers.Kind, double[]> bytesPerCall,
      Map<Callers.Kind, double[]> cpuMicrosPerCall) {
    Callers.Kind baseline() {
      return clients.get(0);
    }

    /** Per round, the client's time per call over the baseline's: above 1 is slower. */
    double[] timeRatios(Callers.Kind kind) {
      double[] base = callsPerSecond.get(baseline());
      double[] mine = callsPerSecond.get(kind);
      double[] ratios = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        ratios[round] = base[round] / mine[round];
      }
      return ratios;
    }

    /** Per round, the client's throughput over the baseline's: below 1 is slower. */
    double[] throughputRatios(Callers.Kind kind) {
      double[] ratios = timeRatios(kind);
      for (int round = 0; round < rounds; round++) {
        ratios[round] = 1 / ratios[round];
      }
      return ratios;
    }

    /** Mean µs per call of one thread, by round. */
    double[] micros(Callers.Kind kind) {
      double[] perSecond = callsPerSecond.get(kind);
      double[] micros = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        micros[round] = 1e6 * threads / perSecond[round];
      }
      return micros;
    }

    /** Per round, the client's calling-thread bytes per call beyond the baseline's. */
    double[] extraBytes(Callers.Kind kind) {
      return beyondBaseline(bytesPerCall, kind);
    }

    /** Per round, the client's calling-thread user-mode CPU µs per call beyond the baseline's. */
    double[] extraCpuMicros(Callers.Kind kind) {
      return beyondBaseline(cpuMicrosPerCall, kind);
    }

    private double[] beyondBaseline(Map<Callers.Kind, double[]> perCall, Callers.Kind kind) {
      double[] extra = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        extra[round] = perCall.get(kind)[round] - perCall.get(baseline())[round];
      }
      return extra;
    }

    static double median(double[] values) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The 95 % confidence interval of the median from order statistics (binomial, distribution-free). */
    static double[] medianInterval(double[] values) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      // the largest k with P(Binomial(n, 1/2) < k) <= 0.025: the interval is [x(k), x(n - k + 1)], 1-based
      double cumulative = 0;
      int k = 0;
      double coefficient = 1; // C(n, i)
      double half = Math.pow(0.5, n);
      for (int i = 0; i <= n; i++) {
        if (cumulative + coefficient * half > 0.025) {
          k = i;
          break;
        }
        cumulative += coefficient * half;
        coefficient = coefficient * (n - i) / (i + 1);
      }
      k = Math.max(k, 1);
      return new double[] {sorted[k - 1], sorted[n - k]};
    }
  }

  /** What one paired run measures: a body, a number of threads, the clients (the baseline first), how long. */
  record Plan(String body, int threads, List<Callers.Kind> clients, int rounds, long sliceMillis, long warmupMillis) {}

  static Result run(Plan plan, PrintStream log) throws Exception {
    MockWebServer server = FullCallBenchmark.startServer(plan.body());
    // Every thread keeps its connection between slices, whichever client it runs.
    OkHttpClient bare = FullCallBenchmark.bareClient().newBuilder()
        .connectionPool(new ConnectionPool(plan.threads() + 5, 5, TimeUnit.MINUTES))
        .build();
    bare.dispatcher().setMaxRequestsPerHost(plan.threads());
    Map<Callers.Kind, Callers.Caller> clients = new LinkedHashMap<>();
    for (Callers.Kind kind : plan.clients()) {
      clients.put(kind, Callers.forMarketData(kind, bare));
    }
    Request request = FullCallBenchmark.request(server);
    ExecutorService workers = Executors.newFixedThreadPool(plan.threads());
    try {
      long warmupEnd = System.nanoTime() + plan.warmupMillis() * 1_000_000L;
      while (System.nanoTime() < warmupEnd) {
        for (Callers.Caller client : clients.values()) {
          slice(workers, plan.threads(), client, request, 100);
        }
        FullCallBenchmark.forget(server);
      }
      Map<Callers.Kind, double[]> perSecond = new LinkedHashMap<>();
      Map<Callers.Kind, double[]> bytes = new LinkedHashMap<>();
      Map<Callers.Kind, double[]> cpu = new LinkedHashMap<>();
      plan.clients().forEach(kind -> {
        perSecond.put(kind, new double[plan.rounds()]);
        bytes.put(kind, new double[plan.rounds()]);
        cpu.put(kind, new double[plan.rounds()]);
      });
      for (int round = 0; round < plan.rounds(); round++) {
        // The order rotated by one each round, so that each client takes each place in turn: the first slice of a
        // round follows the server's clean-up, and which client has it must not show in the ratios.
        List<Callers.Kind> order = new ArrayList<>(plan.clients());
        Collections.rotate(order, round);
        for (Callers.Kind kind : order) {
          double[] measured = slice(workers, plan.threads(), clients.get(kind), request, plan.sliceMillis());
          perSecond.get(kind)[round] = measured[0];
          bytes.get(kind)[round] = measured[1];
          cpu.get(kind)[round] = measured[2];
        }
        FullCallBenchmark.forget(server);
      }
      Result result = new Result(plan.body(), plan.threads(), plan.rounds(), plan.sliceMillis(), plan.clients(),
          perSecond, bytes, cpu);
      for (Callers.Kind kind : plan.clients().subList(1, plan.clients().size())) {
        double[] ratios = result.timeRatios(kind);
        double[] interval = Result.medianInterval(ratios);
        log.printf("paired (%s, %d threads): %s / %s time per call, median %.3f [%.3f, %.3f]; extra %.0f B/call,"
            + " extra %.2f µs user CPU/call%n", plan.body(), plan.threads(), kind.id, result.baseline().id,
            Result.median(ratios), interval[0], interval[1], Result.median(result.extraBytes(kind)),
            Result.median(result.extraCpuMicros(kind)));
      }
      return result;
    } finally {
      workers.shutdownNow();
      bare.connectionPool().evictAll();
      bare.dispatcher().executorService().shutdown();
      server.close();
    }
  }

  /**
   * {@code threads} threads call for about {@code millis}; their calls per second together, and the bytes they
   * allocated and the user-mode CPU µs they took per call.
   */
  private static double[] slice(ExecutorService workers, int threads, Callers.Caller client, Request request,
      long millis) throws Exception {
    long start = System.nanoTime();
    long end = start + millis * 1_000_000L;
    List<Future<long[]>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      running.add(workers.submit(() -> {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long cpuBefore = THREADS.getCurrentThreadUserTime();
        long calls = 0;
        do {
          FullCallBenchmark.execute(client, request);
          calls++;
        } while (System.nanoTime() < end);
        return new long[] {calls, THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore,
            THREADS.getCurrentThreadUserTime() - cpuBefore};
      }));
    }
    long calls = 0;
    long allocated = 0;
    long cpuNanos = 0;
    for (Future<long[]> worker : running) {
      long[] done = worker.get();
      calls += done[0];
      allocated += done[1];
      cpuNanos += done[2];
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new double[] {calls / seconds, (double) allocated / calls, cpuNanos / 1e3 / calls};
  }
}
