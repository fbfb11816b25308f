package io.github.exchangeresilience.samples.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain OkHttp client for the tests: no interceptor, and no silent resend of a POST on a failed connection. */
final class Http {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient client;

  Http() {
    this(Duration.ofSeconds(5));
  }

  Http(Duration readTimeout) {
    this.client = new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .readTimeout(readTimeout)
        .build();
  }

  Answer get(String url) throws IOException {
    return call(new Request.Builder().url(url).get().build());
  }

  Answer postJson(String url, String json) throws IOException {
    return call(new Request.Builder().url(url).post(RequestBody.create(json, JSON)).build());
  }

  Answer postForm(String url, Map<String, String> params) throws IOException {
    FormBody.Builder form = new FormBody.Builder();
    params.forEach(form::add);
    return call(new Request.Builder().url(url).post(form.build()).build());
  }

  /** A POST whose parameters are all in the query string, as Binance clients often send them. */
  Answer postQuery(String url) throws IOException {
    return call(new Request.Builder().url(url).post(RequestBody.create(new byte[0], null)).build());
  }

  /** Like the others, but an I/O failure (reset, timeout) is returned as the exception instead of thrown. */
  Object attempt(IoCall call) {
    try {
      return call.run();
    } catch (IOException e) {
      return e;
    }
  }

  interface IoCall {
    Answer run() throws IOException;
  }

  Answer call(Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return new Answer(response.code(), response.header("Content-Type", ""), response.headers(),
          response.body().string());
    }
  }

  /** A received answer, with JSON navigation by member names and array indexes. */
  record Answer(int status, String contentType, okhttp3.Headers headers, String body) {
    String header(String name) {
      return headers.get(name);
    }

    Object json() {
      try {
        return Json.read(body);
      } catch (Json.MalformedJsonException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    /** The value at a path of member names (String) and indexes (Integer), as text; null if absent. */
    String text(Object... path) {
      Object value = at(path);
      return value == null ? null : value.toString();
    }

    List<Object> list(Object... path) {
      return Json.array(at(path));
    }

    Object at(Object... path) {
      Object value = json();
      for (Object step : path) {
        if (step instanceof Integer index) {
          List<Object> array = Json.array(value);
          value = array == null || index >= array.size() ? null : array.get(index);
        } else {
          Map<String, Object> object = Json.object(value);
          value = object == null ? null : object.get((String) step);
        }
      }
      return value;
    }
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
