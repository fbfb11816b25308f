package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Draws faults for one exchange from its own seeded {@link Random}: exactly one draw per placement request, one per
 * order item, and one per read when reads take faults. Walking the kinds in declaration order over one uniform draw
 * gives each kind exactly its configured probability and keeps the sequence stable for a seed. Scripted faults, for a
 * demo or a test that must see one particular answer, come before any draw.
 */
final class FaultInjector {
  private final Exchange exchange;
  private final SimulatorConfig config;
  private final Random random;
  private final Queue<FaultKind> scriptedPlacements = new ConcurrentLinkedQueue<>();
  private final Queue<FaultKind> scriptedReads = new ConcurrentLinkedQueue<>();
  private final AtomicInteger scriptedItemRejections = new AtomicInteger();

  FaultInjector(Exchange exchange, SimulatorConfig config) {
    this.exchange = exchange;
    this.config = config;
    // A distinct stream per exchange, so the draws of one exchange never depend on another's traffic.
    this.random = new Random(config.seed() * 0x9E3779B97F4A7C15L + exchange.ordinal() + 1);
  }

  /** The request-level fault of one placement, or null: a scripted one first, else a random draw. */
  FaultKind forPlacement() {
    FaultKind scripted = scriptedPlacements.poll();
    return scripted != null ? scripted : draw(kind -> !kind.perItem());
  }

  /** The fault of one read, or null: a scripted one first; draws nothing when reads take no faults. */
  FaultKind forRead() {
    FaultKind scripted = scriptedReads.poll();
    if (scripted != null) {
      return scripted;
    }
    return config.faultsOnReads() ? draw(FaultKind::appliesToReads) : null;
  }

  /**
   * Makes the next placement answer with {@code kind}, whatever the probabilities say; a per-item kind rejects the
   * next order item instead.
   */
  void scriptPlacement(FaultKind kind) {
    if (kind.perItem()) {
      scriptedItemRejections.incrementAndGet();
    } else {
      scriptedPlacements.add(kind);
    }
  }

  /** Makes the next order lookup or time request answer with {@code kind}. */
  void scriptRead(FaultKind kind) {
    if (!kind.appliesToReads()) {
      throw new IllegalArgumentException(kind + " says something about an order; it never answers a read");
    }
    scriptedReads.add(kind);
  }

  /** Whether one order item is rejected for margin. */
  boolean rejectsItem() {
    if (scriptedItemRejections.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      return true;
    }
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
