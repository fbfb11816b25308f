package io.github.exchangeresilience.samples.benchmarks;

import java.io.PrintStream;

/**
 * A WebSocket order's round trip measured in pairs, as {@link PairedCallBenchmark} measures whole calls: a bare OkHttp
 * WebSocket, a second bare one (the control) and the session, each on its own connection to its own server in one JVM,
 * take turns placing a slice of orders one after the other, their order rotated by one each round; each round gives
 * the session's time per order over bare's, and the control's over bare's: what the harness reads between two clients
 * that do the same work. A fourth client is bare reading each answer with the session's frame reader: what of the
 * session's time is reading the answer, and what is the rest. A fifth is bare reading each answer's id, code and order
 * code with a jackson-core parser of its own: what the least reading that tells an order's fate costs. JMH's
 * iterations of the two, a minute apart, drift with the machine by more than the difference sought.
 */
final class PairedWebSocketBenchmark {
  private PairedWebSocketBenchmark() {}

  /**
   * Per round, bare's, the control's, the session's, bare reading as the session reads and bare reading with jackson,
   * mean µs per round trip.
   */
  record Result(int rounds, int ordersPerSlice, double[] bareMicros, double[] controlMicros, double[] sessionMicros,
      double[] readingMicros, double[] jacksonMicros) {
    /** Per round, the session's time per order over bare's: above 1 is slower. */
    double[] timeRatios() {
      return Report.ratio(sessionMicros, bareMicros);
    }

    /** Per round, the control's time per order over bare's: the harness's resolution. */
    double[] controlRatios() {
      return Report.ratio(controlMicros, bareMicros);
    }

    /** Per round, bare reading each answer as the session does over bare: the cost of that read. */
    double[] readingRatios() {
      return Report.ratio(readingMicros, bareMicros);
    }

    /** Per round, the session over bare reading as it does: the session's cost beyond reading the answer. */
    double[] beyondReadingRatios() {
      return Report.ratio(sessionMicros, readingMicros);
    }

    /** Per round, bare reading each answer's fate with jackson over bare: the least reading's cost. */
    double[] jacksonRatios() {
      return Report.ratio(jacksonMicros, bareMicros);
    }

    /** Per round, the session over bare reading the answer's fate with jackson. */
    double[] beyondJacksonRatios() {
      return Report.ratio(sessionMicros, jacksonMicros);
    }
  }

  static Result run(int rounds, int ordersPerSlice, int warmupOrders, PrintStream log) throws Exception {
    WebSocketRoundTripBenchmark[] clients = {client("bare"), client("bare"), client("session"),
        client("bare-reading"), client("bare-jackson")};
    try {
      for (int i = 0; i < warmupOrders; i++) {
        for (WebSocketRoundTripBenchmark client : clients) {
          client.roundTrip();
        }
      }
      double[][] micros = new double[clients.length][rounds];
      for (int round = 0; round < rounds; round++) {
        for (int turn = 0; turn < clients.length; turn++) {
          int which = (turn + round) % clients.length;
          micros[which][round] = slice(clients[which], ordersPerSlice);
        }
        if (round % 20 == 19) {
          for (WebSocketRoundTripBenchmark client : clients) {
            client.forgetRecordedRequests();
          }
        }
      }
      Result result = new Result(rounds, ordersPerSlice, micros[0], micros[1], micros[2], micros[3],
          micros[4]);
      log.println("paired WebSocket round trip: session / bare time per order, median "
          + Figures.Median.of(result.timeRatios()).show() + "; control / bare "
          + Figures.Median.of(result.controlRatios()).show() + "; bare reading / bare "
          + Figures.Median.of(result.readingRatios()).show() + "; session / bare reading "
          + Figures.Median.of(result.beyondReadingRatios()).show() + "; bare reading with jackson / bare "
          + Figures.Median.of(result.jacksonRatios()).show() + "; session / bare reading with jackson "
          + Figures.Median.of(result.beyondJacksonRatios()).show() + "; over " + rounds + " rounds of "
          + ordersPerSlice + " orders each");
      return result;
    } finally {
      for (WebSocketRoundTripBenchmark client : clients) {
        client.tearDown();
      }
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
