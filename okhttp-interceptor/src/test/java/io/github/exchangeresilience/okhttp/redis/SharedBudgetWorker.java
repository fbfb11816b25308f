package io.github.exchangeresilience.okhttp.redis;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.exchange.RateBudget;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One bot process of {@link MultiProcessSharedBudgetTest}: an OkHttpClient with the interceptor on the Redis budget
 * store and ban state, calling the simulated exchange from a few threads until its time is up.
 *
 * <p>Every call first takes a number from a Redis counter and sends it as {@code X-Call-Seq}; the thread that records
 * a ban takes one more right after. Redis orders them all, so a call numbered after the ban started after the ban
 * was in Redis, and must not reach the exchange.
 *
 * <p>Arguments: redis-uri exchange-url key-prefix budget-per-second threads run-millis. Prints {@code READY}, waits for
 * {@code GO} on standard input, then prints one {@code RESULT key=value...} line.
 */
public final class SharedBudgetWorker {
  private SharedBudgetWorker() {}

  public static void main(String[] args) throws Exception {
    String redisUri = args[0];
    String exchangeUrl = args[1];
    String prefix = args[2];
    int budgetPerSecond = Integer.parseInt(args[3]);
    int threads = Integer.parseInt(args[4]);
    long runMillis = Long.parseLong(args[5]);

    AtomicInteger fallbacks = new AtomicInteger();
    AtomicLong banSeq = new AtomicLong(-1);
    RedisClient seqClient = RedisClient.create(redisUri);
    StatefulRedisConnection<String, String> seqConnection = seqClient.connect();
    RedisCommands<String, String> seq = seqConnection.sync();
    String seqKey = prefix + ":test:call-seq";
    ResilienceListener listener = new ResilienceListener() {
      @Override
      public void onBudgetFallback(Exchange exchange, String budget) {
        fallbacks.incrementAndGet();
      }

      @Override
      public void onBan(Exchange exchange, String scope, Instant until) {
        // Called right after the ban state recorded the ban: every number drawn after this one came later.
        long number = seq.incr(seqKey);
        banSeq.accumulateAndGet(number, (current, proposed) -> current < 0 ? proposed : Math.min(current, proposed));
      }
    };

    RedisBackend backend = RedisBackend.builder(redisUri)
        .keyPrefix(prefix)
        // Generous for a shared 2-core CI machine: the test is about sharing, not about timeouts.
        .commandTimeout(Duration.ofSeconds(1))
        .build();
    ExchangeResilienceInterceptor interceptor = ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
        .rateBudgets(Exchange.BINANCE_USDM,
            List.of(RateBudget.allRequests("ip", budgetPerSecond, Duration.ofSeconds(1))))
        .rateBudgetStore(RedisRateBudgetStore.builder(backend).scope("ip-127.0.0.1").listener(listener).build())
        .banState(RedisBanState.create(backend))
        .listener(listener)
        .maxPacingWait(Duration.ofSeconds(5))
        .build();
    OkHttpClient client = new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .addInterceptor(interceptor)
        .build();

    System.out.println("READY");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"GO".equals(in.readLine())) {
      System.exit(2);
    }

    AtomicInteger ok = new AtomicInteger();
    AtomicInteger notOk = new AtomicInteger();
    AtomicInteger banInForce = new AtomicInteger();
    AtomicInteger otherFailFast = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        while (System.nanoTime() < deadline) {
          Request request = new Request.Builder()
              .url(exchangeUrl + "/fapi/v1/time")
              .header("X-Call-Seq", Long.toString(seq.incr(seqKey)))
              .build();
          try (Response response = client.newCall(request).execute()) {
            (response.code() == 200 ? ok : notOk).incrementAndGet();
          } catch (FailFastException e) {
            if (e.reason() == FailFastException.Reason.BAN_IN_FORCE) {
              banInForce.incrementAndGet();
              sleep(10); // banned: keep trying now and then, as a bot would
            } else {
              otherFailFast.incrementAndGet();
            }
          } catch (IOException e) {
            errors.incrementAndGet();
            e.printStackTrace();
          }
        }
      }, "bot-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.println("RESULT ok=" + ok + " notOk=" + notOk + " banInForce=" + banInForce + " otherFailFast="
        + otherFailFast + " errors=" + errors + " fallbacks=" + fallbacks + " banSeq=" + banSeq
        + " redisAvailable=" + backend.isAvailable());
    System.out.flush();
    backend.close();
    seqConnection.close();
    seqClient.shutdown(0, 1, TimeUnit.SECONDS);
    System.exit(0);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
