package io.github.exchangeresilience.exchange;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an exchange answers a single order placement, so that an order a lookup found is handed back in the shape the
 * placement's own answer has: the shape the application, or its SDK, parses.
 *
 * @param template the documented success answer of a placement as JSON, each {@code {field}} inside a string standing
 *     for the found order's field of that name; {@code null} where the lookup answers with the placement's shape
 *     already ({@link #AS_LOOKED_UP})
 */
public record PlacementAnswer(String template) {
  /** The lookup's answer is the placement's own shape (Binance's order object): handed back as it is. */
  public static final PlacementAnswer AS_LOOKED_UP = new PlacementAnswer(null);

  private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  public PlacementAnswer {
    if (template != null && !template.startsWith("{")) {
      throw new IllegalArgumentException("a placement answer is a JSON object: " + template);
    }
  }

  /** The placement's answer as a template to fill. */
  public static PlacementAnswer of(String template) {
    return new PlacementAnswer(java.util.Objects.requireNonNull(template, "template"));
  }

  /** Whether the lookup's answer is handed back as it is. */
  public boolean isAsLookedUp() {
    return template == null;
  }

  /** The found order's fields the template reads. */
  public Set<String> fields() {
    Set<String> fields = new LinkedHashSet<>();
    if (template != null) {
      Matcher matcher = FIELD.matcher(template);
      while (matcher.find()) {
        fields.add(matcher.group(1));
      }
    }
    return fields;
  }

  /**
   * The placement's answer for the found order: each {@code {field}} replaced by the value {@code orderField} gives
   * for it, escaped for a JSON string, or by nothing where the order has no such field.
   */
  public String render(Function<String, String> orderField) {
    if (template == null) {
      throw new IllegalStateException("the lookup's answer is handed back as it is");
    }
    Matcher matcher = FIELD.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 64);
    while (matcher.find()) {
      String value = orderField.apply(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(escape(value == null ? "" : value)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String escape(String value) {
    StringBuilder escaped = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        default -> {
          if (c < 0x20) {
            escaped.append(String.format("\\u%04x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }
}
