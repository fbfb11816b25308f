package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.exchange.OrderLookup;
import io.github.exchangeresilience.exchange.ServerTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads the facts a simulated exchange shares with the library out of its specification, so that the simulator and
 * the client can never disagree on a path, a field or a header: a handler keeps only what is the fake exchange's own
 * behaviour (its codes, messages and order store).
 */
final class SpecReads {
  private SpecReads() {}

  /** The one path of {@code paths} under {@code prefix} ({@code "/"} for any): the endpoint the simulator serves. */
  static String pathUnder(Set<String> paths, String prefix) {
    String found = null;
    for (String path : paths) {
      if (path.startsWith(prefix)) {
        if (found != null) {
          throw new IllegalStateException("two paths under " + prefix + ": " + found + ", " + path);
        }
        found = path;
      }
    }
    if (found == null) {
      throw new IllegalStateException("no path under " + prefix + " in " + paths);
    }
    return found;
  }

  /** The lookup that finds orders placed on {@code placementPath}. */
  static OrderLookup lookupFor(Iterable<OrderLookup> lookups, String placementPath) {
    for (OrderLookup lookup : lookups) {
      if (lookup.appliesTo(placementPath)) {
        return lookup;
      }
    }
    throw new IllegalStateException("no lookup for " + placementPath);
  }

  /** The name under which {@code lookup} sends the client order id. */
  static String clientOrderIdParameter(OrderLookup lookup) {
    for (OrderLookup.Parameter parameter : lookup.parameters()) {
      if (parameter.orderField() == null) {
        return parameter.name();
      }
    }
    throw new IllegalStateException(lookup.path() + " sends no client order id");
  }

  /** The name under which {@code lookup} sends the order's {@code orderField}. */
  static String parameter(OrderLookup lookup, String orderField) {
    for (OrderLookup.Parameter parameter : lookup.parameters()) {
      if (orderField.equals(parameter.orderField())) {
        return parameter.name();
      }
    }
    throw new IllegalStateException(lookup.path() + " sends no " + orderField);
  }

  /** The header a specification reads into the named limit reading. */
  static String header(Map<String, String> headerToReading, String reading) {
    for (Map.Entry<String, String> entry : headerToReading.entrySet()) {
      if (entry.getValue().equals(reading)) {
        return entry.getKey();
      }
    }
    throw new IllegalStateException("no header is read into " + reading + ": " + headerToReading);
  }

  /** The name of the field in which the server time answer tells the time in {@code unit}. */
  static String timeField(ServerTime time, TimeUnit unit) {
    for (ServerTime.Field field : time.fields()) {
      if (field.unit() == unit) {
        return field.jsonPath().get(field.jsonPath().size() - 1);
      }
    }
    throw new IllegalStateException(time.path() + " tells no " + unit);
  }

  /** The name of the field in which the server time answer tells milliseconds. */
  static String millisecondsField(ServerTime time) {
    return timeField(time, TimeUnit.MILLISECONDS);
  }
}
