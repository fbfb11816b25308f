package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.decode.HeaderList;
import okhttp3.Headers;

/** A response's OkHttp headers as the decoder reads them: a list, searched in one pass for all the names it wants. */
public final class OkHttpHeaders implements HeaderList {
  private final Headers headers;

  private OkHttpHeaders(Headers headers) {
    this.headers = headers;
  }

  public static HeaderList of(Headers headers) {
    return new OkHttpHeaders(headers);
  }

  @Override
  public int size() {
    return headers.size();
  }

  @Override
  public String name(int index) {
    return headers.name(index);
  }

  @Override
  public String value(int index) {
    return headers.value(index);
  }

  @Override
  public String get(String name) {
    return headers.get(name);
  }
}
