package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.BitgetSpec;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.OrderLookup;
import io.github.exchangeresilience.exchange.WebSocketApi;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One exchange's WebSocket operations as the simulator serves them: an order frame becomes the REST placement it
 * equals, handled by the same handler (the same order store, rate windows and coded faults), and the REST answer
 * becomes the answer frame the exchange's WebSocket API sends, every field name from the specification. What is only
 * the fake exchange's (its restart and login refusal frames) is written here.
 */
final class WebSocketFrames {
  private final Exchange exchange;
  private final ExchangeSpec spec;
  private final WebSocketApi api;
  private final String placement;
  private final OrderLookup lookup;

  WebSocketFrames(Exchange exchange) {
    this.exchange = exchange;
    this.spec = exchange.spec();
    this.api = spec.webSocket();
    // The simulated Bitget is its v2 futures API: its unified-account orders are placed there.
    this.placement = SpecReads.pathUnder(spec.orders().singlePlacements(),
        exchange == Exchange.BITGET ? BitgetSpec.FUTURES_V2 : "/");
    this.lookup = SpecReads.lookupFor(spec.lookups().queries(), placement);
  }

  /** The REST placement an order frame's parameters equal. */
  SimRequest placement(Map<String, String> params) {
    if (exchange == Exchange.BINANCE_USDM) {
      return SimRequest.of("POST", placement, params, null);
    }
    Map<String, String> order = new LinkedHashMap<>(params);
    if (exchange == Exchange.BITGET) {
      // The unified account names a product line and a quantity as its futures API does not.
      String category = order.remove("category");
      order.put("productType", category == null ? null : category.toUpperCase(Locale.ROOT));
      order.put("size", order.remove("qty"));
    }
    order.values().removeIf(java.util.Objects::isNull);
    return SimRequest.of("POST", placement, Map.of(), Json.write(json -> {
      json.writeStartObject();
      for (Map.Entry<String, String> field : order.entrySet()) {
        json.writeStringField(field.getKey(), field.getValue());
      }
      json.writeEndObject();
    }));
  }

  /** The REST lookup a cancel or a status frame's order equals. */
  SimRequest lookup(Map<String, String> params) {
    Map<String, String> query = new LinkedHashMap<>();
    for (OrderLookup.Parameter parameter : lookup.parameters()) {
      String value = params.get(parameter.name());
      if (value == null) {
        value = parameter.orderField() == null ? params.get(spec.orders().clientOrderIdField())
            : params.get(parameter.orderField());
      }
      if (value != null) {
        query.put(parameter.name(), value);
      }
    }
    return SimRequest.of("GET", lookup.path(), query, null);
  }

  /**
   * The answer frame of a REST answer, or {@code null} where the answer is no API answer (a CDN's or gateway's page),
   * which on a socket is a broken connection.
   */
  String answer(String id, String operation, Map<String, String> frameFields, Reply reply, long now, int connection) {
    if (reply.isHtml()) {
      return null;
    }
    String body = reply.body();
    return switch (exchange) {
      case BINANCE_USDM -> binance(id, reply, now);
      case OKX -> "{\"" + api.requests().idField() + "\":\"" + id + "\",\"op\":\"" + operation + "\","
          + body.substring(1);
      case BYBIT -> "{\"" + api.requests().idField() + "\":\"" + id + "\","
          + body.substring(1, body.length() - 1).replaceFirst("\"result\":", "\"data\":")
          + ",\"op\":\"" + operation + "\",\"" + api.frames().headerField() + "\":" + headers(reply)
          + ",\"connId\":\"sim-" + connection + "\"}";
      case BITGET -> bitget(id, operation, frameFields, body, now);
    };
  }

  private String binance(String id, Reply reply, long now) {
    String body = reply.body();
    String retryAfter = reply.header("Retry-After");
    if (reply.status() != 200 && retryAfter != null && body.endsWith("}")) {
      long until = now + Long.parseLong(retryAfter) * 1000;
      body = body.substring(0, body.length() - 1) + ",\"data\":{\"serverTime\":" + now + ",\"retryAfter\":" + until
          + "}}";
    }
    return "{\"" + api.requests().idField() + "\":\"" + id + "\",\"" + api.frames().statusField() + "\":"
        + reply.status() + ",\"" + api.frames().bodyFields().get(reply.status() == 200 ? 0 : 1) + "\":" + body
        + ",\"" + api.frames().rateLimits().field() + "\":" + rateLimits(reply) + "}";
  }

  /** Binance's readings: each rate-limit header of the REST answer as the WebSocket API reports it. */
  private String rateLimits(Reply reply) {
    WebSocketApi.RateLimits shape = api.frames().rateLimits();
    StringBuilder out = new StringBuilder("[");
    for (String[] header : reply.headers()) {
      for (Map.Entry<String, String> prefix : shape.headerPrefixes().entrySet()) {
        if (!header[0].startsWith(prefix.getValue())) {
          continue;
        }
        String interval = header[0].substring(prefix.getValue().length());
        String unit = switch (interval.charAt(interval.length() - 1)) {
          case 'S' -> "SECOND";
          case 'M' -> "MINUTE";
          case 'H' -> "HOUR";
          default -> "DAY";
        };
        out.append(out.length() == 1 ? "" : ",").append("{\"").append(shape.typeField()).append("\":\"")
            .append(prefix.getKey()).append("\",\"").append(shape.intervalField()).append("\":\"").append(unit)
            .append("\",\"").append(shape.intervalNumField()).append("\":")
            .append(interval, 0, interval.length() - 1).append(",\"").append(shape.countField()).append("\":")
            .append(header[1]).append('}');
      }
    }
    return out.append(']').toString();
  }

  /** Bybit's header object: the rate-limit headers of the REST answer. */
  private static String headers(Reply reply) {
    StringBuilder out = new StringBuilder("{");
    for (String[] header : reply.headers()) {
      out.append(out.length() == 1 ? "" : ",").append('"').append(header[0]).append("\":\"").append(header[1])
          .append('"');
    }
    return out.append('}').toString();
  }

  private String bitget(String id, String operation, Map<String, String> frameFields, String body, long now) {
    Map<String, Object> rest = Json.object(Json.readQuietly(body));
    String code = rest == null ? null : Json.text(rest, spec.envelope().codeField());
    String message = rest == null ? "" : Json.text(rest, spec.envelope().messageField());
    if (!"00000".equals(code)) {
      return Json.write(json -> {
        json.writeStartObject();
        json.writeStringField("event", api.frames().errorEvent());
        json.writeStringField(api.requests().idField(), id);
        json.writeStringField(spec.envelope().codeField(), code == null ? "40000" : code);
        json.writeStringField(spec.envelope().messageField(), message == null ? "" : message);
        json.writeEndObject();
      });
    }
    Map<String, Object> data = Json.object(rest.get("data"));
    return Json.write(json -> {
      json.writeStartObject();
      json.writeStringField("event", "trade");
      json.writeStringField(api.requests().idField(), id);
      for (Map.Entry<String, String> field : frameFields.entrySet()) {
        json.writeStringField(field.getKey(), field.getValue());
      }
      json.writeStringField(api.requests().opField(), operation);
      json.writeArrayFieldStart(api.requests().argsField());
      json.writeStartObject();
      if (data != null) {
        for (Map.Entry<String, Object> field : data.entrySet()) {
          if (field.getValue() instanceof String text) {
            json.writeStringField(field.getKey(), text);
          }
        }
      }
      json.writeStringField("cTime", Long.toString(now));
      json.writeEndObject();
      json.writeEndArray();
      json.writeStringField(spec.envelope().codeField(), "0");
      json.writeStringField(spec.envelope().messageField(), "success");
      json.writeNumberField("ts", now);
      json.writeEndObject();
    });
  }

  /** The answer to a login. */
  String loggedIn(int connection) {
    return switch (exchange) {
      case OKX -> "{\"event\":\"login\",\"code\":\"0\",\"msg\":\"\",\"connId\":\"sim-" + connection + "\"}";
      case BYBIT -> "{\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"auth\",\"connId\":\"sim-" + connection + "\"}";
      default -> "{\"event\":\"login\",\"code\":0,\"msg\":\"\"}";
    };
  }

  /** A login refused for no fault of the credentials: an internal error, a busy service. */
  String loginFailed(int connection) {
    return switch (exchange) {
      case OKX -> "{\"event\":\"error\",\"code\":\"63999\",\"msg\":\"Login failed due to internal error. Please try"
          + " again later.\",\"connId\":\"sim-" + connection + "\"}";
      case BYBIT -> "{\"retCode\":10016,\"retMsg\":\"Service is restarting\",\"op\":\"auth\",\"connId\":\"sim-"
          + connection + "\"}";
      default -> "{\"event\":\"error\",\"code\":\"25003\",\"msg\":\"Concurrent operation, please retry\"}";
    };
  }

  /** A login refused for its key, with the code each exchange's login documents for it. */
  String loginKeyRefused(int connection) {
    return switch (exchange) {
      case OKX -> "{\"event\":\"error\",\"code\":\"60005\",\"msg\":\"Invalid apiKey\",\"connId\":\"sim-" + connection
          + "\"}";
      case BYBIT -> "{\"retCode\":10004,\"retMsg\":\"Invalid sign\",\"op\":\"auth\",\"connId\":\"sim-" + connection
          + "\"}";
      default -> "{\"event\":\"error\",\"code\":\"40006\",\"msg\":\"Invalid ACCESS_KEY\"}";
    };
  }

  /** The answer to the keep-alive's ping. */
  String pong(int connection) {
    return api.keepAlive().kind() == WebSocketApi.KeepAlive.Kind.JSON
        ? "{\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"pong\",\"data\":[\"0\"],\"connId\":\"sim-" + connection + "\"}"
        : "pong";
  }

  /** OKX's notice that the connection closes for an upgrade. */
  String upgradeNotice(int connection) {
    return "{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The connection will soon be closed for a service"
        + " upgrade. Please reconnect.\",\"connId\":\"sim-" + connection + "\"}";
  }

  /** Bybit's refusal while its trade service restarts. */
  String restarting(String id, String operation, int connection) {
    return "{\"" + api.requests().idField() + "\":\"" + id + "\",\"retCode\":10019,\"retMsg\":\"ws trade service is"
        + " restarting, do not accept new request, but the request in the process is not affected. You can build new"
        + " connection to be routed to normal service\",\"op\":\"" + operation + "\",\"data\":{},\"retExtInfo\":{},"
        + "\"header\":{},\"connId\":\"sim-" + connection + "\"}";
  }
}
