package io.github.exchangeresilience.decode;

import java.util.List;

/**
 * The headers a decoder reads for every answer (its exchange's rate-limit headers and {@code Retry-After}), found in
 * one pass over a {@link HeaderList}: a Binance answer carries some 25 headers and six of them are asked for, and six
 * scans of OkHttp's list, each comparing every name ignoring case, cost more than the rest of the decode. Most names
 * are passed over by their length alone, and the rest compared as ASCII, as header names are, where {@link
 * String#equalsIgnoreCase} maps each character through the Unicode tables. Another lookup is asked name by name.
 */
final class WantedHeaders {
  private final String[] names;
  /** The names with their ASCII letters in lower case. */
  private final String[] lowerCaseNames;
  /**
   * At n, the indexes of the wanted names n characters long (at {@link #LONG}, of those as long or longer); {@code
   * null} where there are none. A name received is compared with those of its length alone: most are passed over by
   * their length, and the rest compared with one or two of the wanted names rather than with every one.
   */
  private final int[][] byLength = new int[LONG + 1][];
  /** Bit n set where {@link #byLength} has names at n: a name received of another length is passed over by one test. */
  private final long lengths;

  private static final int LONG = 63;

  WantedHeaders(List<String> names) {
    this.names = names.toArray(new String[0]);
    this.lowerCaseNames = new String[this.names.length];
    long lengths = 0;
    for (int i = 0; i < this.names.length; i++) {
      lowerCaseNames[i] = lowerCaseAscii(this.names[i]);
      int length = slot(this.names[i].length());
      int[] before = byLength[length] == null ? new int[0] : byLength[length];
      int[] indexes = java.util.Arrays.copyOf(before, before.length + 1);
      indexes[before.length] = i;
      byLength[length] = indexes;
      lengths |= 1L << length;
    }
    this.lengths = lengths;
  }

  /**
   * The value of each wanted name in {@code headers}, by its index among them (the last one where a name comes more
   * than once, ignoring case, as a lookup by name finds it); {@code null} when none of them is there.
   */
  String[] valuesIn(HeaderLookup headers) {
    String[] values = null;
    if (headers instanceof HeaderList list) {
      for (int i = 0, size = list.size(); i < size; i++) {
        String name = list.name(i);
        int length = slot(name.length());
        if ((lengths & 1L << length) == 0) {
          continue;
        }
        for (int wanted : byLength[length]) {
          if (named(wanted, name)) {
            values = values == null ? new String[names.length] : values;
            values[wanted] = list.value(i);
          }
        }
      }
      return values;
    }
    for (int wanted = 0; wanted < names.length; wanted++) {
      String value = headers.get(names[wanted]);
      if (value != null) {
        values = values == null ? new String[names.length] : values;
        values[wanted] = value;
      }
    }
    return values;
  }

  /**
   * Whether {@code name} is the wanted name at {@code index}, ignoring case. A name of another family of the same
   * length is told apart by its last character. Servers send a header name as the exchange documents it, or in lower
   * case (HTTP/2 always): those two forms are compared whole next, which {@link String#equals} does many characters at
   * a time, where comparing ignoring case takes them one by one.
   */
  private boolean named(int index, String name) {
    String lowerCase = lowerCaseNames[index];
    if (name.length() != lowerCase.length()) {
      return false; // names of 63 characters or more share a slot of the lengths
    }
    // Names of one family differ in their last characters (X-MBX-ORDER-COUNT-1M, -1H, -1D): told apart by the last.
    int last = lowerCase.length() - 1;
    char received = name.charAt(last);
    char wanted = lowerCase.charAt(last);
    if (((received | wanted) & ~0x7F) == 0 && (received | 0x20) != (wanted | 0x20)) {
      return false; // two ASCII letters of either case are equal once 0x20 is set, other ASCII only to themselves
    }
    return name.equals(lowerCase) || name.equals(names[index]) || equalsIgnoringCase(lowerCase, name);
  }

  /**
   * Whether {@code name}, as long as {@code lowerCase}, is it ignoring case, exactly as {@link String#equalsIgnoreCase}
   * says: compared as ASCII, and by {@code equalsIgnoreCase} itself where either has another character (the dotless i,
   * for one, equals i there).
   */
  private static boolean equalsIgnoringCase(String lowerCase, String name) {
    int length = lowerCase.length();
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      char wanted = lowerCase.charAt(i);
      if (c >= 0x80 || wanted >= 0x80) {
        return lowerCase.equalsIgnoreCase(name);
      }
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != wanted) {
        return false;
      }
    }
    return true;
  }

  /** {@code name} with its ASCII letters in lower case; its other characters as they are. */
  private static String lowerCaseAscii(String name) {
    char[] chars = name.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 'a' - 'A';
      }
    }
    return new String(chars);
  }

  private static int slot(int length) {
    return Math.min(length, LONG);
  }
}
