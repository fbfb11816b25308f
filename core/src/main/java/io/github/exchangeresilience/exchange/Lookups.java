package io.github.exchangeresilience.exchange;

import java.util.List;
import java.util.Set;

/**
 * How an order in doubt is looked up, and how "no such order" reads.
 *
 * @param queries the lookups, tried in order
 * @param notFoundCodes codes that say the order does not exist (yet)
 * @param emptyResultPath the JSON path of a successful answer's order list, empty when no order matched; an empty
 *     path where a found order is never an empty list (Binance answers -2013 instead)
 */
public record Lookups(List<OrderLookup> queries, Set<String> notFoundCodes, List<String> emptyResultPath) {
  public Lookups {
    queries = List.copyOf(queries);
    notFoundCodes = Set.copyOf(notFoundCodes);
    emptyResultPath = List.copyOf(emptyResultPath);
  }
}
