package io.github.exchangeresilience.okhttp.websocket;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One request's parameters, fixed when the request is made: the caller may change its own map afterwards, and a resend
 * or a reconciler's lookup must see what was sent. Immutable, in the caller's order, its names and values side by side
 * in one array: a request's handful of parameters is read a few times (the frame, the REST body a lookup may need),
 * where a {@code LinkedHashMap} copy would build an entry and a table per order. {@code null} values are kept, as the
 * caller's map had them; the writers leave them out.
 */
final class Parameters extends AbstractMap<String, Object> {
  /** Names at even indexes, each one's value after it. */
  private final Object[] namesAndValues;

  private Parameters(Object[] namesAndValues) {
    this.namesAndValues = namesAndValues;
  }

  /** A copy of {@code params}. */
  static Parameters copyOf(Map<String, ?> params) {
    return withAdded(params, null, null);
  }

  /**
   * A copy of {@code params} with {@code name} set to {@code value} after them, or in its place where {@code params}
   * has it; {@code name} null adds nothing.
   */
  static Parameters withAdded(Map<String, ?> params, String name, Object value) {
    // Sized for the map as it says it is; a map that another thread changes meanwhile is copied as its iterator
    // walks it, as a LinkedHashMap copy would be.
    Object[] copy = new Object[2 * params.size() + (name == null ? 0 : 2)];
    int copied = 0;
    boolean replaced = false;
    for (Map.Entry<String, ?> param : params.entrySet()) {
      copy = roomForOneMore(copy, copied);
      boolean named = name != null && name.equals(param.getKey());
      copy[copied] = param.getKey();
      copy[copied + 1] = named ? value : param.getValue();
      replaced |= named;
      copied += 2;
    }
    if (name != null && !replaced) {
      copy = roomForOneMore(copy, copied);
      copy[copied] = name;
      copy[copied + 1] = value;
      copied += 2;
    }
    return new Parameters(copied == copy.length ? copy : Arrays.copyOf(copy, copied));
  }

  private static Object[] roomForOneMore(Object[] copy, int copied) {
    return copied + 2 <= copy.length ? copy : Arrays.copyOf(copy, 2 * copy.length + 2);
  }

  @Override
  public int size() {
    return namesAndValues.length / 2;
  }

  @Override
  public boolean containsKey(Object name) {
    return indexOf(name) >= 0;
  }

  @Override
  public Object get(Object name) {
    int at = indexOf(name);
    return at < 0 ? null : namesAndValues[at + 1];
  }

  /** Walks the parameters in order, building nothing. */
  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      action.accept((String) namesAndValues[i], namesAndValues[i + 1]);
    }
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return Parameters.this.size();
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < namesAndValues.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, Object> entry =
                new SimpleImmutableEntry<>((String) namesAndValues[next], namesAndValues[next + 1]);
            next += 2;
            return entry;
          }
        };
      }
    };
  }

  private int indexOf(Object name) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (Objects.equals(namesAndValues[i], name)) {
        return i;
      }
    }
    return -1;
  }
}
