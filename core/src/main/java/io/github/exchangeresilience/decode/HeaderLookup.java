package io.github.exchangeresilience.decode;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one response header by name, ignoring case; {@code null} when absent. OkHttp's {@code Headers::get} fits; a
 * {@link HeaderList} over them is read in one pass for all the names a decoder wants.
 */
@FunctionalInterface
public interface HeaderLookup {
  /** No headers at all (a WebSocket frame without header-like fields): an empty list, which a decoder passes over. */
  HeaderLookup NONE = HeaderLookup.of(Map.of());

  String get(String name);

  /**
   * A lookup over a map, its keys compared ignoring case (of two keys that differ only in case, the later in the map's
   * order): a {@link HeaderList} of its distinct names, scanned as OkHttp scans its own, with nothing built per lookup.
   */
  static HeaderLookup of(Map<String, String> headers) {
    TreeMap<String, String> distinct = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    distinct.putAll(headers);
    String[] names = distinct.keySet().toArray(new String[0]);
    String[] values = distinct.values().toArray(new String[0]);
    return new HeaderList() {
      @Override
      public int size() {
        return names.length;
      }

      @Override
      public String name(int index) {
        return names[index];
      }

      @Override
      public String value(int index) {
        return values[index];
      }
    };
  }
}
