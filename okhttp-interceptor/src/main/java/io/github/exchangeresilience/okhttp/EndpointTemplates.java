package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.Request;

/**
 * Maps a request to one of a fixed list of path templates, for metric tags and logs: an exact path, or
 * {@code /api/v1/orders/{id}} where a segment is a placeholder. A path no template matches is {@link #OTHER}. Query
 * strings and ids never reach a tag, so the number of tag values stays bounded by the list.
 */
public final class EndpointTemplates {
  public static final String OTHER = "other";

  private final List<String[]> templates;
  private final List<String> names;

  private EndpointTemplates(Set<String> templates) {
    this.names = List.copyOf(templates);
    this.templates = new ArrayList<>();
    for (String template : templates) {
      this.templates.add(segments(template));
    }
  }

  /** Templates in the given order; the first match wins. */
  public static EndpointTemplates of(Iterable<String> templates) {
    Set<String> ordered = new LinkedHashSet<>();
    for (String template : templates) {
      Objects.requireNonNull(template, "template");
      if (!template.startsWith("/")) {
        throw new IllegalArgumentException("a template is a path starting with '/': " + template);
      }
      ordered.add(template);
    }
    return new EndpointTemplates(ordered);
  }

  /**
   * The endpoints every supported exchange's specification names for metrics (order placements, cancels, lookups,
   * the server time and the account endpoints a bot polls), plus {@code extra}.
   */
  public static EndpointTemplates defaults(String... extra) {
    Set<String> all = new LinkedHashSet<>();
    for (Exchange exchange : Exchange.values()) {
      all.addAll(exchange.spec().endpointTemplates());
    }
    all.addAll(List.of(extra));
    return new EndpointTemplates(all);
  }

  /** The template of {@code request}'s path, or {@link #OTHER}. */
  public String endpointOf(Request request) {
    return endpointOf(request.url().encodedPath());
  }

  public String endpointOf(String path) {
    String[] actual = segments(path);
    for (int i = 0; i < templates.size(); i++) {
      if (matches(templates.get(i), actual)) {
        return names.get(i);
      }
    }
    return OTHER;
  }

  public List<String> templates() {
    return names;
  }

  private static boolean matches(String[] template, String[] actual) {
    if (template.length != actual.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      String part = template[i];
      boolean placeholder = part.startsWith("{") && part.endsWith("}");
      if (!placeholder && !part.equals(actual[i])) {
        return false;
      }
    }
    return true;
  }

  private static String[] segments(String path) {
    String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    return trimmed.split("/", -1);
  }
}
