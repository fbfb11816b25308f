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
    return exchange == Exchange.BYBIT ? status(api.login().op(), 0, "OK", connection)
        : status(api.login().op(), exchange == Exchange.OKX ? "0" : 0, "", connection);
  }

  /** A login refused for no fault of the credentials: an internal error, a busy service. */
  String loginFailed(int connection) {
    return switch (exchange) {
      case OKX -> status(api.frames().errorEvent(), "63999",
          "Login failed due to internal error. Please try again later.", connection);
      case BYBIT -> status(api.login().op(), 10016, "Service is restarting", connection);
      default -> status(api.frames().errorEvent(), "25003", "Concurrent operation, please retry", connection);
    };
  }

  /** A login refused for its key, with the code each exchange's login documents for it. */
  String loginKeyRefused(int connection) {
    return switch (exchange) {
      case OKX -> status(api.frames().errorEvent(), "60005", "Invalid apiKey", connection);
      case BYBIT -> status(api.login().op(), 10004, "Invalid sign", connection);
      default -> status(api.frames().errorEvent(), "40006", "Invalid ACCESS_KEY", connection);
    };
  }

  /** The answer to the keep-alive's ping. */
  String pong(int connection) {
    WebSocketApi.KeepAlive keepAlive = api.keepAlive();
    if (keepAlive.kind() != WebSocketApi.KeepAlive.Kind.JSON) {
      return keepAlive.pong();
    }
    return Json.write(json -> {
      json.writeStartObject();
      json.writeNumberField(spec.envelope().codeField(), 0);
      json.writeStringField(spec.envelope().messageField(), "OK");
      json.writeStringField(api.frames().kindFields().get(0), keepAlive.pong());
      json.writeArrayFieldStart("data");
      json.writeString("0");
      json.writeEndArray();
      json.writeStringField("connId", "sim-" + connection);
      json.writeEndObject();
    });
  }

  /** OKX's notice that the connection closes for an upgrade. */
  String upgradeNotice(int connection) {
    return status(api.frames().noticeEvent(), "64008",
        "The connection will soon be closed for a service upgrade. Please reconnect.", connection);
  }

  /** Bybit's refusal while its trade service restarts. */
  String restarting(String id, String operation, int connection) {
    return Json.write(json -> {
      json.writeStartObject();
      json.writeStringField(api.requests().idField(), id);
      json.writeNumberField(spec.envelope().codeField(), 10019);
      json.writeStringField(spec.envelope().messageField(), "ws trade service is restarting, do not accept new"
          + " request, but the request in the process is not affected. You can build new connection to be routed to"
          + " normal service");
      json.writeStringField(api.requests().opField(), operation);
      json.writeObjectFieldStart("data");
      json.writeEndObject();
      json.writeObjectFieldStart("retExtInfo");
      json.writeEndObject();
      json.writeObjectFieldStart(api.frames().headerField());
      json.writeEndObject();
      json.writeStringField("connId", "sim-" + connection);
      json.writeEndObject();
    });
  }

  /**
   * A frame of the exchange's own (a login's answer, an error, a notice): its kind in the field that names it, its code
   * (a string or a number, as the exchange writes it) and its message, with the connection's id where the exchange
   * gives one.
   */
  private String status(String kind, Object code, String message, int connection) {
    return Json.write(json -> {
      json.writeStartObject();
      json.writeStringField(api.frames().kindFields().get(0), kind);
      if (code instanceof Integer number) {
        json.writeNumberField(spec.envelope().codeField(), number);
      } else {
        json.writeStringField(spec.envelope().codeField(), code.toString());
      }
      json.writeStringField(spec.envelope().messageField(), message);
      if (exchange != Exchange.BITGET) {
        json.writeStringField("connId", "sim-" + connection);
      }
      json.writeEndObject();
    });
  }
}
