package io.github.exchangeresilience.okhttp;

import java.util.Locale;
import okhttp3.HttpUrl;

/** The key a configured host is matched by: {@code host}, or {@code host:port} where a port is named. */
final class HostKeys {
  private HostKeys() {}

  /** Checks {@code entry} and returns its key, lower-case, a port kept only where one was named. */
  static String of(String entry) {
    if (entry == null || entry.isBlank()) {
      throw new IllegalArgumentException("a host is needed, got \"" + entry + "\"");
    }
    String trimmed = entry.trim();
    if (trimmed.contains("://")) {
      throw new IllegalArgumentException("\"" + entry + "\" has a scheme: give the host alone, or host:port, as"
          + " requests' URLs name it (" + trimmed.substring(trimmed.indexOf("://") + 3) + ")");
    }
    HttpUrl url = trimmed.contains("/") || trimmed.contains("?") || trimmed.contains("#") || trimmed.contains("@")
        ? null : HttpUrl.parse("http://" + trimmed);
    if (url == null) {
      throw new IllegalArgumentException("\"" + entry + "\" is not a host or host:port (no scheme, path, query or"
          + " user; an IPv6 address in brackets)");
    }
    boolean hasPort = trimmed.lastIndexOf(':') > trimmed.lastIndexOf(']');
    String host = url.host().toLowerCase(Locale.ROOT);
    return hasPort ? host + ":" + url.port() : host;
  }

  /**
   * Whether {@code key} may name a port: it ends in {@code :digits}. An IPv6 address without a port may read so too
   * ({@code ::1}); that only costs a look-up of a key that is not there.
   */
  static boolean hasPort(String key) {
    int colon = key.lastIndexOf(':');
    if (colon < 0 || colon == key.length() - 1) {
      return false;
    }
    for (int i = colon + 1; i < key.length(); i++) {
      if (!Character.isDigit(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
