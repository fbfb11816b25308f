package io.github.exchangeresilience.okhttp.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An {@code application/x-www-form-urlencoded} string edited in place: pairs keep their order and their encoding as
 * the application wrote them, since Binance signs the body exactly as sent.
 */
public final class FormParameters {
  private FormParameters() {}

  /** The decoded value of the first {@code name}, or {@code null}. */
  public static String get(String form, String name) {
    for (String pair : pairs(form)) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        return eq < 0 ? "" : decode(pair.substring(eq + 1));
      }
    }
    return null;
  }

  /** {@code form} without any of {@code names}. */
  public static String remove(String form, Set<String> names) {
    List<String> kept = new ArrayList<>();
    for (String pair : pairs(form)) {
      int eq = pair.indexOf('=');
      if (!names.contains(decode(eq < 0 ? pair : pair.substring(0, eq)))) {
        kept.add(pair);
      }
    }
    return String.join("&", kept);
  }

  /** {@code form} with {@code name} set to {@code value}: replaced where it was, else appended. */
  public static String set(String form, String name, String value) {
    String encoded = encode(name) + "=" + encode(value);
    List<String> out = new ArrayList<>();
    boolean replaced = false;
    for (String pair : pairs(form)) {
      int eq = pair.indexOf('=');
      if (!replaced && decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
        out.add(encoded);
        replaced = true;
      } else {
        out.add(pair);
      }
    }
    if (!replaced) {
      out.add(encoded);
    }
    return String.join("&", out);
  }

  /** {@code form} with {@code name=value} appended. */
  public static String append(String form, String name, String value) {
    String pair = encode(name) + "=" + encode(value);
    return form.isEmpty() ? pair : form + "&" + pair;
  }

  private static List<String> pairs(String form) {
    List<String> pairs = new ArrayList<>();
    for (String pair : form.split("&")) {
      if (!pair.isEmpty()) {
        pairs.add(pair);
      }
    }
    return pairs;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // a malformed escape: compared as written
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
