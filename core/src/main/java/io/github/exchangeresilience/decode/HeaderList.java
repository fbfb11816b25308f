package io.github.exchangeresilience.decode;

/**
 * Response headers as the list an HTTP client keeps them in (OkHttp's {@code Headers}): names and values by index, in
 * the order received, a name possibly more than once. A decoder looks for several names at once, and over a list it
 * finds them all in one pass rather than one scan of the list per name.
 */
public interface HeaderList extends HeaderLookup {
  int size();

  String name(int index);

  String value(int index);

  /** The last value of {@code name}, ignoring case, as OkHttp's {@code Headers.get}; {@code null} when absent. */
  @Override
  default String get(String name) {
    for (int i = size() - 1; i >= 0; i--) {
      if (name(i).equalsIgnoreCase(name)) {
        return value(i);
      }
    }
    return null;
  }
}
