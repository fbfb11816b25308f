package io.github.exchangeresilience.samples.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The full call's overhead measured in pairs: the bare, intercepted and paced clients take turns in short slices on
 * one server and one connection pool, and each round gives the ratio of their mean call times. Whatever else the
 * machine does drifts over seconds, not within a round, so it cancels out of the ratio; the median of the per-round
 * ratios, with a distribution-free 95 % confidence interval, is what resolves a 5 % target on a noisy machine, where
 * {@link FullCallBenchmark}'s iterations, minutes apart, vary by ±20 %. JMH's figures remain the absolute ones.
 *
 * <p>A plain program, not JMH: the calls do I/O and return what they read, so nothing is optimized away; the warm-up
 * runs every client until the JIT has settled.
 */
final class PairedCallBenchmark {
  static final List<String> CLIENTS = List.of("bare", "interceptor", "paced");

  /** Per client, its mean call time per round, in µs; per ratio, its value per round. */
  record Result(String body, int rounds, long sliceMillis, Map<String, double[]> micros, Map<String, double[]> ratios) {
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

  static Result run(String body, int rounds, long sliceMillis, long warmupMillis, PrintStream log) throws Exception {
    MockWebServer server = FullCallBenchmark.startServer(body);
    OkHttpClient bare = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    Map<String, OkHttpClient> clients = new LinkedHashMap<>();
    for (String kind : CLIENTS) {
      clients.put(kind, FullCallBenchmark.client(kind, bare));
    }
    Request request = FullCallBenchmark.request(server);
    try {
      long warmupEnd = System.nanoTime() + warmupMillis * 1_000_000L;
      while (System.nanoTime() < warmupEnd) {
        for (OkHttpClient client : clients.values()) {
          slice(client, request, 100);
        }
        FullCallBenchmark.forget(server);
      }
      Map<String, double[]> micros = new LinkedHashMap<>();
      CLIENTS.forEach(kind -> micros.put(kind, new double[rounds]));
      for (int round = 0; round < rounds; round++) {
        List<String> order = new ArrayList<>(CLIENTS);
        if (round % 2 == 1) {
          java.util.Collections.reverse(order); // no client always goes first
        }
        for (String kind : order) {
          micros.get(kind)[round] = slice(clients.get(kind), request, sliceMillis);
        }
        FullCallBenchmark.forget(server);
      }
      Map<String, double[]> ratios = new LinkedHashMap<>();
      for (String kind : CLIENTS.subList(1, CLIENTS.size())) {
        double[] ratio = new double[rounds];
        for (int round = 0; round < rounds; round++) {
          ratio[round] = micros.get(kind)[round] / micros.get("bare")[round];
        }
        ratios.put(kind, ratio);
      }
      Result result = new Result(body, rounds, sliceMillis, micros, ratios);
      for (Map.Entry<String, double[]> ratio : ratios.entrySet()) {
        double[] interval = Result.medianInterval(ratio.getValue());
        log.printf("paired full call (%s): %s / bare median %.3f [%.3f, %.3f]%n", body, ratio.getKey(),
            Result.median(ratio.getValue()), interval[0], interval[1]);
      }
      return result;
    } finally {
      clients.values().forEach(client -> client.connectionPool().evictAll());
      bare.dispatcher().executorService().shutdown();
      server.close();
    }
  }

  /** Calls for about {@code millis}; the mean time per call, in µs. */
  private static double slice(OkHttpClient client, Request request, long millis) throws Exception {
    long start = System.nanoTime();
    long end = start + millis * 1_000_000L;
    long calls = 0;
    long now;
    do {
      FullCallBenchmark.execute(client, request);
      calls++;
      now = System.nanoTime();
    } while (now < end);
    return (now - start) / 1e3 / calls;
  }
}
