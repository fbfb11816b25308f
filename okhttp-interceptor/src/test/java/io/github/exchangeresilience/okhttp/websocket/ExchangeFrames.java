package io.github.exchangeresilience.okhttp.websocket;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answer frames as each exchange's WebSocket pages show them, echoing a request's id and client order id. */
final class ExchangeFrames {
  private ExchangeFrames() {}

  static String id(Exchange exchange, FakeWebSocketExchange.Incoming incoming) {
    return incoming.field(exchange.spec().webSocket().requests().idField());
  }

  static String clientOrderId(Exchange exchange, FakeWebSocketExchange.Incoming incoming) {
    String id = incoming.field(exchange.spec().orders().clientOrderIdField());
    return id == null ? "" : id;
  }

  /** The order was placed. */
  static String placed(Exchange exchange, FakeWebSocketExchange.Incoming incoming) {
    String id = id(exchange, incoming);
    String clientOrderId = clientOrderId(exchange, incoming);
    return switch (exchange) {
      case BINANCE_USDM -> "{\"id\":\"" + id + "\",\"status\":200,\"result\":{\"orderId\":325078477,\"symbol\":"
          + "\"BTCUSDT\",\"status\":\"NEW\",\"clientOrderId\":\"" + clientOrderId + "\",\"price\":\"100.00\","
          + "\"origQty\":\"1.000\",\"executedQty\":\"0.000\",\"type\":\"LIMIT\",\"side\":\"BUY\",\"updateTime\":"
          + "1705385954229},\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\","
          + "\"intervalNum\":1,\"limit\":2400,\"count\":3},{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\","
          + "\"intervalNum\":10,\"limit\":300,\"count\":1}]}";
      case OKX -> "{\"id\":\"" + id + "\",\"op\":\"order\",\"data\":[{\"clOrdId\":\"" + clientOrderId + "\",\"ordId\":"
          + "\"12345689\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"0\",\"sMsg\":\"\"}],\"code\":\"0\","
          + "\"msg\":\"\",\"inTime\":\"1695190491421339\",\"outTime\":\"1695190491423240\"}";
      case BYBIT -> "{\"reqId\":\"" + id + "\",\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"order.create\",\"data\":{"
          + "\"orderId\":\"a4c1718e-fe53-4659-a118-1f6ecce04ad9\",\"orderLinkId\":\"" + clientOrderId + "\"},"
          + "\"retExtInfo\":{},\"header\":{\"X-Bapi-Limit\":\"10\",\"X-Bapi-Limit-Status\":\"9\","
          + "\"X-Bapi-Limit-Reset-Timestamp\":\"1711001595208\",\"Traceid\":\"38b7977b\",\"Timenow\":"
          + "\"1711001595209\"},\"connId\":\"cnt5leec0hvan15eukcg-2v\"}";
      case BITGET -> "{\"event\":\"trade\",\"id\":\"" + id + "\",\"category\":\"usdt-futures\",\"topic\":"
          + "\"place-order\",\"args\":[{\"symbol\":\"BTCUSDT\",\"orderId\":\"1321\",\"clientOid\":\"" + clientOrderId
          + "\",\"cTime\":\"1750034397008\"}],\"code\":\"0\",\"msg\":\"success\",\"ts\":1750034397076}";
    };
  }

  /** The request was refused with {@code code}; {@code status} is Binance's, ignored elsewhere. */
  static String refused(Exchange exchange, FakeWebSocketExchange.Incoming incoming, int status, String code,
      String message) {
    String id = id(exchange, incoming);
    return switch (exchange) {
      case BINANCE_USDM -> "{\"id\":\"" + id + "\",\"status\":" + status + ",\"error\":{\"code\":" + code
          + ",\"msg\":\"" + message + "\"},\"rateLimits\":[]}";
      case OKX -> "{\"id\":\"" + id + "\",\"op\":\"order\",\"data\":[],\"code\":\"" + code + "\",\"msg\":\""
          + message + "\",\"inTime\":\"1\",\"outTime\":\"2\"}";
      case BYBIT -> "{\"reqId\":\"" + id + "\",\"retCode\":" + code + ",\"retMsg\":\"" + message
          + "\",\"op\":\"order.create\",\"data\":{},\"retExtInfo\":{},\"header\":{},\"connId\":\"c1\"}";
      case BITGET -> "{\"event\":\"error\",\"id\":\"" + id + "\",\"code\":\"" + code + "\",\"msg\":\"" + message
          + "\"}";
    };
  }

  /** OKX's refusal of one order, in its item. */
  static String okxItemRefused(FakeWebSocketExchange.Incoming incoming, String sCode, String sMsg) {
    return "{\"id\":\"" + id(Exchange.OKX, incoming) + "\",\"op\":\"order\",\"data\":[{\"clOrdId\":\""
        + clientOrderId(Exchange.OKX, incoming) + "\",\"ordId\":\"\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\""
        + sCode + "\",\"sMsg\":\"" + sMsg + "\"}],\"code\":\"1\",\"msg\":\"\",\"inTime\":\"1\",\"outTime\":\"2\"}";
  }

  static String loggedIn(Exchange exchange) {
    return switch (exchange) {
      case OKX -> "{\"event\":\"login\",\"code\":\"0\",\"msg\":\"\",\"connId\":\"a4d3ae55\"}";
      case BYBIT -> "{\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"auth\",\"connId\":\"cnt5leec0hvan15eukcg-2t\"}";
      case BITGET -> "{\"event\":\"login\",\"code\":0,\"msg\":\"\"}";
      case BINANCE_USDM -> throw new IllegalArgumentException("Binance signs each request");
    };
  }

  static String loginRefused(Exchange exchange) {
    return switch (exchange) {
      case OKX -> "{\"event\":\"error\",\"code\":\"60009\",\"msg\":\"Login failed.\",\"connId\":\"a4d3ae55\"}";
      case BYBIT -> "{\"retCode\":10004,\"retMsg\":\"Invalid sign\",\"op\":\"auth\",\"connId\":\"c1\"}";
      case BITGET -> "{\"event\":\"error\",\"code\":\"40006\",\"msg\":\"Invalid ACCESS_KEY\"}";
      case BINANCE_USDM -> throw new IllegalArgumentException("Binance signs each request");
    };
  }

  static String pong(Exchange exchange) {
    return exchange == Exchange.BYBIT
        ? "{\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"pong\",\"data\":[\"1711002002529\"],\"connId\":\"c1\"}"
        : "pong";
  }

  /**
   * The scalar fields of the object under the top-level {@code field} (or of its array's first object), in order, as
   * text; empty if there is none.
   */
  static Map<String, String> object(String frame, String field) {
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser parser = new JsonFactory().createParser(frame)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!name.equals(field)) {
          parser.skipChildren();
          continue;
        }
        if (value == JsonToken.START_ARRAY) {
          value = parser.nextToken();
        }
        if (value != JsonToken.START_OBJECT) {
          return fields;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          JsonToken item = parser.nextToken();
          if (item.isScalarValue()) {
            fields.put(key, parser.getText());
          } else {
            parser.skipChildren();
          }
        }
        return fields;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fields;
  }
}
