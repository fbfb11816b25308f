package io.github.exchangeresilience.samples.spring;

import io.github.exchangeresilience.catalog.Exchange;
import java.util.EnumMap;
import java.util.Map;
import okhttp3.HttpUrl;
import org.springframework.core.env.Environment;

/** Where the sample sends each exchange's requests: {@code sample.<exchange-id>-url}, else its documented host. */
class SampleExchanges {
  private final Map<Exchange, HttpUrl> baseUrls;

  SampleExchanges(Map<Exchange, HttpUrl> baseUrls) {
    this.baseUrls = Map.copyOf(baseUrls);
  }

  static SampleExchanges from(Environment environment) {
    Map<Exchange, HttpUrl> urls = new EnumMap<>(Exchange.class);
    for (Exchange exchange : Exchange.values()) {
      urls.put(exchange, HttpUrl.get(environment.getProperty("sample." + exchange.id() + "-url",
          exchange.spec().hosts().defaultBaseUrl())));
    }
    return new SampleExchanges(urls);
  }

  Map<Exchange, HttpUrl> baseUrls() {
    return baseUrls;
  }
}
