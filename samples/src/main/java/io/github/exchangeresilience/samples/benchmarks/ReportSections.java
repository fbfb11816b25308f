package io.github.exchangeresilience.samples.benchmarks;

import static io.github.exchangeresilience.samples.benchmarks.Figures.bytes;
import static io.github.exchangeresilience.samples.benchmarks.Figures.percent;

import io.github.exchangeresilience.samples.benchmarks.Callers.Kind;
import io.github.exchangeresilience.samples.benchmarks.Figures.Median;
import io.github.exchangeresilience.samples.benchmarks.Figures.Ratio;
import io.github.exchangeresilience.samples.benchmarks.Figures.Score;
import io.github.exchangeresilience.samples.benchmarks.GoodputBenchmark.Client;
import io.github.exchangeresilience.samples.benchmarks.GoodputBenchmark.Result;
import io.github.exchangeresilience.samples.benchmarks.GoodputBenchmark.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The report's sections after the targets: decode, the whole call, throughput, the peers, goodput, WebSocket. */
final class ReportSections {
  private ReportSections() {}

  static void decode(Report r) {
    r.line("## Decode cost per response");
    r.line("");
    r.line("`" + Report.DECODE + "`: one `ResponseDecoder.decode`, each body decoded again and again. A decoder knows an"
        + " answer that opens with the very bytes of the last one it read only partly (the bytes its read looked at,"
        + " with the same status) and decides it without a parser, only its headers' hints and a second code key"
        + " further on looked at again: exchanges answer the same success, and the same rate-limit error, again and"
        + " again. The Binance error comes with 25 headers shaped like a Binance answer's, of which the decoder"
        + " looks for six, and the OKX success with 14 shaped like OKX's, of which it looks for one; it finds them"
        + " in one pass over the list, as it does over OkHttp's headers, and the *name by name* row is the same"
        + " answer through a lookup asked one name at a time. The *first sight* rows take two answers in turns, so"
        + " that each is read with a parser; the *jackson*"
        + " baselines are their floor, a jackson-core parser made over the same body reading its code and message and"
        + " nothing else. A 1 MiB or 10 MiB body"
        + " handed over as its first 64 KiB, flagged incomplete: both prefixes hold the same bytes, so their rows show"
        + " what a prefix costs (the decoder stops at the `data` array either way); the interceptor now hands a long body"
        + " over as a window of its first 8 KiB, the last row. What it reads of a large body from the network is under"
        + " *Whole call*. The baseline copies the small error body.");
    r.line("");
    r.line("| body | time per decode | vs. copying the body | vs. the small error body | allocated (B/op) |");
    r.line("|---|---|---|---|---|");
    Score copy = r.decode("baselineCopySmallBody");
    Score small = r.decode("smallErrorBody");
    String[][] rows = {
        {"baselineCopySmallBody", "baseline: copy of the small error body (152 B)"},
        {"baselineJacksonSmallError", "baseline: jackson-core alone, the small error body's code and message"},
        {"baselineJacksonSmallSuccess", "baseline: jackson-core alone, the one-ticker success's code and message"},
        {"smallErrorBody", "Binance 429 -1003, small error body (152 B), 25 headers"},
        {"smallErrorBodyHeadersByName", "the same, its headers looked up name by name (each a scan of all 25)"},
        {"smallSuccessBody", "OKX success, one ticker (~100 B), 14 headers"},
        {"smallErrorBodyFirstSight", "the small error body at first sight (another answer between each)"},
        {"smallSuccessBodyFirstSight", "the one-ticker success at first sight (a 200 and a 203 in turns)"},
        {"htmlErrorPage", "HTML 502 page from a CDN"},
        {"okxBatchOf20", "OKX batch of 20 orders, code 2, 7 failed items"},
        {"success60KiBComplete", "OKX success, 60 KiB, complete"},
        {"success1MiB", "OKX success, 1 MiB (64 KiB prefix)"},
        {"success10MiB", "OKX success, 10 MiB (64 KiB prefix)"},
        {"success1MiBWindow", "OKX success, 1 MiB, as the interceptor now hands it over (its first 8 KiB)"},
    };
    for (String[] row : rows) {
      Score score = r.decode(row[0]);
      if (score != null) {
        r.line("| " + row[1] + " | " + score.show() + " | " + (copy == null ? "" : Ratio.of(score, copy).show())
            + " | " + (small == null ? "" : Ratio.of(score, small).show()) + " | " + bytes(score.bytesPerOp()) + " |");
      }
    }
    r.line("");
  }

  static void fullCall(Report r) {
    r.line("## Whole call over loopback");
    r.line("");
    r.line("`newCall(request).execute()` and reading the whole body into a blackhole, against MockWebServer on loopback"
        + " (TCP_NODELAY) answering an OKX success envelope, on kept-alive connections. *Bare* is OkHttp alone;"
        + " *interceptor* adds `ExchangeResilienceInterceptor.builder(OKX).build()` (a market-data GET: no budget"
        + " applies); *paced* also gives it a budget over every request, too large ever to make a call wait, so that"
        + " each call takes a permit; *failsafe* and *resilience4j* are the peers (see *Beside the alternatives*).");
    r.line("");
    PairedCallBenchmark.Result small = r.paired("small", 1);
    if (small != null) {
      r.line("**Paired** (`" + PairedCallBenchmark.class.getSimpleName() + "`, small body): the clients take turns on"
          + " one server and one connection pool, " + small.sliceMillis() + " ms each per round, for " + small.rounds()
          + " rounds after a warm-up, their order rotated by one each round; each round gives every client's time per"
          + " call over bare OkHttp's, so drift of the machine between rounds cancels out. *Control* is bare OkHttp"
          + " again, a second client over the same pool: its ratio is what the harness reads between two clients that"
          + " do the same work, the resolution of the others on this machine. Allocation is what the calling thread"
          + " allocated per call (`ThreadMXBean`), the server's threads left out; *extra* is beyond bare OkHttp's in"
          + " the same round."
          + " *User CPU* is the calling thread's user-mode CPU time per call: a synchronous call runs there, so it is"
          + " the client's own work without the kernel's time in the loopback's system calls or the waiting, which"
          + " make the time per call erratic here. The kernel counts it in ticks: read the medians.");
      r.line("");
      r.line("| client | median µs/call | time ratio to bare, median [95 % CI] | user CPU µs/call | extra user CPU µs"
          + " [95 % CI] | B/call, calling thread | extra B/call [95 % CI] |");
      r.line("|---|---|---|---|---|---|---|");
      for (Kind kind : small.clients()) {
        double micros = PairedCallBenchmark.Result.median(small.micros(kind));
        double bytesPerCall = PairedCallBenchmark.Result.median(small.bytesPerCall().get(kind));
        boolean baseline = kind == small.baseline();
        r.line(String.format(Locale.ROOT, "| %s | %.1f | %s | %.1f | %s | %s | %s |", kind.id, micros,
            baseline ? "1 (baseline)" : Median.of(small.timeRatios(kind)).show(),
            PairedCallBenchmark.Result.median(small.cpuMicrosPerCall().get(kind)),
            baseline ? "" : Median.of(small.extraCpuMicros(kind)).showMicros(), bytes(bytesPerCall),
            baseline ? "" : Median.of(small.extraBytes(kind)).showBytes()));
      }
      r.line("");
    }
    if (!r.run.sampled().isEmpty()) {
      r.line("**Sampled** (`" + SampledCallCpu.class.getSimpleName() + "`, small body, one thread): the paired ratios"
          + " subtract two noisy wall times, so the library's own CPU is also found by sampling. Each client calls"
          + " alone while JFR's execution sampler takes the calling thread's stack every millisecond; a sample is the"
          + " library's when, from the running method outwards, a frame of the library comes before OkHttp's"
          + " `RealInterceptorChain.proceed`: the decode, the decision, the breaker and the budgets, with the jackson,"
          + " Resilience4j and okio code they call; not the network below the interceptor. The sampler takes a thread"
          + " only while it runs Java code, and misses periods on a busy machine, so the library's CPU per call is"
          + " bracketed: at least its samples times the period over the calls, at most its share of the samples times"
          + " the thread's whole user-mode CPU per call. Bare OkHttp is sampled too, as the check that none of the"
          + " harness's frames count as the library's.");
      r.line("");
      r.line("| client | calls | samples in Java code | the library's | share [95 % CI] | user CPU µs/call |"
          + " the library's CPU µs/call, at least to at most |");
      r.line("|---|---|---|---|---|---|---|");
      for (SampledCallCpu.Result sampled : r.run.sampled()) {
        double[] interval = sampled.shareInterval();
        r.line(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %s [%s, %s] | %.1f | %.2f to %.2f |",
            sampled.kind().id, sampled.calls(), sampled.samples(), sampled.librarySamples(),
            Figures.percent(sampled.share()), Figures.percent(interval[0]), Figures.percent(interval[1]),
            sampled.cpuMicrosPerCall(), sampled.libraryMicrosAtLeast(), sampled.libraryMicrosAtMost()));
      }
      r.line("");
    }
    r.line("**By body size** (paired, bare and interceptor): the interceptor reads at most a 64 KiB prefix of a body"
        + " and, where the decision needs less, less; its extra allocation stays flat while the call grows.");
    r.line("");
    r.line("| body | bare µs/call | interceptor µs/call | time ratio [95 % CI] | extra B/call [95 % CI] |");
    r.line("|---|---|---|---|---|");
    for (String body : BenchmarksMain.BODIES) {
      PairedCallBenchmark.Result paired = r.paired(body, 1);
      if (paired != null) {
        r.line(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s | %s |", body,
            PairedCallBenchmark.Result.median(paired.micros(Kind.BARE)),
            PairedCallBenchmark.Result.median(paired.micros(Kind.INTERCEPTOR)),
            Median.of(paired.timeRatios(Kind.INTERCEPTOR)).show(),
            Median.of(paired.extraBytes(Kind.INTERCEPTOR)).showBytes()));
      }
    }
    r.line("");
    r.line("**JMH** (`" + Report.FULL_CALL + "`): absolute figures, iterations minutes apart; the ratio's error is the sum"
        + " of the two relative errors. JMH's allocation is the whole JVM's, the server's threads included.");
    r.line("");
    r.line("| body | client | time per call | ratio to bare | allocated B/call | extra B/call |");
    r.line("|---|---|---|---|---|---|");
    for (String body : BenchmarksMain.BODIES) {
      Score bare = r.call(Kind.BARE, body);
      for (Kind kind : Kind.values()) {
        Score score = r.call(kind, body);
        if (bare != null && score != null) {
          r.line("| " + body + " | " + kind.id + " | " + score.show() + " | " + Ratio.of(score, bare).show() + " | "
              + bytes(score.bytesPerOp()) + " | " + (kind == Kind.BARE ? "" : bytes(score.bytesPerOp()
              - bare.bytesPerOp())) + " |");
        }
      }
    }
    r.line("");
  }

  static void throughput(Report r) {
    r.line("## Throughput over one interceptor");
    r.line("");
    r.line("Paired as above, small body: in each slice 1, 8 or 64 threads call one after the other over one client"
        + " (its connection pool keeps a connection per thread); the ratio is the interceptor's calls per second over"
        + " bare OkHttp's in the same round, and the control's (bare OkHttp again, a second client) shows the"
        + " harness's resolution. On two cores shared with the server's threads, many threads measure"
        + " contention, not speed: what the interceptor shares between calls (its breaker's window, its budgets)"
        + " would show here.");
    r.line("");
    r.line("| threads | bare calls/s | interceptor calls/s | throughput ratio, median [95 % CI] | the control's"
        + " ratio, bare against itself | rounds |");
    r.line("|---|---|---|---|---|---|");
    for (int threads : BenchmarksMain.THREAD_COUNTS) {
      PairedCallBenchmark.Result paired = r.paired("small", threads);
      if (paired != null) {
        Median ratio = Median.of(paired.throughputRatios(Kind.INTERCEPTOR));
        Median control = Report.controlOf(paired, true);
        r.line(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %s | %s | %d |", threads,
            PairedCallBenchmark.Result.median(paired.callsPerSecond().get(Kind.BARE)),
            PairedCallBenchmark.Result.median(paired.callsPerSecond().get(Kind.INTERCEPTOR)), ratio.show(),
            control == null ? "–" : control.show(),
            ratio.rounds()));
      }
    }
    r.line("");
  }

  static void peers(Report r) {
    r.line("## Beside the alternatives");
    r.line("");
    r.line("What a user would otherwise write (`" + Callers.class.getSimpleName() + "`): **failsafe-okhttp** 3.3.2"
        + " (`FailsafeCall`, on OkHttp 5) with a retry policy (I/O failures, 429 and 5xx) around a circuit breaker (I/O"
        + " failures and 5xx), and **Resilience4j** `Decorators` over `call.execute()`: Retry (the same), CircuitBreaker"
        + " (the same) and a RateLimiter. Both retry as the library does by default: 4 attempts, 200 ms doubling with"
        + " 50 % jitter. Neither reads an exchange's code. Their cost per call is in *Whole call* above; what they hand"
        + " the application when the exchange refuses is below, one call each against a scripted server.");
    r.line("");
    if (r.run.outcomes().isEmpty()) {
      r.line("(not run)");
      r.line("");
      return;
    }
    for (PeerOutcomes.Case scenario : PeerOutcomes.Case.values()) {
      r.line("**" + scenario.description + "**");
      r.line("");
      boolean order = scenario == PeerOutcomes.Case.ORDER_ANSWER_LOST;
      r.line(order ? "| client | orders the exchange received | the application got | ms |"
          : "| client | requests | sent during the refusal | the application got | ms |");
      r.line(order ? "|---|---|---|---|" : "|---|---|---|---|---|");
      for (PeerOutcomes.Outcome o : r.run.outcomes()) {
        if (o.scenario() == scenario) {
          r.line(order ? "| " + o.client().description + " | " + o.requests() + " | " + o.handedBack() + " | "
              + o.millis() + " |"
              : "| " + o.client().description + " | " + o.requests() + " | " + o.duringRefusal() + " | "
                  + o.handedBack() + " | " + o.millis() + " |");
        }
      }
      r.line("");
    }
  }

  static void goodput(Report r) {
    r.line("## Goodput under a rate limit");
    r.line("");
    r.line("A plain program (`" + GoodputBenchmark.class.getSimpleName() + "`, not JMH). Each client runs "
        + GoodputBenchmark.THREADS + " threads for the same fixed time against a fresh `ExchangeSimulator`, each thread"
        + " sending one request after the other. **Goodput** is the client's successful requests divided by the"
        + " **allowance**, what the simulator allows in that time (the budget times the windows the run spans: the run"
        + " starts with a window and lasts a whole number of them). **Refused** is the share of the requests the"
        + " simulator received that it refused for rate (Binance 429 -1003, OKX 50011, Bybit 10006) or answered with a"
        + " ban (Binance 418, Bybit 403); **bans** are the bans it imposed. Requests, refusals and bans are the"
        + " simulator's counts (`stats(exchange)`); nothing is sent after the run ends.");
    r.line("");
    r.line("The clients: plain OkHttp retrying a refused request **at once**, or after a **fixed 100 ms pause** (of the"
        + " exchange's time); plain OkHttp behind a Resilience4j `RateLimiter` set to the documented budget, with no"
        + " error handling (a refused request is not retried: the next one goes through the limiter like any other);"
        + " the two peers above (Resilience4j's limiter set to the budget; their waits shortened as the exchange's clock"
        + " runs faster); and the library, told the same budget, the application waiting as a `FailFastException` says"
        + " (until `bannedUntil`, or for `retryAfter`). The limiters' periods start with the run, in phase with the"
        + " exchange's windows: the best case for a fixed-rate limiter.");
    r.line("");
    for (Scenario scenario : GoodputBenchmark.scenarios(r.run.quick())) {
      if (r.goodputOf(scenario, Client.LIBRARY) == null) {
        continue;
      }
      Duration length = scenario.length();
      r.line("### " + scenario.title());
      r.line("");
      r.line("`" + scenario.requestDescription() + "`; budget " + scenario.permits() + " per "
          + scenario.rule().window().toSeconds() + " s"
          + (scenario.permits() != scenario.rule().defaultPermits()
              ? " (documented: " + scenario.rule().defaultPermits() + ", shrunk)" : " (as documented)")
          + ", enforced by the simulator; run " + scenario.windows() + " windows = " + length.toSeconds()
          + " s of the exchange's time" + (scenario.scale() > 1
              ? ", on a clock running " + scenario.scale() + "× real time (" + length.dividedBy(scenario.scale())
              .toMillis() / 1000.0 + " s real) that the simulator, the limiters and every wait share" : " (real time)")
          + ". Allowance: " + scenario.allowance() + " successful requests.");
      r.line("");
      r.line("| client | sent | successes | goodput | refused | bans | local fail-fast | real s |");
      r.line("|---|---|---|---|---|---|---|---|");
      for (Client client : Client.values()) {
        Result g = r.goodputOf(scenario, client);
        if (g != null) {
          r.line("| " + client.description + " | " + g.requests() + " | " + g.successes() + " | "
              + percent(g.goodput()) + " | " + g.refused() + " (" + percent(g.refusedShare()) + ") | " + g.bans()
              + " | " + (client == Client.LIBRARY ? String.valueOf(g.failFasts()) : "–")
              + (g.otherFailures() > 0 ? " (+" + g.otherFailures() + " other failures)" : "") + " | "
              + String.format(Locale.ROOT, "%.1f", g.realSeconds()) + " |");
        }
      }
      r.line("");
    }
  }

  static void webSocket(Report r) {
    r.line("## WebSocket session");
    r.line("");
    Score bare = r.webSocket("bare");
    Score session = r.webSocket("session");
    if (bare == null || session == null) {
      r.line("Not run (`-Dbenchmarks.parts` left `websocket` out).");
      r.line("");
      return;
    }
    r.line("`" + Report.WEBSOCKET + "`: one order's round trip over an OKX-shaped WebSocket on loopback, the order"
        + " frame written and its answer read and matched to the waiting request, one order at a time on one logged-in"
        + " connection. *Bare* is OkHttp's `WebSocket` with the least an application needs (a request id and a map from"
        + " id to a future); *session* is `ExchangeWebSocketSession`, which also keeps the order by its client order"
        + " id, decodes and decides the answer through the exchange's decoder (the frames read one after the other by"
        + " one streaming parser, not a parser each), takes a breaker permission and a rate"
        + " permit (a budget too large ever to wait) and reports to the listener. Allocation is JMH's"
        + " `gc.alloc.rate.norm`, the whole JVM with the server's threads, per order; *extra* is the session's beyond"
        + " bare's.");
    r.line("");
    r.line("| client | µs per round trip | ratio to bare | B per order | extra B per order |");
    r.line("|---|---|---|---|---|");
    r.line("| bare OkHttp WebSocket (baseline) | " + bare.show() + " | 1 | " + bytes(bare.bytesPerOp()) + " | – |");
    r.line("| `ExchangeWebSocketSession` | " + session.show() + " | " + Ratio.of(session, bare).show() + " | "
        + bytes(session.bytesPerOp()) + " | " + bytes(session.bytesPerOp() - bare.bytesPerOp()) + " |");
    r.line("");
    PairedWebSocketBenchmark.Result paired = r.run.pairedWebSocket();
    if (paired != null) {
      Median ratio = Median.of(paired.timeRatios());
      r.line("**Paired** (`" + PairedWebSocketBenchmark.class.getSimpleName() + "`): bare, a second bare WebSocket (the"
          + " control), the session, and bare reading two ways (below) take turns in one JVM, each on its own"
          + " connection to its own server, "
          + paired.ordersPerSlice() + " orders each per round, their order rotated by one each round, for "
          + paired.rounds() + " rounds after a warm-up. Bare: median " + Figures.fmt(
          PairedCallBenchmark.Result.median(paired.bareMicros())) + " µs per order; session: median " + Figures.fmt(
          PairedCallBenchmark.Result.median(paired.sessionMicros())) + " µs; the session's time per order over"
          + " bare's in the same round, median [95 % CI]: " + ratio.show() + "; the control's over bare's: "
          + Median.of(paired.controlRatios()).show() + ", what the harness reads between two clients that do the"
          + " same work. A fourth client, *bare reading*, is bare reading each answer with the session's"
          + " `WebSocketFrameReader` and finding its request by the id that read gives, where bare finds it with a"
          + " pattern: over bare, " + Median.of(paired.readingRatios()).show() + ", what reading the answer costs;"
          + " the session over it, " + Median.of(paired.beyondReadingRatios()).show() + ", the rest (the order kept"
          + " by its client order id, the decision, the breaker, the rate permit, the listener). OKX's documented"
          + " answer puts the order's data ahead of its code, so deciding it reads the whole frame, where bare's"
          + " pattern stops at the id in front. A fifth client, *bare reading with jackson*, reads each answer with a"
          + " jackson-core parser of its own only as far as its request id, its code and its order's code, the least"
          + " any application reads to know whether its order was placed: over bare, "
          + Median.of(paired.jacksonRatios()).show() + "; the session over it, "
          + Median.of(paired.beyondJacksonRatios()).show() + ". JMH's two runs above come a minute apart, so their"
          + " ratio carries the machine's drift between them; the paired ratio does not.");
      r.line("");
    }
    r.line("Throughput over one session on many threads is not measured: an exchange's order budget (OKX: 60 orders in"
        + " 2 s per instrument) bounds it long before the session does.");
    r.line("");
  }
}
