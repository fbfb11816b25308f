package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Starts the simulator for manual use and prints each exchange's base URL, until interrupted (Ctrl-C).
 *
 * <pre>
 * java ... SimulatorMain [--seed N] [--port BASE] [--fault KIND=PROBABILITY]...
 * </pre>
 *
 * With {@code --port 18080} Binance listens on 18080, OKX on 18081, Bybit on 18082 and Bitget on 18083. A usage error
 * (an unknown option, a missing or malformed value, an unknown fault kind) prints what is wrong and the usage, and
 * exits with status 2.
 */
public final class SimulatorMain {
  static final int USAGE = 2;
  static final String USAGE_TEXT = "usage: SimulatorMain [--seed N] [--port BASE] [--fault KIND=PROBABILITY]...\n"
      + "  --seed N                  the seed of every fault draw (default 0)\n"
      + "  --port BASE               Binance on BASE, OKX on BASE+1, Bybit on BASE+2, Bitget on BASE+3 (default:"
      + " free ports)\n"
      + "  --fault KIND=PROBABILITY  a fault on that share of order placements, 0 to 1, on every exchange that has"
      + " it; KIND is one of:\n"
      + Arrays.stream(FaultKind.values()).map(kind -> "                              " + kind.name())
          .collect(Collectors.joining("\n"));

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimulatorConfig config;
    try {
      config = parse(args);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.exit(USAGE);
      return;
    }
    ExchangeSimulator simulator = new ExchangeSimulator(config).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.close();
      stopped.countDown();
    }));
    print(simulator, System.out);
    System.out.println("Ctrl-C to stop.");
    stopped.await();
  }

  static void print(ExchangeSimulator simulator, PrintStream out) {
    for (Exchange exchange : Exchange.values()) {
      out.printf("%-13s %s%n", exchange.id(), simulator.baseUrl(exchange));
    }
  }

  /** The simulator's settings from the command line; a {@link UsageException} saying what is wrong otherwise. */
  static SimulatorConfig parse(String[] args) {
    SimulatorConfig.Builder builder = SimulatorConfig.builder();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (arg) {
        case "--seed" -> builder.seed(number(arg, required(arg, value)));
        case "--port" -> {
          long port = number(arg, required(arg, value));
          try {
            builder.basePort((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, port)));
          } catch (IllegalArgumentException e) {
            throw new UsageException("--port " + value + ": " + e.getMessage() + " (1024 to "
                + (65535 - Exchange.values().length) + ", or 0)");
          }
        }
        case "--fault" -> fault(builder, required(arg, value));
        default -> throw new UsageException("unknown option '" + arg + "'");
      }
      i++;
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static void fault(SimulatorConfig.Builder builder, String value) {
    String[] fault = value.split("=", 2);
    if (fault.length != 2) {
      throw new UsageException("--fault " + value + ": expected KIND=PROBABILITY, such as TIMEOUT_PLACED=0.1");
    }
    FaultKind kind = Arrays.stream(FaultKind.values()).filter(k -> k.name().equals(fault[0])).findFirst()
        .orElseThrow(() -> new UsageException("--fault " + value + ": unknown fault kind '" + fault[0] + "'"));
    double probability;
    try {
      probability = Double.parseDouble(fault[1]);
    } catch (NumberFormatException e) {
      throw new UsageException("--fault " + value + ": '" + fault[1] + "' is not a probability between 0 and 1");
    }
    try {
      builder.fault(kind, probability);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--fault " + value + ": " + e.getMessage());
    }
  }

  private static String required(String flag, String value) {
    if (value == null) {
      throw new UsageException(flag + " needs a value");
    }
    return value;
  }

  private static long number(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " " + value + ": not a whole number");
    }
  }

  /** A command line the simulator cannot start from: the message says why, then the usage. */
  static final class UsageException extends RuntimeException {
    UsageException(String problem) {
      super("SimulatorMain: " + problem + "\n" + USAGE_TEXT, null, false, false);
    }
  }
}
