package io.github.exchangeresilience.samples.benchmarks;

import java.io.PrintStream;

/**
 * A WebSocket order's round trip measured in pairs, as {@link PairedCallBenchmark} measures whole calls: a bare OkHttp
 * WebSocket and the session, each on its own connection to its own server in one JVM, take turns placing a slice of
 * orders one after the other, the first of each pair alternating; each round gives the session's time per order over
 * bare's. JMH's iterations of the two, a minute apart, drift with the machine by more than the difference sought.
 */
final class PairedWebSocketBenchmark {
  private PairedWebSocketBenchmark() {}

  /** Per round, bare's and the session's mean µs per round trip. */
  record Result(int rounds, int ordersPerSlice, double[] bareMicros, double[] sessionMicros) {
    /** Per round, the session's time per order over bare's: above 1 is slower. */
    double[] timeRatios() {
      double[] ratios = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        ratios[round] = sessionMicros[round] / bareMicros[round];
      }
      return ratios;
    }
  }

  static Result run(int rounds, int ordersPerSlice, int warmupOrders, PrintStream log) throws Exception {
    WebSocketRoundTripBenchmark bare = client("bare");
    WebSocketRoundTripBenchmark session = client("session");
    try {
      for (int i = 0; i < warmupOrders; i++) {
        bare.roundTrip();
        session.roundTrip();
      }
      double[] bareMicros = new double[rounds];
      double[] sessionMicros = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        boolean bareFirst = round % 2 == 0;
        for (int turn = 0; turn < 2; turn++) {
          boolean runBare = (turn == 0) == bareFirst;
          double micros = slice(runBare ? bare : session, ordersPerSlice);
          if (runBare) {
            bareMicros[round] = micros;
          } else {
            sessionMicros[round] = micros;
          }
        }
        if (round % 20 == 19) {
          bare.forgetRecordedRequests();
          session.forgetRecordedRequests();
        }
      }
      Result result = new Result(rounds, ordersPerSlice, bareMicros, sessionMicros);
      Figures.Median ratio = Figures.Median.of(result.timeRatios());
      log.println("paired WebSocket round trip: session / bare time per order, median " + ratio.show() + " over "
          + rounds + " rounds of " + ordersPerSlice + " orders each");
      return result;
    } finally {
      bare.tearDown();
      session.tearDown();
    }
  }

  private static WebSocketRoundTripBenchmark client(String kind) throws Exception {
    WebSocketRoundTripBenchmark client = new WebSocketRoundTripBenchmark();
    client.client = kind;
    client.setUp();
    return client;
  }

  /** Mean µs per round trip over {@code orders} orders placed one after the other. */
  private static double slice(WebSocketRoundTripBenchmark client, int orders) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < orders; i++) {
      client.roundTrip();
    }
    return (System.nanoTime() - start) / 1e3 / orders;
  }
}
