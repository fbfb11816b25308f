package io.github.exchangeresilience.samples.spring;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeException;
import io.github.exchangeresilience.samples.demo.ExchangeRequests;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Places an order and looks it up through the auto-configured client, on the exchange named, so that traffic shows up
 * in the metrics: {@code POST /orders?exchange=okx}, {@code GET /orders?exchange=okx&clientOrderId=...}. The
 * exchanges' base URLs are {@code sample.<exchange-id>-url}; the simulated ones when the simulator runs.
 */
@RestController
class OrderController {
  private final OkHttpClient client;
  private final Map<Exchange, HttpUrl> bases;

  OrderController(OkHttpClient client, SampleExchanges exchanges) {
    this.client = client;
    this.bases = exchanges.baseUrls();
  }

  @PostMapping("/orders")
  Map<String, Object> place(@RequestParam(defaultValue = "binance-usdm") String exchange) {
    Exchange id = exchange(exchange);
    String clientOrderId = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Map<String, Object> answer = call(ExchangeRequests.placeOrder(id, bases.get(id), clientOrderId));
    answer.put("clientOrderId", clientOrderId);
    return answer;
  }

  @GetMapping("/orders")
  Map<String, Object> lookUp(@RequestParam(defaultValue = "binance-usdm") String exchange,
      @RequestParam String clientOrderId) {
    Exchange id = exchange(exchange);
    return call(ExchangeRequests.lookUpOrder(id, bases.get(id), clientOrderId));
  }

  private static Exchange exchange(String id) {
    return Exchange.fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown exchange " + id));
  }

  private Map<String, Object> call(Request request) {
    Map<String, Object> answer = new LinkedHashMap<>();
    try (Response response = client.newCall(request).execute()) {
      answer.put("status", response.code());
      answer.put("body", response.body().string());
    } catch (ExchangeException e) {
      answer.put("class", e.policyClass().name());
      answer.put("error", e.getMessage());
    } catch (IOException e) {
      answer.put("error", e.getClass().getSimpleName());
    }
    return answer;
  }
}
