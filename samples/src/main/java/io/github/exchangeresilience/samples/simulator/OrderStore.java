package io.github.exchangeresilience.samples.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One exchange's orders, in creation order and by client order id. A client order id is taken at most once, which is
 * what lets the handlers answer a second placement as the exchange's duplicate. Not thread-safe: the handler's lock
 * guards it.
 */
final class OrderStore {
  private final List<SimulatedOrder> orders = new ArrayList<>();
  private final Map<String, SimulatedOrder> byClientId = new HashMap<>();

  boolean contains(String clientOrderId) {
    return clientOrderId != null && byClientId.containsKey(clientOrderId);
  }

  void add(SimulatedOrder order) {
    if (!order.clientOrderId().isEmpty() && byClientId.putIfAbsent(order.clientOrderId(), order) != null) {
      throw new IllegalStateException("client order id already taken: " + order.clientOrderId());
    }
    orders.add(order);
  }

  Optional<SimulatedOrder> byClientOrderId(String clientOrderId) {
    return Optional.ofNullable(clientOrderId == null ? null : byClientId.get(clientOrderId));
  }

  Optional<SimulatedOrder> byOrderId(String orderId) {
    return orders.stream().filter(o -> o.orderId().equals(orderId)).findFirst();
  }

  List<SimulatedOrder> all() {
    return List.copyOf(orders);
  }

  int size() {
    return orders.size();
  }
}
