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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * BENCHMARKS.md from one run: the machine and its load, the targets with their verdicts, then the sections
 * ({@link ReportSections}) and JMH's raw table. Every figure is a ratio against a baseline measured in the same run.
 */
final class Report {
  static final String DECODE = DecodeBenchmark.class.getSimpleName();
  static final String FULL_CALL = FullCallBenchmark.class.getSimpleName();
  static final String WEBSOCKET = WebSocketRoundTripBenchmark.class.getSimpleName();

  final BenchmarksMain.Run run;
  private final Map<String, Score> scores = new LinkedHashMap<>();
  private final StringBuilder md = new StringBuilder();

  Report(BenchmarksMain.Run run) {
    this.run = run;
    for (RunResult result : run.jmh()) {
      String benchmark = result.getParams().getBenchmark();
      String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      String body = result.getParams().getParam("body");
      String client = result.getParams().getParam("client");
      if (body != null) {
        name += "[" + body + "," + client + "]";
      } else if (client != null) {
        name += "[" + client + "]";
      }
      var alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
      scores.put(name, new Score(result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError(),
          result.getPrimaryResult().getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore()));
    }
  }

  Score decode(String method) {
    return scores.get(DECODE + "." + method);
  }

  /** The JMH full call of {@code body} by {@code client}. */
  Score call(Kind client, String body) {
    return scores.get(FULL_CALL + ".call[" + body + "," + client.id + "]");
  }

  /** The paired run of {@code body} on {@code threads} threads, or null. */
  PairedCallBenchmark.Result paired(String body, int threads) {
    return run.paired().stream().filter(r -> r.body().equals(body) && r.threads() == threads).findFirst()
        .orElse(null);
  }

  /** The JMH WebSocket round trip by {@code client} ({@code bare} or {@code session}), or null. */
  Score webSocket(String client) {
    return scores.get(WEBSOCKET + ".roundTrip[" + client + "]");
  }

  Result goodputOf(Scenario scenario, Client client) {
    return run.goodput().stream().filter(r -> r.scenario().title().equals(scenario.title()) && r.client() == client)
        .findFirst().orElse(null);
  }

  void line(String text) {
    md.append(text).append('\n');
  }

  String render() {
    line("# Benchmarks");
    line("");
    if (run.quick()) {
      line("**QUICK RUN (`-Dbenchmarks.quick=true`): too short to report; run the command below for real figures.**");
      line("");
    }
    line("Written by `BenchmarksMain` on " + run.started().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
        + "; the whole run took " + run.took().toMinutes() + " min " + run.took().toSecondsPart() + " s. Run it again"
        + " with:");
    line("");
    line("```");
    line(BenchmarksMain.COMMAND);
    line("```");
    line("");
    line("Benchmarks are never run by `verify`. Every figure is a ratio against a baseline measured in the same run:"
        + " JMH's with its error (99.9 % confidence interval over the measurement iterations), the paired runs' as the"
        + " median over rounds with a distribution-free 95 % confidence interval.");
    line("");
    machine();
    targets();
    ReportSections.decode(this);
    ReportSections.fullCall(this);
    ReportSections.throughput(this);
    ReportSections.peers(this);
    ReportSections.goodput(this);
    ReportSections.webSocket(this);
    raw();
    line("## Notes");
    line("");
    line(BenchmarksMain.NOTES_MARKER);
    line("");
    if (!run.notes().isEmpty()) {
      line(run.notes());
    }
    return md.toString();
  }

  private void machine() {
    line("## Machine");
    line("");
    line("| | |");
    line("|---|---|");
    line("| CPU | " + MachineLoad.cpuModel() + " |");
    line("| cores (`nproc`) | " + Runtime.getRuntime().availableProcessors()
        + ", shared with other engineers' builds |");
    line("| memory | " + MachineLoad.memory() + " |");
    line("| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
        + System.getProperty("java.vendor") + ") |");
    line("| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch") + " |");
    RunResult any = run.jmh().stream().findFirst().orElse(null);
    if (any != null) {
      var params = any.getParams();
      line("| JMH | " + params.getJmhVersion() + "; " + params.getForks() + " fork, " + params.getThreads()
          + " thread; decode: " + iterations(DECODE) + "; full call: " + iterations(FULL_CALL)
          + "; WebSocket: " + iterations(WEBSOCKET) + "; `-prof gc` on every benchmark |");
    }
    line("| load average (1, 5, 15 min) before the run | " + run.loadAtStart() + " |");
    line("");
    line("Each part started once other processes had used under " + MachineLoad.QUIET_LOAD + " of a core for 10 s, or"
        + " after waiting at most the configured time. *Others* is the CPU the machine spent beyond this run and its JMH"
        + " forks (from `/proc/stat` and `/proc/<pid>/stat`), in cores out of "
        + Runtime.getRuntime().availableProcessors() + "; the load average includes the run's own threads.");
    line("");
    line("| part | took | load average before | others before | others during |");
    line("|---|---|---|---|---|");
    for (MachineLoad.Phase phase : run.phases()) {
      line("| " + phase.name() + " | " + phase.took().toSeconds() + " s | " + phase.loadBefore() + " | "
          + phase.othersBefore() + " | " + String.format(Locale.ROOT, "%.2f cores", phase.othersDuring()) + " |");
    }
    line("");
  }

  private String iterations(String benchmarkClass) {
    return run.jmh().stream().filter(r -> r.getParams().getBenchmark().contains("." + benchmarkClass + "."))
        .findFirst().map(r -> {
          var p = r.getParams();
          return p.getWarmup().getCount() + " × " + p.getWarmup().getTime() + " warm-up, "
              + p.getMeasurement().getCount() + " × " + p.getMeasurement().getTime() + " measured";
        }).orElse("not run");
  }

  private void targets() {
    line("## Targets");
    line("");
    line("| target | measured | baseline | verdict |");
    line("|---|---|---|---|");
    PairedCallBenchmark.Result small = paired("small", 1);
    if (small != null) {
      for (Kind kind : List.of(Kind.INTERCEPTOR, Kind.PACED)) {
        Median ratio = Median.of(small.timeRatios(kind));
        Median extraCpu = Median.of(small.extraCpuMicros(kind));
        Score bare = call(Kind.BARE, "small");
        Score with = call(kind, "small");
        target((kind == Kind.INTERCEPTOR ? "full call, small answer (no budget applies)"
                : "the same, a rate budget on every call (as every Binance and Bybit call has)")
                + ": paired median ratio ≤ 1.02, upper end of its 95 % CI ≤ 1.05",
            "median ratio " + ratio.show() + " over " + ratio.rounds() + " rounds" + control(small, false)
                + (bare != null && with != null ? "; JMH: " + Ratio.of(with, bare).show() : "")
                + "; user-mode CPU on the calling thread: extra " + extraCpu.showMicros() + " per call"
                + sampledShare(kind, PairedCallBenchmark.Result.median(small.micros(Kind.BARE))),
            String.format(Locale.ROOT, "bare OkHttp: median %.1f µs/call, %.1f µs of it user-mode CPU on the calling thread",
                PairedCallBenchmark.Result.median(small.micros(Kind.BARE)),
                PairedCallBenchmark.Result.median(small.cpuMicrosPerCall().get(Kind.BARE)))
                + (bare == null ? "" : "; JMH: " + bare.show()),
            overheadVerdict(ratio));
      }
    }
    for (String body : BenchmarksMain.BODIES) {
      PairedCallBenchmark.Result paired = paired(body, 1);
      if (paired == null) {
        continue;
      }
      int limit = body.equals("small") ? 1024 : 4096;
      Median extra = Median.of(paired.extraBytes(Kind.INTERCEPTOR));
      Score bareJmh = call(Kind.BARE, body);
      Score withJmh = call(Kind.INTERCEPTOR, body);
      target("extra allocation per call, " + body + " answer: ≤ " + limit / 1024 + " KiB",
          "extra " + extra.showBytes() + " on the calling thread; ratio " + Median.of(ratio(paired.bytesPerCall()
              .get(Kind.INTERCEPTOR), paired.bytesPerCall().get(Kind.BARE))).show()
              + (bareJmh != null && withJmh != null ? "; JMH, whole JVM with the server: extra "
                  + bytes(withJmh.bytesPerOp() - bareJmh.bytesPerOp()) + " B" : ""),
          "bare OkHttp: " + bytes(PairedCallBenchmark.Result.median(paired.bytesPerCall().get(Kind.BARE)))
              + " B per call on the calling thread",
          atMost(extra.value(), extra.high(), limit));
    }
    decodeTarget("smallErrorBody", "baselineJacksonSmallError",
        "decode of a small error body (Binance 429 -1003): < 0.5 µs", 500);
    decodeTarget("smallSuccessBody", "baselineJacksonSmallSuccess",
        "decode of a success envelope (OKX, one ticker): < 0.2 µs", 200);
    for (int threads : BenchmarksMain.THREAD_COUNTS) {
      PairedCallBenchmark.Result paired = paired("small", threads);
      if (paired == null) {
        continue;
      }
      Median ratio = Median.of(paired.throughputRatios(Kind.INTERCEPTOR));
      target("throughput, " + threads + (threads == 1 ? " thread" : " threads") + " over one interceptor: ≥ 0.95 of"
              + " bare OkHttp's",
          "ratio " + ratio.show() + " over " + ratio.rounds() + " rounds" + control(paired, true),
          String.format(Locale.ROOT, "bare OkHttp: median %,.0f calls/s", PairedCallBenchmark.Result.median(
              paired.callsPerSecond().get(Kind.BARE))),
          ratio.low() >= 0.95 ? "**met**" : ratio.high() < 0.95 ? "**missed**"
              : ratio.value() >= 0.95 ? "met on the median; the interval reaches below 0.95"
              : "missed on the median; the interval reaches 0.95");
    }
    for (Scenario scenario : GoodputBenchmark.scenarios(run.quick())) {
      Result library = goodputOf(scenario, Client.LIBRARY);
      if (library == null) {
        continue;
      }
      boolean met = library.goodput() >= 0.95 && library.refusedShare() <= 0.01 && library.bans() == 0;
      target("goodput ≥ 95 % of the allowance, ≤ 1 % refused, no ban: " + scenario.title(),
          percent(library.goodput()) + " of the allowance, " + percent(library.refusedShare()) + " refused, "
              + library.bans() + " bans",
          "allowance " + scenario.allowance() + " (" + scenario.permits() + " per " + scenario.rule().window()
              .toSeconds() + " s × " + scenario.windows() + ")", met ? "**met**" : "**missed**");
    }
    Score bareSocket = webSocket("bare");
    Score session = webSocket("session");
    PairedWebSocketBenchmark.Result pairedSocket = run.pairedWebSocket();
    if (bareSocket != null && session != null) {
      Ratio ratio = Ratio.of(session, bareSocket);
      String jmhRatio = "JMH: " + session.show() + ", ratio " + ratio.show();
      if (pairedSocket != null) {
        Median paired = Median.of(pairedSocket.timeRatios());
        target("WebSocket order round trip through the session: ≤ 1.02 of a bare OkHttp WebSocket's, the upper end"
                + " of its 95 % CI ≤ 1.05", "paired median ratio " + paired.show() + " over " + paired.rounds()
                + " rounds; the control, a second bare WebSocket against the first in the same rounds: "
                + Median.of(pairedSocket.controlRatios()).show() + "; bare reading each answer as the session"
                + " does: " + Median.of(pairedSocket.readingRatios()).show() + " of bare's, and the session "
                + Median.of(pairedSocket.beyondReadingRatios()).show() + " of that; bare reading only the answer's"
                + " id, code and order code with jackson-core, the least that tells an order's fate: "
                + Median.of(pairedSocket.jacksonRatios()).show() + " of bare's; " + jmhRatio,
            "bare OkHttp WebSocket: median " + Figures.fmt(PairedCallBenchmark.Result.median(pairedSocket
                .bareMicros())) + " µs per order; JMH: " + bareSocket.show(),
            overheadVerdict(paired));
      } else {
        target("WebSocket order round trip through the session: ≤ 1.02 of a bare OkHttp WebSocket's, the upper end"
                + " ≤ 1.05", jmhRatio, "bare OkHttp WebSocket: " + bareSocket.show(),
            ratio.value() <= 1.02 && ratio.value() + ratio.error() <= 1.05 ? "**met**"
                : ratio.value() <= 1.02 ? "met on the mean; the error reaches above 1.05"
                : ratio.value() - ratio.error() <= 1.02 ? "undetermined: the error straddles 1.02" : "**missed**");
      }
      double extra = session.bytesPerOp() - bareSocket.bytesPerOp();
      target("WebSocket: extra allocation per order: ≤ 1 KiB", "extra " + bytes(extra) + " B per order (JMH, whole"
              + " JVM with the server)", "bare OkHttp WebSocket: " + bytes(bareSocket.bytesPerOp()) + " B per order",
          extra <= 1024 ? "**met**" : "**missed**");
    }
    line("");
  }

  /**
   * A decode target, judged on the answer repeated and at first sight ({@code method + "FirstSight"}) apart; the first
   * sight is shown beside {@code floor}, jackson-core alone reading the same code and message.
   */
  private void decodeTarget(String method, String floor, String what, double limitNanos) {
    Score score = decode(method);
    Score firstSight = decode(method + "FirstSight");
    Score jackson = decode(floor);
    Score copy = decode("baselineCopySmallBody");
    if (score == null) {
      return;
    }
    String repeated = belowLimit(score, limitNanos);
    String measured = "repeated: " + score.show() + ", " + bytes(score.bytesPerOp()) + " B/op";
    String verdict = repeated;
    if (firstSight != null) {
      measured += "; first sight: " + firstSight.show() + ", " + bytes(firstSight.bytesPerOp()) + " B/op";
      String first = belowLimit(firstSight, limitNanos);
      verdict = first.equals(repeated) ? repeated : repeated + " repeated; " + first + " at first sight";
    }
    String baseline = copy == null ? ""
        : "copying the small body: " + copy.show() + " (ratio " + Ratio.of(score, copy).show() + ")";
    if (firstSight != null && jackson != null) {
      baseline += "; jackson-core alone reading the code and message: " + jackson.show() + ", "
          + bytes(jackson.bytesPerOp()) + " B/op (first sight / jackson: " + Ratio.of(firstSight, jackson).show() + ")";
    }
    target(what, measured, baseline, verdict);
  }

  private static String belowLimit(Score score, double limitNanos) {
    return score.upper() < limitNanos ? "**met**"
        : score.value() < limitNanos ? "met on the mean; the error reaches the limit" : "**missed**";
  }

  /**
   * The control's ratio in the same rounds (bare OkHttp against a second bare client), where the run had it: what the
   * harness reads between two clients that do the same work.
   */
  private static String control(PairedCallBenchmark.Result paired, boolean throughput) {
    Median control = controlOf(paired, throughput);
    return control == null ? "" : "; the control, bare OkHttp against itself in the same rounds: " + control.show();
  }

  /** The control's time or throughput ratio to bare OkHttp in {@code paired}'s rounds; null if it did not run. */
  static Median controlOf(PairedCallBenchmark.Result paired, boolean throughput) {
    if (!paired.clients().contains(Kind.CONTROL)) {
      return null;
    }
    return Median.of(throughput ? paired.throughputRatios(Kind.CONTROL) : paired.timeRatios(Kind.CONTROL));
  }

  /** The verdict on a paired time ratio: its median ≤ 1.02 and the upper end of its interval ≤ 1.05. */
  private static String overheadVerdict(Median ratio) {
    return ratio.value() <= 1.02 && ratio.high() <= 1.05 ? "**met**"
        : "**missed**" + (ratio.value() > 1.02 ? ": median above 1.02" : ": upper end above 1.05");
  }

  private static String atMost(double median, double high, double limit) {
    return high <= limit ? "**met**" : median <= limit ? "met on the median; the interval reaches the limit"
        : "**missed**";
  }

  /** Per round, a over b. */
  static double[] ratio(double[] a, double[] b) {
    double[] ratios = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      ratios[i] = a[i] / b[i];
    }
    return ratios;
  }

  /** The library's sampled CPU per call for {@code kind}, and over bare OkHttp's time per call; empty if not run. */
  private String sampledShare(Kind kind, double bareMicros) {
    return run.sampled().stream().filter(sampled -> sampled.kind() == kind).findFirst()
        .map(sampled -> String.format(Locale.ROOT, "; sampled: the library's CPU %.2f to %.2f µs per call, %s to %s"
            + " of bare's time per call", sampled.libraryMicrosAtLeast(), sampled.libraryMicrosAtMost(),
            Figures.percent(sampled.libraryMicrosAtLeast() / bareMicros),
            Figures.percent(sampled.libraryMicrosAtMost() / bareMicros)))
        .orElse("");
  }

  private void target(String what, String measured, String baseline, String verdict) {
    line("| " + what + " | " + measured + " | " + baseline + " | " + verdict + " |");
  }

  private void raw() {
    line("## Raw JMH table");
    line("");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      ResultFormatFactory.getInstance(ResultFormatType.TEXT, print).writeOut(new ArrayList<>(run.jmh()));
    }
    line("```");
    line(buffer.toString(StandardCharsets.UTF_8).stripTrailing());
    line("```");
    line("");
  }
}
