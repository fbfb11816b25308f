package io.github.exchangeresilience.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample as the README's command starts it (sample.simulator.enabled=true): on all four simulated exchanges, every
 * metric the Grafana dashboard queries gets a sample above zero, so every panel has something to show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"sample.simulator.enabled=true", "sample.simulator.pause=50ms"})
class SampleWithSimulatorTest {
  private static final Pattern METRIC = Pattern.compile("\\b((?:exchange_resilience|resilience4j)_[a-z0-9_]+)\\b");
  private static final Pattern SAMPLE = Pattern.compile("^([a-z0-9_]+)(\\{[^}]*})? (\\S+)$");

  @LocalServerPort
  int port;

  @Test
  void everyPanelOfTheDashboardLightsUp() throws Exception {
    Set<String> queried = queriedMetrics();
    OkHttpClient plain = new OkHttpClient();
    Map<String, String> lastSeen = new TreeMap<>();
    Set<String> dark = new TreeSet<>(queried);
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!dark.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      String scrape = get(plain, "/actuator/prometheus");
      for (String line : scrape.split("\n")) {
        Matcher sample = SAMPLE.matcher(line);
        if (sample.matches() && Double.parseDouble(sample.group(3)) > 0) {
          dark.remove(sample.group(1));
          lastSeen.put(sample.group(1), line);
        }
      }
    }

    assertThat(dark).as("metrics the dashboard queries that stayed at zero; lit: " + lastSeen.keySet()).isEmpty();
    assertThat(lastSeen).containsKeys("exchange_resilience_bans_total", "exchange_resilience_unknown_codes_total",
        "exchange_resilience_reconciles_total", "exchange_resilience_fail_fasts_total");
    // Every exchange answered through the interceptor.
    String scrape = get(plain, "/actuator/prometheus");
    for (String id : new String[] {"binance-usdm", "okx", "bybit", "bitget"}) {
      assertThat(scrape).containsPattern("exchange_resilience_responses_total\\{[^}]*exchange=\"" + id
          + "\"[^}]*} [1-9]");
    }
  }

  private static Set<String> queriedMetrics() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher matcher = METRIC.matcher(Files.readString(Path.of("grafana", "exchange-resilience.json")));
    while (matcher.find()) {
      String name = matcher.group(1);
      // The timer's _sum and _count are queried; either lights its panel.
      names.add(name.endsWith("_seconds_sum") ? name.replace("_sum", "_count") : name);
    }
    return names;
  }

  private String get(OkHttpClient client, String path) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url("http://localhost:" + port + path).build())
        .execute()) {
      return response.body().string();
    }
  }
}
