package io.github.exchangeresilience.exchange;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How an exchange takes orders over its WebSocket API: where to connect, how a request frame is shaped and signed,
 * how the connection is logged in and kept alive, and how an answer frame carries what a REST answer carries in its
 * status, headers and body. The session reads every name from here; the frames are decoded by the exchange's
 * decoder.
 *
 * @param urls the endpoints
 * @param requests the request frames
 * @param login how a connection logs in; {@code null} where each request is signed instead
 * @param keepAlive how the connection is kept open
 * @param frames how the answer frames read
 */
public record WebSocketApi(Urls urls, Requests requests, Login login, KeepAlive keepAlive, Frames frames) {
  public WebSocketApi {
    Objects.requireNonNull(urls, "urls");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(frames, "frames");
    if (login == null && !requests.signedOneByOne() && requests.headerField() == null) {
      throw new IllegalArgumentException("a WebSocket API without a login signs each request");
    }
  }

  /**
   * The order-entry endpoints.
   *
   * @param live the production endpoint
   * @param testnet the testnet endpoint, or {@code null}
   * @param demo the demo-trading endpoint, or {@code null}
   */
  public record Urls(String live, String testnet, String demo) {
    public Urls {
      Objects.requireNonNull(live, "live");
    }
  }

  /**
   * The shape of a request frame: {@code {"<idField>":..., "<opField>":"<operation>", "<argsField>":...}}.
   *
   * @param idField the field of the request id the answer echoes
   * @param opField the field of the operation's name
   * @param constantFields fields every request frame carries as they are
   * @param argsField the field of the order's parameters
   * @param argsInArray whether the parameters are an array of one object or the object itself
   * @param place the operation that places an order
   * @param cancel the operation that cancels one
   * @param status the operation that tells an order's status; {@code null} where there is none
   * @param restPlacement the REST placement a WebSocket placement equals, whose lookups reconcile it
   * @param frameFields order fields that go in the frame rather than among the parameters
   * @param headerField the object each request's signing timestamp goes in, or {@code null}
   * @param signedOneByOne whether each request carries the API key, a timestamp and a signature
   * @param apiKeyParameter the parameter of the API key in a request signed one by one
   */
  public record Requests(String idField, String opField, Map<String, String> constantFields, String argsField,
      boolean argsInArray, String place, String cancel, String status, String restPlacement, Set<String> frameFields,
      String headerField, boolean signedOneByOne, String apiKeyParameter) {
    public Requests {
      Objects.requireNonNull(idField, "idField");
      Objects.requireNonNull(opField, "opField");
      constantFields = Map.copyOf(constantFields);
      Objects.requireNonNull(argsField, "argsField");
      Objects.requireNonNull(place, "place");
      Objects.requireNonNull(cancel, "cancel");
      Objects.requireNonNull(restPlacement, "restPlacement");
      frameFields = Set.copyOf(frameFields);
      if (signedOneByOne && apiKeyParameter == null) {
        throw new IllegalArgumentException("a request signed one by one names its API key parameter");
      }
    }
  }

  /**
   * A login frame: {@code {"<opField>":"<op>","<argsField>":[...]}}, its signature = HMAC-SHA256 of the pre-hash
   * text, where the pre-hash text is the timestamp then the method and path, or the method and path then the
   * timestamp.
   *
   * @param opField the field of the operation
   * @param op the operation, and the event or op of its answer
   * @param argsField the field of the arguments, an array
   * @param namedArgs whether the arguments are one object with the names below or a positional array of key,
   *     timestamp and signature
   * @param apiKeyArg the API key's argument
   * @param passphraseArg the passphrase's argument, or {@code null}
   * @param timestampArg the timestamp's argument
   * @param signArg the signature's argument
   * @param method the method the pre-hash text names
   * @param path the path the pre-hash text names
   * @param timestampFirst whether the timestamp leads the pre-hash text
   * @param timestampUnit what the timestamp counts, from the epoch
   * @param expiresAfter how far ahead of now the timestamp is (an expiry), zero for now
   * @param base64 whether the signature is Base64 rather than hex
   */
  public record Login(String opField, String op, String argsField, boolean namedArgs, String apiKeyArg,
      String passphraseArg, String timestampArg, String signArg, String method, String path, boolean timestampFirst,
      TimeUnit timestampUnit, Duration expiresAfter, boolean base64) {
    public Login {
      Objects.requireNonNull(opField, "opField");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(argsField, "argsField");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(timestampUnit, "timestampUnit");
      Objects.requireNonNull(expiresAfter, "expiresAfter");
      if (namedArgs && (apiKeyArg == null || timestampArg == null || signArg == null)) {
        throw new IllegalArgumentException("named login arguments need their names");
      }
    }
  }

  /**
   * How a connection is kept alive, and how long it may live.
   *
   * @param kind ping frames of the protocol, or a text or JSON ping of the API
   * @param ping the ping frame's text, for {@link Kind#TEXT} and {@link Kind#JSON}
   * @param pong the pong's text ({@link Kind#TEXT}) or its event or op ({@link Kind#JSON})
   * @param interval how often to ping
   * @param maxConnectionAge how long the exchange keeps a connection before closing it, or {@code null}
   */
  public record KeepAlive(Kind kind, String ping, String pong, Duration interval, Duration maxConnectionAge) {
    /** What a ping is. */
    public enum Kind {
      /** WebSocket ping and pong frames (RFC 6455), answered by the protocol. */
      PROTOCOL,
      /** A text frame, answered by a text frame. */
      TEXT,
      /** A JSON frame, answered by a frame whose event or op is the pong. */
      JSON
    }

    public KeepAlive {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(interval, "interval");
      if (kind != Kind.PROTOCOL && (ping == null || pong == null)) {
        throw new IllegalArgumentException(kind + " keep-alive needs its ping and pong");
      }
    }
  }

  /**
   * How an answer frame carries what a REST answer carries: the frame, or one of its fields, is the body the
   * exchange's decoder reads; a status field is the HTTP status; headers and rate limits become the headers the
   * specification's rate-limit headers name.
   *
   * @param kindFields the fields telling what a frame is (its event or op), the first present wins
   * @param statusField the field of an HTTP-like status, or {@code null}
   * @param bodyFields the fields holding the body (a result or an error); empty where the frame is the body
   * @param headerField the object of header-like fields, or {@code null}
   * @param rateLimits the array of rate-limit readings, or {@code null}
   * @param retryAfter the epoch millisecond a refused request may be sent again and the server's time beside it, or
   *     {@code null}
   * @param errorEvent the kind of an error frame that may come without a request id, or {@code null}
   * @param noticeEvent the kind of a notice the server pushes, or {@code null}
   * @param reconnectCodes codes that say the connection is going away and a new one should take the requests
   */
  public record Frames(List<String> kindFields, String statusField, List<String> bodyFields, String headerField,
      RateLimits rateLimits, RetryAfter retryAfter, String errorEvent, String noticeEvent, Set<String> reconnectCodes) {
    public Frames {
      kindFields = List.copyOf(kindFields);
      bodyFields = List.copyOf(bodyFields);
      reconnectCodes = Set.copyOf(reconnectCodes);
    }
  }

  /**
   * An array of rate-limit readings, each named as the REST header of the same reading: the type's prefix, the
   * interval's count, then the first letter of the interval's unit.
   *
   * @param field the array
   * @param typeField each reading's type
   * @param intervalField its interval's unit
   * @param intervalNumField how many units
   * @param countField what is used
   * @param headerPrefixes the header prefix of each type
   */
  public record RateLimits(String field, String typeField, String intervalField, String intervalNumField,
      String countField, Map<String, String> headerPrefixes) {
    public RateLimits {
      headerPrefixes = Map.copyOf(headerPrefixes);
    }
  }

  /**
   * Where a refusal names when to send again, as epoch milliseconds, beside the server's time.
   *
   * @param path the moment to send again
   * @param serverTimePath the server's time when it answered
   */
  public record RetryAfter(List<String> path, List<String> serverTimePath) {
    public RetryAfter {
      path = List.copyOf(path);
      serverTimePath = List.copyOf(serverTimePath);
    }
  }
}
