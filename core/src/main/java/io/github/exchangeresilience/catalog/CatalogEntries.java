package io.github.exchangeresilience.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins what several documents of one exchange say about the same code into one entry. A data file holds one line per
 * code and document, as each page lists it; the catalog holds one entry per code, with every message variant and every
 * source. Bybit documents 10006 on two pages, Binance documents its HTTP 503 answers and -1008 on two: one entry each.
 */
public final class CatalogEntries {
  private CatalogEntries() {}

  /**
   * One entry per exchange, kind, transport and code, in the order codes first appear. A code's messages, sources and
   * document kinds are the union of its lines', in order; its name, HTTP status and section are the first line's that
   * has one.
   *
   * @throws IllegalArgumentException when two lines of a code disagree on its class: the importer gives every line of
   *     a code the class of the joined entry, so such lines come from an edited or mixed-up data file
   */
  public static List<CatalogEntry> merge(Collection<CatalogEntry> lines) {
    Map<String, CatalogEntry> merged = new LinkedHashMap<>();
    for (CatalogEntry line : lines) {
      merged.merge(key(line), line, CatalogEntries::join);
    }
    return List.copyOf(merged.values());
  }

  /** What identifies an entry in the catalog, as text: exchange, kind, transport and code. */
  public static String key(CatalogEntry entry) {
    return entry.exchange().id() + ' ' + entry.kind() + ' ' + entry.transport() + ' ' + entry.code();
  }

  private static CatalogEntry join(CatalogEntry first, CatalogEntry second) {
    if (first.policyClass() != second.policyClass()
        || !first.classifiedBy().equals(second.classifiedBy())) {
      throw new IllegalArgumentException(first.exchange().id() + " " + first.code() + " is "
          + first.policyClass() + first.classifiedBy().map(rule -> " (" + rule + ")").orElse("") + " in "
          + first.sources() + " but " + second.policyClass()
          + second.classifiedBy().map(rule -> " (" + rule + ")").orElse("") + " in " + second.sources()
          + ": every line of a code carries the class of the whole entry; regenerate the data files");
    }
    CatalogEntry.Builder joined = first.toBuilder();
    if (first.name().isEmpty()) {
      joined.name(second.name().orElse(null));
    }
    if (first.httpStatus().isEmpty()) {
      joined.httpStatus(second.httpStatus().orElse(null));
    }
    if (first.section().isEmpty()) {
      joined.section(second.section().orElse(null));
    }
    joined.messages(union(first.messages(), second.messages()));
    joined.sources(union(first.sources(), second.sources()));
    joined.documentKinds(union(first.documentKinds(), second.documentKinds()));
    return joined.build();
  }

  private static <T> List<T> union(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    for (T item : second) {
      if (!all.contains(item)) {
        all.add(item);
      }
    }
    return all;
  }
}
