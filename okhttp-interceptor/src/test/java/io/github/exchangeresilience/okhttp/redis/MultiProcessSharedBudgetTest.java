package io.github.exchangeresilience.okhttp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.exchange.RateBudget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several bot processes, each its own JVM, on one IP and one Redis, driving one simulated Binance together: with the
 * Redis store they stay within its weight limit, and a ban earned by one stops all of them.
 */
class MultiProcessSharedBudgetTest {
  private static final int PROCESSES = 3;
  private static final int THREADS = 2;
  /** The exchange's limit per one-second window. */
  private static final int EXCHANGE_LIMIT = 60;
  /**
   * The budget the bots pace to: below the limit by more than the requests that can be in flight at a window's
   * boundary (PROCESSES x THREADS), which reach the exchange in the next window, as they would on the real one.
   */
  private static final int BUDGET = 48;

  private static RedisServer redis;

  @BeforeAll
  static void startRedis() throws IOException {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void processesSharingOneBudgetStayWithinTheExchangeLimit() throws Exception {
    try (SimulatedBinance exchange = new SimulatedBinance(EXCHANGE_LIMIT, 1000, 2, 60_000)) {
      List<Map<String, String>> results = runBots(exchange, "shared", 3000);

      assertThat(exchange.tooManyRequests()).as("HTTP 429 answers").isZero();
      assertThat(exchange.banned()).as("HTTP 418 answers").isZero();
      // Alone on a local 0.2 share they could make 3 x 9 a second at most: this many needs the shared budget.
      assertThat(exchange.ok()).as("requests served").isGreaterThanOrEqualTo(100);
      for (Map<String, String> result : results) {
        assertThat(result).containsEntry("errors", "0").containsEntry("notOk", "0").containsEntry("fallbacks", "0")
            .containsEntry("otherFailFast", "0").containsEntry("redisAvailable", "true");
        assertThat(Integer.parseInt(result.get("ok"))).as("each bot got its turn").isPositive();
      }
    }
  }

  @Test
  void aBanSeenByOneProcessStopsTheOthersBeforeTheirNextRequest() throws Exception {
    try (SimulatedBinance exchange = new SimulatedBinance(EXCHANGE_LIMIT, 1000, 2, 60_000)) {
      exchange.banAtRequest(30);
      List<Map<String, String>> results = runBots(exchange, "ban", 2000);

      long banSeq = results.stream().mapToLong(result -> Long.parseLong(result.get("banSeq")))
          .filter(seq -> seq >= 0).min().orElseThrow(() -> new AssertionError("no bot saw the ban: " + results));
      assertThat(exchange.callSeqs()).as("calls that reached the exchange after the ban was recorded")
          .allMatch(seq -> seq < banSeq);
      assertThat(exchange.requests()).isGreaterThanOrEqualTo(30);
      for (Map<String, String> result : results) {
        assertThat(Integer.parseInt(result.get("banInForce"))).as("calls refused locally, in every bot").isPositive();
        assertThat(result).containsEntry("errors", "0").containsEntry("fallbacks", "0");
      }
    }
  }

  /** The control: the same bots, each pacing itself alone in memory, run into the limit of the same exchange. */
  @Test
  void withoutSharingTheSameBotsRunIntoTheLimit() throws Exception {
    try (SimulatedBinance exchange = new SimulatedBinance(EXCHANGE_LIMIT, 1000, 2, 60_000)) {
      List<OkHttpClient> bots = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        bots.add(new OkHttpClient.Builder()
            .addInterceptor(ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
                .rateBudgets(Exchange.BINANCE_USDM,
                    List.of(RateBudget.allRequests("ip", BUDGET, Duration.ofSeconds(1))))
                .build())
            .build());
      }
      List<Thread> threads = new ArrayList<>();
      List<String> failures = new CopyOnWriteArrayList<>();
      // From here on: building the interceptors (the catalog's first load) does not eat into the run.
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      for (OkHttpClient bot : bots) {
        for (int t = 0; t < THREADS; t++) {
          Thread thread = new Thread(() -> {
            Request request = new Request.Builder().url(exchange.baseUrl() + "/fapi/v1/time").build();
            while (System.nanoTime() < deadline) {
              try (Response response = bot.newCall(request).execute()) {
                response.body().string();
              } catch (IOException e) {
                failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                sleep(10); // banned, or budget exhausted: go on until the time is up
              }
            }
          });
          thread.start();
          threads.add(thread);
        }
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(exchange.tooManyRequests() + exchange.banned())
          .as("429 and 418 answers to %d requests; failures %s", exchange.requests(),
              failures.stream().distinct().limit(5).toList())
          .isPositive();
    }
  }

  /** Starts the bots, lets them go at once when all are ready, and returns each one's RESULT line. */
  private static List<Map<String, String>> runBots(SimulatedBinance exchange, String name, long runMillis)
      throws Exception {
    String prefix = "multi-" + name + "-" + System.nanoTime();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    List<List<String>> outputs = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(PROCESSES);
    try {
      for (int p = 0; p < PROCESSES; p++) {
        Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
            "-cp", System.getProperty("java.class.path"), SharedBudgetWorker.class.getName(),
            redis.uri(), exchange.baseUrl(), prefix, Integer.toString(BUDGET), Integer.toString(THREADS),
            Long.toString(runMillis))
            .redirectErrorStream(true)
            .start();
        processes.add(process);
        List<String> output = new CopyOnWriteArrayList<>();
        outputs.add(output);
        Thread reader = new Thread(() -> {
          try (BufferedReader lines = new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
              output.add(line);
              if (line.equals("READY")) {
                ready.countDown();
              }
            }
          } catch (IOException e) {
            output.add("reader: " + e);
          }
        });
        reader.setDaemon(true);
        reader.start();
      }
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("bots ready: %s", outputs).isTrue();
      for (Process process : processes) {
        OutputStream in = process.getOutputStream();
        in.write("GO\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
      List<Map<String, String>> results = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        Process process = processes.get(p);
        assertThat(process.waitFor(runMillis + 30_000, TimeUnit.MILLISECONDS)).as("bot %d ended", p).isTrue();
        waitForOutputEnd(outputs.get(p));
        assertThat(process.exitValue()).as("bot %d exit; output %s", p, outputs.get(p)).isZero();
        String line = outputs.get(p).stream().filter(l -> l.startsWith("RESULT ")).findFirst()
            .orElseThrow(() -> new AssertionError("no RESULT line: " + outputs));
        Map<String, String> result = new HashMap<>();
        for (String pair : line.substring("RESULT ".length()).split(" ")) {
          String[] keyValue = pair.split("=", 2);
          result.put(keyValue[0], keyValue[1]);
        }
        results.add(result);
      }
      System.out.printf("%s: %d bots, exchange counted %d requests, %d ok, %d x 429, %d x 418; bots: %s%n", name,
          PROCESSES, exchange.requests(), exchange.ok(), exchange.tooManyRequests(), exchange.banned(), results);
      return results;
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }

  /** The reader thread may still be adding the last lines after the process ended. */
  private static void waitForOutputEnd(List<String> output) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (output.stream().noneMatch(line -> line.startsWith("RESULT ")) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
