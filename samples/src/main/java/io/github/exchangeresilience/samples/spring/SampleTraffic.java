package io.github.exchangeresilience.samples.spring;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.samples.demo.ExchangeRequests;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Places an order and looks it up on each exchange, over and over, one thread per exchange (a wait on one never holds
 * up the others), through the application's client: what the sample's metrics and the dashboard show. Every outcome
 * is the interceptor's to count; here it is only closed or caught.
 */
final class SampleTraffic implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong calls = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();

  private final OkHttpClient client;
  private final Map<Exchange, HttpUrl> bases;
  private final Duration pause;

  SampleTraffic(OkHttpClient client, Map<Exchange, HttpUrl> bases, Duration pause) {
    this.client = client;
    this.bases = Map.copyOf(bases);
    this.pause = pause;
  }

  /** Starts one thread per exchange; once the application is ready, so that start-up has the machine to itself. */
  synchronized void start() {
    if (!threads.isEmpty()) {
      return;
    }
    for (Map.Entry<Exchange, HttpUrl> base : bases.entrySet()) {
      Thread thread = new Thread(() -> run(client, base.getKey(), base.getValue(), pause),
          "sample-traffic-" + base.getKey().id());
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void run(OkHttpClient client, Exchange exchange, HttpUrl base, Duration pause) {
    for (long n = 1; running.get(); n++) {
      // Letters and digits, short: fits every exchange's client order id format.
      String clientOrderId = "s" + exchange.ordinal() + "n" + n + "t" + (System.currentTimeMillis() % 100_000);
      call(client, ExchangeRequests.placeOrder(exchange, base, clientOrderId));
      call(client, ExchangeRequests.lookUpOrder(exchange, base, clientOrderId));
      if (n % 10 == 0) {
        call(client, ExchangeRequests.serverTime(exchange, base));
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void call(OkHttpClient client, Request request) {
    calls.incrementAndGet();
    try (Response response = client.newCall(request).execute()) {
      response.body().bytes();
    } catch (IOException e) {
      // Counted by the interceptor's metrics: a fail-fast, an order in doubt, a refusal.
    }
  }

  /** Calls made so far, on every exchange. */
  long calls() {
    return calls.get();
  }

  @Override
  public void close() {
    running.set(false);
    threads.forEach(Thread::interrupt);
  }
}
