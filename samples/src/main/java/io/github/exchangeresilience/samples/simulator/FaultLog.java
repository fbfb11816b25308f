package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.ArrayList;
import java.util.List;

/** Every injected fault of a simulator, in order, shared by its handlers. */
final class FaultLog {
  private final List<InjectedFault> faults = new ArrayList<>();

  synchronized InjectedFault record(Exchange exchange, FaultKind kind, String path, List<String> clientOrderIds,
      boolean placed, long atMillis) {
    InjectedFault fault = new InjectedFault(faults.size() + 1L, exchange, kind, path, clientOrderIds, placed, atMillis);
    faults.add(fault);
    return fault;
  }

  synchronized List<InjectedFault> all() {
    return List.copyOf(faults);
  }
}
