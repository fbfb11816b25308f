package io.github.exchangeresilience.decode;

import java.util.Map;
import java.util.TreeMap;

/** Reads one response header by name, ignoring case; {@code null} when absent. OkHttp's {@code Headers::get} fits. */
@FunctionalInterface
public interface HeaderLookup {
  HeaderLookup NONE = name -> null;

  String get(String name);

  /**
   * A lookup over a map, its keys compared ignoring case (of two keys that differ only in case, the later in the map's
   * order). A response has a handful of headers: they are scanned as OkHttp scans its own, with nothing built per
   * lookup.
   */
  static HeaderLookup of(Map<String, String> headers) {
    TreeMap<String, String> distinct = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    distinct.putAll(headers);
    String[] names = distinct.keySet().toArray(new String[0]);
    String[] values = distinct.values().toArray(new String[0]);
    return name -> {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equalsIgnoreCase(name)) {
          return values[i];
        }
      }
      return null;
    };
  }
}
