package io.github.exchangeresilience.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@link ResponseSnapshot}s of the decoder tests as an HTTP client would see the responses. */
final class Snapshots {
  private Snapshots() {}

  /** A whole JSON body with the given status and headers given as name, value, name, value... */
  static ResponseSnapshot json(int status, String body, String... headerNamesAndValues) {
    return builder(status, "application/json", headerNamesAndValues).body(body).build();
  }

  /** A whole body of any content type. */
  static ResponseSnapshot body(int status, String contentType, String body, String... headerNamesAndValues) {
    return builder(status, contentType, headerNamesAndValues).body(body).build();
  }

  /** The first {@code limit} bytes of a longer body, as an interceptor hands it over. */
  static ResponseSnapshot prefix(int status, byte[] wholeBody, int limit) {
    byte[] prefix = Arrays.copyOf(wholeBody, Math.min(limit, wholeBody.length));
    return ResponseSnapshot.builder()
        .httpStatus(status)
        .contentType("application/json")
        .body(prefix, prefix.length == wholeBody.length)
        .build();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ResponseSnapshot.Builder builder(int status, String contentType, String... headerNamesAndValues) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      headers.put(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
    }
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return ResponseSnapshot.builder()
        .httpStatus(status)
        .contentType(contentType)
        .headers(HeaderLookup.of(headers));
  }
}
