package io.github.exchangeresilience.decode;

import java.util.Map;
import java.util.TreeMap;

/** Reads one response header by name, ignoring case; {@code null} when absent. OkHttp's {@code Headers::get} fits. */
@FunctionalInterface
public interface HeaderLookup {
  HeaderLookup NONE = name -> null;

  String get(String name);

  /** A lookup over a map, its keys compared ignoring case. */
  static HeaderLookup of(Map<String, String> headers) {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    return copy::get;
  }
}
