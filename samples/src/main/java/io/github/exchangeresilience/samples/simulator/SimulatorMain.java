package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the simulator for manual use and prints each exchange's base URL, until interrupted (Ctrl-C).
 *
 * <pre>
 * java ... SimulatorMain [--seed N] [--port BASE] [--fault KIND=PROBABILITY]...
 * </pre>
 *
 * With {@code --port 18080} Binance listens on 18080, OKX on 18081, Bybit on 18082 and Bitget on 18083.
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimulatorConfig.Builder builder = SimulatorConfig.builder();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (arg) {
        case "--seed":
          builder.seed(Long.parseLong(required(arg, value)));
          i++;
          break;
        case "--port":
          builder.basePort(Integer.parseInt(required(arg, value)));
          i++;
          break;
        case "--fault":
          String[] fault = required(arg, value).split("=", 2);
          builder.fault(FaultKind.valueOf(fault[0]), Double.parseDouble(fault[1]));
          i++;
          break;
        default:
          System.err.println("usage: SimulatorMain [--seed N] [--port BASE] [--fault KIND=PROBABILITY]...");
          System.exit(2);
      }
    }
    ExchangeSimulator simulator = new ExchangeSimulator(builder.build()).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.close();
      stopped.countDown();
    }));
    for (Exchange exchange : Exchange.values()) {
      System.out.printf("%-13s %s%n", exchange.id(), simulator.baseUrl(exchange));
    }
    System.out.println("Ctrl-C to stop.");
    stopped.await();
  }

  private static String required(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }
}
