package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * A simulated exchange that checks every private request's signature the way the exchange does, recomputing it from
 * the request as received, and answers the exchange's signature error when it does not verify. It keeps an order store
 * keyed by client order id, counts the creations per id, answers lookups and the server time, refuses timestamps
 * outside the receive window of its own clock, and plays scripted answers for the next order placements.
 */
final class SignedExchange extends Dispatcher {
  static final String API_KEY = "rlk7QpT2vN9xW4mZ8cF1aJ6dS3gH5yBu";
  static final String SECRET = "Zx8Vq3Lm0Np5Rt7Wy2Bc4Df6Gh9Jk1Ms";
  static final String PASSPHRASE = "Pq7-Tr9!Kw2";

  /** What the next order placement meets. */
  enum Script {
    /** Placed and answered. */
    PLACE,
    /** Not placed: a rate limit refusal, with Retry-After: 1. */
    RATE_LIMIT,
    /** Placed, but the answer says the outcome is unknown. */
    UNKNOWN_PLACED,
    /** Not placed, and the answer says the outcome is unknown. */
    UNKNOWN_NOT_PLACED
  }

  /** A request as received, with whether its signature verified and the timestamp it carried. */
  record Received(String method, String path, boolean verified, Long timestamp, String clientOrderId) {}

  private final Exchange exchange;
  private final Clock clock;
  private final Duration skew;
  private final Deque<Script> script = new ArrayDeque<>();
  final Map<String, String> orders = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> creates = new ConcurrentHashMap<>();
  final List<Received> received = new CopyOnWriteArrayList<>();
  /** Lookups of an existing order that answer "does not exist" first, as an order not yet visible. */
  private final AtomicInteger invisibleLookups = new AtomicInteger();

  /** {@code skew}: how far this exchange's clock is ahead of {@code clock}. */
  SignedExchange(Exchange exchange, Clock clock, Duration skew) {
    this.exchange = exchange;
    this.clock = clock;
    this.skew = skew;
  }

  synchronized SignedExchange then(Script... next) {
    script.addAll(List.of(next));
    return this;
  }

  SignedExchange invisibleFor(int lookups) {
    invisibleLookups.set(lookups);
    return this;
  }

  int creates(String clientOrderId) {
    AtomicInteger count = creates.get(clientOrderId);
    return count == null ? 0 : count.get();
  }

  List<Received> placements() {
    return received.stream().filter(r -> "POST".equals(r.method())).toList();
  }

  List<Received> lookups() {
    return received.stream().filter(r -> "GET".equals(r.method()) && !r.path().equals(timePath())).toList();
  }

  private synchronized Script nextScript() {
    return script.isEmpty() ? Script.PLACE : script.poll();
  }

  private long serverNow() {
    return clock.millis() + skew.toMillis();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String target = request.getTarget();
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? "" : target.substring(question + 1);
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    String method = request.getMethod();
    if (path.equals(timePath())) {
      boolean unsigned = request.getHeaders().names().stream().noneMatch(RequestDescriptions::isSecretHeader)
          && !query.contains("signature=");
      received.add(new Received(method, path, unsigned, null, null));
      return unsigned ? timeAnswer() : json(400, "{\"msg\":\"public endpoint signed\"}");
    }
    Verification verification = verify(method, path, query, body, request.getHeaders());
    String clientOrderId = "POST".equals(method) ? clientOrderId(query, body) : null;
    received.add(new Received(method, path, verification.valid(), verification.timestamp(), clientOrderId));
    if (!verification.valid()) {
      return badSignature();
    }
    long now = serverNow();
    if (verification.timestamp() >= now + 1000 || now - verification.timestamp() > 5000) {
      return clockSkew();
    }
    if ("POST".equals(method)) {
      return place(clientOrderId);
    }
    String lookedUp = lookupId(query);
    if (lookedUp == null) {
      return json(400, "{\"msg\":\"unexpected request " + path + "\"}");
    }
    return lookup(path, lookedUp);
  }

  private MockResponse place(String clientOrderId) {
    Script next = nextScript();
    if (next == Script.RATE_LIMIT) {
      return rateLimit();
    }
    if (clientOrderId == null) {
      return json(400, "{\"msg\":\"no client order id\"}");
    }
    if (orders.containsKey(clientOrderId)) {
      return json(400, "{\"msg\":\"duplicate client order id " + clientOrderId + "\"}");
    }
    if (next != Script.UNKNOWN_NOT_PLACED) {
      orders.put(clientOrderId, "FILLED");
      creates.computeIfAbsent(clientOrderId, id -> new AtomicInteger()).incrementAndGet();
    }
    return next == Script.PLACE ? placed(clientOrderId) : executionUnknown();
  }

  // --- signatures, as each exchange documents them -------------------------------------------------------------

  private record Verification(boolean valid, Long timestamp) {}

  private Verification verify(String method, String target, String query, String body, Headers headers) {
    try {
      return switch (exchange) {
        case BINANCE_USDM -> {
          boolean inBody = body.contains("signature=");
          String signed = inBody ? body : query;
          int at = signed.lastIndexOf("signature=");
          if (at < 0 || !API_KEY.equals(headers.get("X-MBX-APIKEY"))) {
            yield new Verification(false, null);
          }
          String signature = signed.substring(at + "signature=".length());
          String withoutSignature = signed.substring(0, Math.max(0, at - 1));
          String total = inBody ? query + withoutSignature : withoutSignature + body;
          Long timestamp = Long.valueOf(param(query + "&" + body, "timestamp"));
          yield new Verification(hex(total).equals(signature) && !signature.contains("&"), timestamp);
        }
        case OKX -> {
          String ts = headers.get("OK-ACCESS-TIMESTAMP");
          String path = query.isEmpty() ? target : target + "?" + query;
          boolean ok = API_KEY.equals(headers.get("OK-ACCESS-KEY"))
              && PASSPHRASE.equals(headers.get("OK-ACCESS-PASSPHRASE"))
              && base64(ts + method + path + body).equals(headers.get("OK-ACCESS-SIGN"));
          yield new Verification(ok, Instant.parse(ts).toEpochMilli());
        }
        case BYBIT -> {
          String ts = headers.get("X-BAPI-TIMESTAMP");
          String payload = ts + API_KEY + headers.get("X-BAPI-RECV-WINDOW") + ("GET".equals(method) ? query : body);
          boolean ok = API_KEY.equals(headers.get("X-BAPI-API-KEY"))
              && hex(payload).equals(headers.get("X-BAPI-SIGN"));
          yield new Verification(ok, Long.valueOf(ts));
        }
        case BITGET -> {
          String ts = headers.get("ACCESS-TIMESTAMP");
          String path = query.isEmpty() ? target : target + "?" + query;
          boolean ok = API_KEY.equals(headers.get("ACCESS-KEY"))
              && PASSPHRASE.equals(headers.get("ACCESS-PASSPHRASE"))
              && base64(ts + method + path + body).equals(headers.get("ACCESS-SIGN"));
          yield new Verification(ok, Long.valueOf(ts));
        }
      };
    } catch (RuntimeException e) {
      return new Verification(false, null);
    }
  }

  private static String hex(String payload) {
    return HexFormat.of().formatHex(hmac(payload));
  }

  private static String base64(String payload) {
    return Base64.getEncoder().encodeToString(hmac(payload));
  }

  private static byte[] hmac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // --- requests -------------------------------------------------------------------------------------------------

  String timePath() {
    return switch (exchange) {
      case BINANCE_USDM -> "/fapi/v1/time";
      case OKX -> "/api/v5/public/time";
      case BYBIT -> "/v5/market/time";
      case BITGET -> "/api/v2/public/time";
    };
  }

  private String clientOrderId(String query, String body) {
    return switch (exchange) {
      case BINANCE_USDM -> param(query + "&" + body, "newClientOrderId");
      case OKX -> jsonField(body, "clOrdId");
      case BYBIT -> jsonField(body, "orderLinkId");
      case BITGET -> jsonField(body, "clientOid");
    };
  }

  private String lookupId(String query) {
    return switch (exchange) {
      case BINANCE_USDM -> param(query, "origClientOrderId");
      case OKX -> param(query, "clOrdId");
      case BYBIT -> param(query, "orderLinkId");
      case BITGET -> param(query, "clientOid");
    };
  }

  private static String param(String params, String name) {
    for (String pair : params.split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String jsonField(String json, String name) {
    Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return matcher.find() ? matcher.group(1) : null;
  }

  // --- answers, as each exchange documents them -----------------------------------------------------------------

  private MockResponse lookup(String path, String clientOrderId) {
    if (exchange == Exchange.BYBIT && path.endsWith("/realtime")) {
      // A filled order has left the real-time list: only the history has it.
      return json(200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\",\"list\":[]},"
          + "\"time\":" + serverNow() + "}");
    }
    boolean exists = orders.containsKey(clientOrderId);
    if (exists && invisibleLookups.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      exists = false;
    }
    String order = "{\"orderId\":\"1321003749386327552\",\"orderLinkId\":\"" + clientOrderId
        + "\",\"symbol\":\"BTCUSDT\",\"orderStatus\":\"Filled\"}";
    return switch (exchange) {
      case BINANCE_USDM -> exists
          ? json(200, "{\"orderId\":22542179,\"symbol\":\"BTCUSDT\",\"status\":\"FILLED\",\"clientOrderId\":\""
              + clientOrderId + "\"}")
          : json(400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}");
      case OKX -> exists
          ? json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"state\":\"filled\","
              + "\"ordId\":\"312269865356374016\",\"clOrdId\":\"" + clientOrderId + "\"}]}")
          : json(200, "{\"code\":\"51603\",\"msg\":\"Order does not exist\",\"data\":[]}");
      case BYBIT -> json(200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\",\"list\":["
          + (exists ? order : "") + "]},\"time\":" + serverNow() + "}");
      case BITGET -> exists
          ? json(200, "{\"code\":\"00000\",\"msg\":\"success\",\"data\":{\"state\":\"filled\",\"orderId\":\"1001\","
              + "\"clientOid\":\"" + clientOrderId + "\"}}")
          : json(400, "{\"code\":\"25204\",\"msg\":\"Order does not exist\",\"data\":null}");
    };
  }

  private MockResponse placed(String clientOrderId) {
    return switch (exchange) {
      case BINANCE_USDM -> json(200, "{\"orderId\":22542179,\"symbol\":\"BTCUSDT\",\"status\":\"NEW\","
          + "\"clientOrderId\":\"" + clientOrderId + "\"}");
      case OKX -> json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"" + clientOrderId
          + "\",\"ordId\":\"312269865356374016\",\"sCode\":\"0\",\"sMsg\":\"\"}]}");
      case BYBIT -> json(200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":\"1321003749386327552\","
          + "\"orderLinkId\":\"" + clientOrderId + "\"},\"retExtInfo\":{},\"time\":" + serverNow() + "}");
      case BITGET -> json(200, "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":" + serverNow()
          + ",\"data\":{\"orderId\":\"1001\",\"clientOid\":\"" + clientOrderId + "\"}}");
    };
  }

  private MockResponse executionUnknown() {
    return switch (exchange) {
      case BINANCE_USDM -> json(200, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server."
          + " Send status unknown; execution status unknown.\"}");
      case OKX -> json(200, "{\"code\":\"50004\",\"msg\":\"Endpoint request timeout.\",\"data\":[]}");
      case BYBIT -> json(200, "{\"retCode\":10016,\"retMsg\":\"Server error.\",\"result\":{},\"time\":"
          + serverNow() + "}");
      case BITGET -> json(200, "{\"code\":\"40725\",\"msg\":\"service return an error\",\"data\":null}");
    };
  }

  private MockResponse rateLimit() {
    MockResponse.Builder answer = switch (exchange) {
      case BINANCE_USDM -> builder(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}");
      case OKX -> builder(429, "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}");
      case BYBIT -> builder(200, "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"time\":"
          + serverNow() + "}");
      case BITGET -> builder(429, "{\"code\":\"429\",\"msg\":\"Too Many Requests\",\"data\":null}");
    };
    return answer.addHeader("Retry-After", "1").build();
  }

  private MockResponse badSignature() {
    return switch (exchange) {
      case BINANCE_USDM -> json(400, "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");
      case OKX -> json(401, "{\"code\":\"50113\",\"msg\":\"Invalid signature.\",\"data\":[]}");
      case BYBIT -> json(200, "{\"retCode\":10004,\"retMsg\":\"error sign!\",\"result\":{},\"time\":"
          + serverNow() + "}");
      case BITGET -> json(400, "{\"code\":\"40009\",\"msg\":\"sign signature error\",\"data\":null}");
    };
  }

  private MockResponse clockSkew() {
    return switch (exchange) {
      case BINANCE_USDM -> json(400, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the"
          + " recvWindow.\"}");
      case OKX -> json(401, "{\"code\":\"50102\",\"msg\":\"Timestamp request expired.\",\"data\":[]}");
      case BYBIT -> json(200, "{\"retCode\":10002,\"retMsg\":\"The request time exceeds the time window range.\","
          + "\"result\":{},\"time\":" + serverNow() + "}");
      case BITGET -> json(400, "{\"code\":\"40008\",\"msg\":\"Request timestamp expired\",\"data\":null}");
    };
  }

  private MockResponse timeAnswer() {
    long now = serverNow();
    return switch (exchange) {
      case BINANCE_USDM -> json(200, "{\"serverTime\":" + now + "}");
      case OKX -> json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"ts\":\"" + now + "\"}]}");
      case BYBIT -> json(200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"timeSecond\":\"" + now / 1000
          + "\",\"timeNano\":\"" + now + "000000\"},\"retExtInfo\":{},\"time\":" + now + "}");
      case BITGET -> json(200, "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":" + now
          + ",\"data\":{\"serverTime\":\"" + now + "\"}}");
    };
  }

  private static MockResponse json(int code, String body) {
    return builder(code, body).build();
  }

  private static MockResponse.Builder builder(int code, String body) {
    return new MockResponse.Builder().code(code).body(body).addHeader("Content-Type", "application/json");
  }
}
