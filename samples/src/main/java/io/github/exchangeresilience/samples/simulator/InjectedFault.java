package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.List;

/**
 * One fault the simulator injected, for reports and assertions.
 *
 * @param sequence the order in which faults were injected over the whole simulator, from 1
 * @param path the request path the fault answered
 * @param clientOrderIds the client order ids of the request's order items, empty for reads
 * @param placed true when an order of the request was created despite the fault; always false for reads
 * @param atMillis the simulator clock's time
 */
public record InjectedFault(
    long sequence,
    Exchange exchange,
    FaultKind kind,
    String path,
    List<String> clientOrderIds,
    boolean placed,
    long atMillis) {

  public InjectedFault {
    clientOrderIds = List.copyOf(clientOrderIds);
  }
}
