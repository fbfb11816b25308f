package io.github.exchangeresilience.samples.spring;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads a price through the auto-configured client, so that traffic shows up in the metrics. */
@RestController
class TickerController {
  private final OkHttpClient client;
  private final HttpUrl binance;

  TickerController(OkHttpClient client,
      @Value("${sample.binance-url:}") String binanceUrl) {
    this.client = client;
    // Binance's live host, from its specification, unless the sample is pointed elsewhere.
    this.binance = HttpUrl.get(binanceUrl.isBlank()
        ? Exchange.BINANCE_USDM.spec().hosts().defaultBaseUrl() : binanceUrl);
  }

  @GetMapping("/price")
  Map<String, Object> price(@RequestParam(defaultValue = "BTCUSDT") String symbol) {
    Request request = new Request.Builder()
        .url(binance.newBuilder().encodedPath("/fapi/v1/ticker/price").addQueryParameter("symbol", symbol).build())
        .build();
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
