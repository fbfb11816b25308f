package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Describes requests for exception messages and logs without their secrets. Headers and bodies are never described;
 * of the query, credential-bearing parameters are redacted.
 */
public final class RequestDescriptions {
  /**
   * Headers that carry credentials on the supported exchanges (each specification's secret headers), lower-case, and
   * {@code authorization}. Never logged, printed, tagged or thrown.
   */
  public static final Set<String> SECRET_HEADERS = secretHeaders();

  /** Query parameters that carry credentials. */
  public static final Set<String> SECRET_QUERY_PARAMETERS = Set.of("signature", "apikey", "api_key", "sign");

  static final String REDACTED = "██";

  private RequestDescriptions() {}

  /**
   * {@code POST /path?symbol=BTCUSDT&signature=██}: method, path and redacted query; {@code WebSocket <operation>} for
   * an operation a WebSocket session sent.
   */
  public static String describe(Request request) {
    WebSocketOperation operation = request.tag(WebSocketOperation.class);
    if (operation != null) {
      return "WebSocket " + operation.name();
    }
    return request.method() + " " + redactedPathAndQuery(request.url());
  }

  static String redactedPathAndQuery(HttpUrl url) {
    StringBuilder out = new StringBuilder(url.encodedPath());
    int size = url.querySize();
    for (int i = 0; i < size; i++) {
      out.append(i == 0 ? '?' : '&');
      String name = url.queryParameterName(i);
      out.append(name);
      String value = url.queryParameterValue(i);
      if (value != null) {
        out.append('=').append(isSecretParameter(name) ? REDACTED : value);
      }
    }
    return out.toString();
  }

  private static Set<String> secretHeaders() {
    Set<String> secret = new java.util.TreeSet<>();
    secret.add("authorization");
    for (Exchange exchange : Exchange.values()) {
      exchange.spec().signing().secretHeaders().forEach(header -> secret.add(header.toLowerCase(Locale.ROOT)));
    }
    return Set.copyOf(secret);
  }

  static boolean isSecretHeader(String name) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  static boolean isSecretParameter(String name) {
    return SECRET_QUERY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT));
  }
}
