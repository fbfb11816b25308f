package io.github.exchangeresilience.exchange;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Where an exchange tells its clock.
 *
 * @param path the public endpoint (GET)
 * @param fields where the time is in its answer, most precise first; the first present wins
 */
public record ServerTime(String path, List<Field> fields) {
  /**
   * One place the time may be.
   *
   * @param jsonPath field names from the top; an array on the way is entered at its first element
   * @param unit what the number counts
   */
  public record Field(List<String> jsonPath, TimeUnit unit) {
    public Field {
      jsonPath = List.copyOf(jsonPath);
      Objects.requireNonNull(unit, "unit");
      if (jsonPath.isEmpty()) {
        throw new IllegalArgumentException("a time field has a path");
      }
    }
  }

  public ServerTime {
    Objects.requireNonNull(path, "path");
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("the server time is somewhere in the answer");
    }
  }
}
