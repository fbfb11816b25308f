package io.github.exchangeresilience.exchange;

import java.util.List;
import java.util.Objects;

/**
 * One documented query that finds an order by its client order id, built from the order in doubt.
 *
 * @param forPlacementsUnder the placements this lookup is for, by path prefix: {@code /} for all
 * @param path the query's path (GET)
 * @param parameters its query parameters, in order
 */
public record OrderLookup(String forPlacementsUnder, String path, List<Parameter> parameters) {
  /**
   * One query parameter.
   *
   * @param name the parameter's name
   * @param orderField the order's field it takes its value from; {@code null} for the client order id
   * @param required whether the lookup cannot be made without it
   */
  public record Parameter(String name, String orderField, boolean required) {
    public Parameter {
      Objects.requireNonNull(name, "name");
    }

    /** The client order id, under {@code name}. */
    public static Parameter clientOrderId(String name) {
      return new Parameter(name, null, true);
    }

    /** The order's {@code field}, which the lookup needs. */
    public static Parameter required(String name, String field) {
      return new Parameter(name, field, true);
    }

    /** The order's {@code field}, sent when the order has it. */
    public static Parameter optional(String name, String field) {
      return new Parameter(name, field, false);
    }
  }

  public OrderLookup {
    Objects.requireNonNull(forPlacementsUnder, "forPlacementsUnder");
    Objects.requireNonNull(path, "path");
    parameters = List.copyOf(parameters);
    if (parameters.stream().noneMatch(parameter -> parameter.orderField() == null)) {
      throw new IllegalArgumentException("a lookup of " + path + " must send the client order id");
    }
  }

  /** Whether this lookup finds orders placed on {@code placementPath}. */
  public boolean appliesTo(String placementPath) {
    return placementPath.startsWith(forPlacementsUnder);
  }
}
