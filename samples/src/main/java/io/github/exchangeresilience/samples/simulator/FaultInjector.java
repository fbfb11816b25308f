package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Draws faults for one exchange from its own seeded {@link Random}: exactly one draw per placement request, one per
 * order item, and one per read when reads take faults. Walking the kinds in declaration order over one uniform draw
 * gives each kind exactly its configured probability and keeps the sequence stable for a seed.
 */
final class FaultInjector {
  private final Exchange exchange;
  private final SimulatorConfig config;
  private final Random random;

  FaultInjector(Exchange exchange, SimulatorConfig config) {
    this.exchange = exchange;
    this.config = config;
    // A distinct stream per exchange, so the draws of one exchange never depend on another's traffic.
    this.random = new Random(config.seed() * 0x9E3779B97F4A7C15L + exchange.ordinal() + 1);
  }

  /** The request-level fault of one placement, or null. */
  FaultKind forPlacement() {
    return draw(kind -> !kind.perItem());
  }

  /** The fault of one read, or null; draws nothing when reads take no faults. */
  FaultKind forRead() {
    return config.faultsOnReads() ? draw(FaultKind::appliesToReads) : null;
  }

  /** Whether one order item is rejected for margin. */
  boolean rejectsItem() {
    return draw(FaultKind::perItem) != null;
  }

  private FaultKind draw(Predicate<FaultKind> eligible) {
    double roll = random.nextDouble();
    double cumulative = 0;
    for (FaultKind kind : FaultKind.values()) {
      if (!eligible.test(kind)) {
        continue;
      }
      cumulative += config.faultRate(exchange, kind);
      if (roll < cumulative) {
        return kind;
      }
    }
    return null;
  }
}
