package io.github.exchangeresilience.samples.demo;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.decision.ReconcileOutcome;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Request;

/** Counts, per exchange and class, what the interceptor did: the demo's and the chaos suite's closing table. */
public final class ResilienceTally implements ResilienceListener {
  /** A row for calls that failed with an I/O error before any answer: they have no class of their own. */
  static final String IO_FAILURE = "(I/O failure)";

  private final Map<String, Row> rows = new ConcurrentHashMap<>();
  private final Map<Exchange, PolicyClass> lastHandledAs = new ConcurrentHashMap<>();

  private static final class Row {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong waitMillis = new AtomicLong();
    final AtomicLong reconciles = new AtomicLong();
    final AtomicLong failFasts = new AtomicLong();
  }

  private Row row(Exchange exchange, String klass) {
    return rows.computeIfAbsent(exchange.id() + "|" + klass, key -> new Row());
  }

  @Override
  public void onResponse(Exchange exchange, Request request, DecodedResponse decoded, PolicyClass handledAs) {
    row(exchange, handledAs.name()).requests.incrementAndGet();
    lastHandledAs.put(exchange, handledAs);
  }

  /** The class the last answer from {@code exchange} was handled as, if any came. */
  public PolicyClass lastHandledAs(Exchange exchange) {
    return lastHandledAs.get(exchange);
  }

  public void forgetLast(Exchange exchange) {
    lastHandledAs.remove(exchange);
  }

  @Override
  public void onIoFailure(Exchange exchange, Request request, Exception failure) {
    row(exchange, IO_FAILURE).requests.incrementAndGet();
  }

  @Override
  public void onRetry(Exchange exchange, Request request, PolicyClass cause, int attempt, Duration wait) {
    row(exchange, cause.name()).retries.incrementAndGet();
  }

  @Override
  public void onRateLimitWait(Exchange exchange, String budget, Duration wait) {
    row(exchange, PolicyClass.RATE_LIMITED.name()).waitMillis.addAndGet(wait.toMillis());
  }

  @Override
  public void onReconcile(Exchange exchange, Request request, ReconcileOutcome outcome) {
    row(exchange, PolicyClass.EXECUTION_UNKNOWN.name()).reconciles.incrementAndGet();
  }

  @Override
  public void onFailFast(Exchange exchange, Request request, FailFastException.Reason reason) {
    PolicyClass klass = switch (reason) {
      case BAN_IN_FORCE, RATE_BUDGET_EXHAUSTED -> PolicyClass.RATE_LIMITED;
      case CIRCUIT_OPEN, NOT_CONNECTED -> PolicyClass.UNAVAILABLE;
      case REJECTED_KEY -> PolicyClass.AUTH;
    };
    row(exchange, klass.name()).failFasts.incrementAndGet();
  }

  /** The classes each exchange saw, for the demo's check that every class was touched. */
  public Map<Exchange, java.util.Set<String>> classesSeen() {
    Map<Exchange, java.util.Set<String>> seen = new EnumMap<>(Exchange.class);
    rows.forEach((key, row) -> {
      String[] parts = key.split("\\|", 2);
      if (row.requests.get() > 0 || row.failFasts.get() > 0) {
        seen.computeIfAbsent(Exchange.fromId(parts[0]).orElseThrow(), e -> new java.util.TreeSet<>()).add(parts[1]);
      }
    });
    return seen;
  }

  /** Totals over every class of {@code exchange}: requests, retries, waited millis, reconciles, fail-fasts. */
  public long[] totals(Exchange exchange) {
    long[] totals = new long[5];
    rows.forEach((key, row) -> {
      if (key.startsWith(exchange.id() + "|")) {
        totals[0] += row.requests.get();
        totals[1] += row.retries.get();
        totals[2] += row.waitMillis.get();
        totals[3] += row.reconciles.get();
        totals[4] += row.failFasts.get();
      }
    });
    return totals;
  }

  /** What each column of {@link #print} counts. */
  static final String LEGEND = String.join("\n",
      "requests:   attempts that reached the exchange, by the class the answer was handled as (an order lookup",
      "            is a request too); I/O failures on their own row",
      "retries:    attempts sent again, by the class of the answer that caused it",
      "waited:     time waited before a resend or for a rate budget, on the simulator's clock",
      "reconciles: orders in doubt the reconciler answered for",
      "fail-fasts: calls refused locally, never sent (FailFastException: a ban in force, an open breaker, a key",
      "            cooling down, no rate budget); an AUTH or ACCOUNT_RESTRICTED refusal is the exchange's answer,",
      "            thrown as ExchangeErrorException, and counts under requests");

  public void print(PrintStream out) {
    String header = String.format("%-14s %-20s %8s %8s %10s %10s %10s", "exchange", "class", "requests", "retries",
        "waited", "reconciles", "fail-fasts");
    out.println(header);
    out.println("-".repeat(header.length()));
    for (Exchange exchange : Exchange.values()) {
      for (PolicyClass klass : PolicyClass.values()) {
        printRow(out, exchange, klass.name());
      }
      printRow(out, exchange, IO_FAILURE);
      out.println();
    }
  }

  private void printRow(PrintStream out, Exchange exchange, String klass) {
    Row row = rows.get(exchange.id() + "|" + klass);
    if (row == null) {
      return;
    }
    out.println(String.format("%-14s %-20s %8d %8d %9.1fs %10d %10d", exchange.id(), klass, row.requests.get(),
        row.retries.get(), row.waitMillis.get() / 1000.0, row.reconciles.get(), row.failFasts.get()));
  }
}
