package io.github.exchangeresilience.samples.benchmarks;

import io.github.exchangeresilience.samples.benchmarks.GoodputBenchmark.Client;
import io.github.exchangeresilience.samples.benchmarks.GoodputBenchmark.Result;
import io.github.exchangeresilience.samples.benchmarks.GoodputBenchmark.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and writes BENCHMARKS.md: the JMH benchmarks (decode cost with allocation, a whole call with
 * and without the interceptor), then the goodput runs against the simulator, then the report. Run it with
 * {@code ./mvnw -B -q -DskipTests install && ./mvnw -B -q -pl samples exec:exec@benchmarks}; never from a test.
 *
 * <p>System properties, for trying the harness rather than for reporting: {@code -Dbenchmarks.quick=true} runs
 * everything briefly (the report then says so), {@code -Dbenchmarks.quietWaitMinutes=N} bounds the wait for a quiet
 * machine (10 by default), {@code -Dbenchmarks.skipJmh=true} runs the goodput part alone.
 */
public final class BenchmarksMain {
  static final String COMMAND = "./mvnw -B -q -DskipTests install && ./mvnw -B -q -pl samples exec:exec@benchmarks";
  static final double QUIET_LOAD = 0.7;
  static final String NOTES_MARKER = "<!-- Hand-written notes below this line are kept when BenchmarksMain rewrites"
      + " this file. -->";

  private static final String DECODE = DecodeBenchmark.class.getSimpleName();
  private static final String FULL_CALL = FullCallBenchmark.class.getSimpleName();

  private BenchmarksMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: BenchmarksMain <path of BENCHMARKS.md>");
    }
    Path out = Path.of(args[0]).toAbsolutePath().normalize();
    boolean quick = Boolean.getBoolean("benchmarks.quick");
    long quietWaitMinutes = Long.getLong("benchmarks.quietWaitMinutes", 10);

    ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    List<Phase> phases = new ArrayList<>();
    String loadAtStart = waitForQuietLoad(Duration.ofMinutes(quietWaitMinutes));
    boolean skipJmh = Boolean.getBoolean("benchmarks.skipJmh");

    List<RunResult> jmh = new ArrayList<>();
    if (!skipJmh) {
      jmh.addAll(measure("JMH: decode", phases, quick, () -> runJmh(DecodeBenchmark.class, quick)));
      jmh.addAll(measure("JMH: full call", phases, quick, () -> runJmh(FullCallBenchmark.class, quick)));
    }
    PairedCallBenchmark.Result paired = measure("paired full call", phases, quick,
        () -> PairedCallBenchmark.run("small", quick ? 6 : 40, quick ? 50 : 200, quick ? 2_000 : 15_000, System.out));
    List<Result> goodput = measure("goodput", phases, quick, () -> GoodputBenchmark.runAll(quick, System.out));
    Duration took = Duration.between(started, ZonedDateTime.now(ZoneOffset.UTC));

    String notes = keptNotes(out);
    String report = new Report(started, took, quick, loadAtStart, phases, jmh, paired, goodput, notes).render();
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println("Wrote " + out);
  }

  // ---- JMH ----

  private static List<RunResult> runJmh(Class<?> benchmark, boolean quick) throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(Pattern.quote(benchmark.getName()) + "\\.")
        .addProfiler(GCProfiler.class)
        .forks(1)
        .shouldFailOnError(true);
    if (benchmark == FullCallBenchmark.class) {
      // The paced client is measured in pairs (PairedCallBenchmark); here, the absolute figures by body size.
      options.param("client", "bare", "interceptor");
    }
    if (quick) {
      options.warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
          .measurementIterations(2).measurementTime(TimeValue.milliseconds(300));
    }
    return new ArrayList<>(new Runner(options.build()).run());
  }

  // ---- Phases and what else ran meanwhile ----

  /** One measured part of the run, with the machine's state before and during it. */
  record Phase(String name, String loadBefore, String othersBefore, double othersDuring, Duration took) {}

  interface Part<T> {
    T run() throws Exception;
  }

  /**
   * Runs one part once the other processes are quiet (under {@value #QUIET_LOAD} of a core for 10 s, waiting in steps
   * for at most the configured time), and notes how much CPU they used while it ran.
   */
  private static <T> T measure(String name, List<Phase> phases, boolean quick, Part<T> part) throws Exception {
    String othersBefore = waitForQuietOthers(Duration.ofMinutes(quick ? 0 : Long.getLong("benchmarks.quietWaitMinutes",
        10)));
    String loadBefore = loadAverage();
    CpuSample before = CpuSample.now();
    long start = System.nanoTime();
    System.out.println("== " + name + " (others' CPU before: " + othersBefore + ")");
    T result = part.run();
    phases.add(new Phase(name, loadBefore, othersBefore, CpuSample.now().othersCoresSince(before),
        Duration.ofNanos(System.nanoTime() - start)));
    return result;
  }

  /**
   * Busy CPU time of the whole machine and of this process with its children (the JMH forks), from /proc, in clock
   * ticks. What the machine used beyond ours is what other processes used.
   */
  record CpuSample(long machineBusy, long ours, long nanos) {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

    static CpuSample now() {
      return new CpuSample(readMachineBusy(), readOurs(), System.nanoTime());
    }

    /** The average number of cores other processes kept busy since {@code earlier}; NaN if /proc is not there. */
    double othersCoresSince(CpuSample earlier) {
      if (machineBusy < 0 || earlier.machineBusy < 0) {
        return Double.NaN;
      }
      double seconds = (nanos - earlier.nanos) / 1e9;
      long others = (machineBusy - earlier.machineBusy) - (ours - earlier.ours);
      return Math.max(0, others / TICKS_PER_SECOND / seconds);
    }

    private static long readMachineBusy() {
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal ...
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
            + Long.parseLong(f[7]) + Long.parseLong(f[8]);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    /** utime, stime and the reaped children's cutime, cstime of this process, plus its live descendants'. */
    private static long readOurs() {
      long total = ticksOf(ProcessHandle.current().pid(), true);
      for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
        total += ticksOf(child.pid(), true);
      }
      return total;
    }

    private static long ticksOf(long pid, boolean withChildren) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is f[0]; utime f[11], stime f[12], cutime f[13], cstime f[14]
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }
  }

  /** Samples other processes' CPU for 10 s at a time until it is under {@value #QUIET_LOAD} of a core, or max passed. */
  private static String waitForQuietOthers(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long start = System.nanoTime();
    double others;
    while (true) {
      CpuSample before = CpuSample.now();
      Thread.sleep(10_000);
      others = CpuSample.now().othersCoresSince(before);
      if (!(others >= QUIET_LOAD) || System.nanoTime() >= deadline) {
        break;
      }
      System.out.printf(Locale.ROOT, "other processes use %.2f cores: waiting for a quiet moment%n", others);
    }
    long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    return String.format(Locale.ROOT, "%.2f cores over the last 10 s", others)
        + (waited > 15 ? " (waited " + waited + " s" + (others >= QUIET_LOAD ? ", gave up" : "") + ")" : "");
  }

  // ---- The machine ----

  /** Waits in steps until the one-minute load average is under {@value #QUIET_LOAD}, or {@code max} has passed. */
  private static String waitForQuietLoad(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long start = System.nanoTime();
    String first = loadAverage();
    while (loadOneMinute() >= QUIET_LOAD && System.nanoTime() < deadline) {
      System.out.printf("load %s: waiting for a quiet machine (under %.1f) before measuring%n", loadAverage(),
          QUIET_LOAD);
      Thread.sleep(Math.min(20_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
    }
    long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    String now = loadAverage();
    if (waited == 0) {
      return now;
    }
    return now + " (was " + first + "; waited " + waited + " s" + (loadOneMinute() >= QUIET_LOAD
        ? ", gave up: never under " + QUIET_LOAD + ")" : ")");
  }

  /** The 1, 5 and 15 minute load averages, as uptime shows them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double loadOneMinute() {
    try {
      return Double.parseDouble(loadAverage().split(",")[0]);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  static String cpuModel() {
    try {
      Process lscpu = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
      String output = new String(lscpu.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      lscpu.waitFor(10, TimeUnit.SECONDS);
      for (String line : output.split("\n")) {
        if (line.startsWith("Model name:")) {
          return line.substring("Model name:".length()).trim();
        }
      }
    } catch (IOException | InterruptedException e) {
      // fall through to /proc/cpuinfo
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // unknown
    }
    return "unknown";
  }

  static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return "unknown";
  }

  /** What follows {@link #NOTES_MARKER} in the existing report, kept across runs; empty if none. */
  private static String keptNotes(Path out) throws IOException {
    if (!Files.exists(out)) {
      return "";
    }
    String existing = Files.readString(out, StandardCharsets.UTF_8);
    int at = existing.indexOf(NOTES_MARKER);
    return at < 0 ? "" : existing.substring(at + NOTES_MARKER.length()).strip();
  }

  // ---- The report ----

  /** One JMH score with its error, and the allocation per operation where the gc profiler gave one. */
  record Score(double value, double error, String unit, double bytesPerOp) {
    double relativeError() {
      return Double.isNaN(error) ? 0 : error / value;
    }

    String show() {
      return fmt(value) + " ± " + (Double.isNaN(error) ? "n/a" : fmt(error)) + " " + unit;
    }
  }

  /** a / b, with an error bound from the two relative errors (their sum: the worst case, not a confidence). */
  record Ratio(double value, double error) {
    static Ratio of(Score a, Score b) {
      double value = a.value() / b.value();
      return new Ratio(value, value * (a.relativeError() + b.relativeError()));
    }

    String show() {
      return String.format(Locale.ROOT, "%.3f ± %.3f", value, error);
    }
  }

  private static String fmt(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (Math.abs(value) >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String bytes(double bytes) {
    return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%,.0f", bytes);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  private static final class Report {
    private final ZonedDateTime started;
    private final Duration took;
    private final boolean quick;
    private final String loadAtStart;
    private final List<Phase> phases;
    private final Collection<RunResult> jmh;
    private final List<Result> goodput;
    private final PairedCallBenchmark.Result paired;
    private final String notes;
    private final Map<String, Score> scores = new LinkedHashMap<>();
    private final StringBuilder md = new StringBuilder();

    Report(ZonedDateTime started, Duration took, boolean quick, String loadAtStart, List<Phase> phases,
        Collection<RunResult> jmh, PairedCallBenchmark.Result paired, List<Result> goodput, String notes) {
      this.started = started;
      this.took = took;
      this.quick = quick;
      this.loadAtStart = loadAtStart;
      this.phases = phases;
      this.jmh = jmh;
      this.goodput = goodput;
      this.paired = paired;
      this.notes = notes;
      for (RunResult result : jmh) {
        String benchmark = result.getParams().getBenchmark();
        String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        String body = result.getParams().getParam("body");
        if (body != null) {
          name += "[" + body + "," + result.getParams().getParam("client") + "]";
        }
        var alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        scores.put(name, new Score(result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError(),
            result.getPrimaryResult().getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore()));
      }
    }

    private Score decode(String method) {
      return scores.get(DECODE + "." + method);
    }

    /** The full call of {@code body} by {@code client}: bare, interceptor or paced. */
    private Score call(String client, String body) {
      return scores.get(FULL_CALL + ".call[" + body + "," + client + "]");
    }

    private void line(String text) {
      md.append(text).append('\n');
    }

    String render() {
      line("# Benchmarks");
      line("");
      if (quick) {
        line("**QUICK RUN (`-Dbenchmarks.quick=true`): too short to report; run the command below for real figures.**");
        line("");
      }
      line("Written by `BenchmarksMain` on " + started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
          + "; the whole run took " + took.toMinutes() + " min " + took.toSecondsPart() + " s. Run it again with:");
      line("");
      line("```");
      line(COMMAND);
      line("```");
      line("");
      line("Benchmarks are never run by `verify`. Speed is given as ratios against a baseline measured in the same run,"
          + " with the absolute figures and JMH's error (99.9 % confidence interval over the measurement iterations).");
      line("");
      machine();
      targets();
      decodeSection();
      fullCallSection();
      goodputSection();
      raw();
      line("## Notes");
      line("");
      line(NOTES_MARKER);
      line("");
      if (!notes.isEmpty()) {
        line(notes);
      }
      return md.toString();
    }

    private void machine() {
      line("## Machine");
      line("");
      line("| | |");
      line("|---|---|");
      line("| CPU | " + cpuModel() + " |");
      line("| cores (`nproc`) | " + Runtime.getRuntime().availableProcessors()
          + ", shared with other engineers' builds |");
      line("| memory | " + memory() + " |");
      line("| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
          + System.getProperty("java.vendor") + ") |");
      line("| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
          + System.getProperty("os.arch") + " |");
      RunResult any = jmh.stream().findFirst().orElse(null);
      if (any != null) {
        var params = any.getParams();
        line("| JMH | " + params.getJmhVersion() + "; " + params.getForks() + " fork, " + params.getThreads()
            + " thread; decode: " + iterations(DECODE) + "; full call: " + iterations(FULL_CALL)
            + "; `-prof gc` on every benchmark |");
      }
      line("| load average (1, 5, 15 min) before the run | " + loadAtStart + " |");
      line("");
      line("Each part started once other processes had used under " + QUIET_LOAD + " of a core for 10 s. *Others* is the"
          + " CPU the machine spent beyond this run and its JMH forks (from `/proc/stat` and `/proc/<pid>/stat`), in"
          + " cores out of " + Runtime.getRuntime().availableProcessors() + "; the load average includes the run's own"
          + " threads.");
      line("");
      line("| part | took | load average before | others before | others during |");
      line("|---|---|---|---|---|");
      for (Phase phase : phases) {
        line("| " + phase.name() + " | " + phase.took().toSeconds() + " s | " + phase.loadBefore() + " | "
            + phase.othersBefore() + " | " + String.format(Locale.ROOT, "%.2f cores", phase.othersDuring()) + " |");
      }
      line("");
      line("One fork and a few short iterations keep the whole run under ten minutes on two cores: the errors below are"
          + " wider than a long run's would be, and each is given.");
      line("");
    }

    private String iterations(String benchmarkClass) {
      return jmh.stream().filter(r -> r.getParams().getBenchmark().contains("." + benchmarkClass + "."))
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
      Score bare = call("bare", "small");
      Score with = call("interceptor", "small");
      for (String kind : List.of("interceptor", "paced")) {
        double[] ratios = paired.ratios().get(kind);
        double median = PairedCallBenchmark.Result.median(ratios);
        double[] ci = PairedCallBenchmark.Result.medianInterval(ratios);
        String verdict = ci[1] <= 1.05 ? "**met**" : ci[0] > 1.05 ? "**missed**"
            : "undetermined: the interval straddles 1.05";
        String jmhRatio = kind.equals("interceptor") && bare != null && with != null
            ? "; JMH: " + Ratio.of(with, bare).show() + " (" + with.show() + ")" : "";
        target(kind.equals("interceptor")
                ? "full call with the interceptor within 5 % of bare OkHttp (small body; no budget applies)"
                : "the same with a rate budget on every request (as every Binance and Bybit call has)",
            String.format(Locale.ROOT, "paired: median ratio %.3f, 95 %% CI [%.3f, %.3f] over %d rounds", median, ci[0],
                ci[1], ratios.length) + jmhRatio,
            String.format(Locale.ROOT, "bare OkHttp, paired: median %.1f µs/call",
                PairedCallBenchmark.Result.median(paired.micros().get("bare")))
                + (bare == null ? "" : "; JMH: " + bare.show()),
            verdict);
      }
      Score small = decode("smallErrorBody");
      Score copy = decode("baselineCopySmallBody");
      if (small != null) {
        double upper = small.value() + (Double.isNaN(small.error()) ? 0 : small.error());
        String verdict = upper < 1000 ? "**met**" : small.value() < 1000 ? "met, but the error reaches 1 µs"
            : "**missed**";
        target("decode of a small error body under 1 µs", small.show() + ", " + bytes(small.bytesPerOp()) + " B/op",
            copy == null ? "" : "copying the body: " + copy.show() + " (ratio " + Ratio.of(small, copy).show() + ")",
            verdict);
      }
      Score oneMiB = decode("success1MiB");
      Score tenMiB = decode("success10MiB");
      if (oneMiB != null && tenMiB != null) {
        Ratio flat = Ratio.of(tenMiB, oneMiB);
        target("decode cost flat as the body grows (10 MiB vs 1 MiB success body, as handed over)",
            "ratio " + flat.show() + "; " + tenMiB.show(), "1 MiB: " + oneMiB.show(),
            flat.value() - flat.error() <= 1.10 ? "**met**" : "**missed**");
      }
      Score bareBig = call("bare", "10MiB");
      Score withBig = call("interceptor", "10MiB");
      Score bareMid = call("bare", "1MiB");
      Score withMid = call("interceptor", "1MiB");
      if (bareBig != null && withBig != null && bareMid != null && withMid != null) {
        double extraBig = withBig.bytesPerOp() - bareBig.bytesPerOp();
        double extraMid = withMid.bytesPerOp() - bareMid.bytesPerOp();
        target("the interceptor reads a 10 MiB body's 64 KiB prefix only (extra allocation per call as for 1 MiB)",
            "extra " + bytes(extraBig) + " B/call at 10 MiB; time ratio " + Ratio.of(withBig, bareBig).show(),
            "extra " + bytes(extraMid) + " B/call at 1 MiB; time ratio " + Ratio.of(withMid, bareMid).show(),
            extraBig < 2 * Math.max(extraMid, 128 * 1024) && extraBig < (1 << 20) ? "**met**" : "**missed**");
      }
      for (Scenario scenario : GoodputBenchmark.scenarios(quick)) {
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
      line("");
    }

    private String verdict(Ratio ratio, double limit) {
      if (ratio.value() + ratio.error() <= limit) {
        return "**met**";
      }
      if (ratio.value() <= limit) {
        return "met on the mean, within the error of the limit";
      }
      return ratio.value() - ratio.error() <= limit ? "missed on the mean, within the error of the limit"
          : "**missed**";
    }

    private void target(String what, String measured, String baseline, String verdict) {
      line("| " + what + " | " + measured + " | " + baseline + " | " + verdict + " |");
    }

    private void decodeSection() {
      line("## Decode cost per response");
      line("");
      line("`" + DECODE + "`: one `ResponseDecoder.decode` of a body as the interceptor hands it over. A 1 MiB or"
          + " 10 MiB body is handed over as its first 64 KiB, flagged incomplete: both prefixes hold the same bytes,"
          + " so their rows show what a prefix costs (the decoder stops at the `data` array either way); that only the"
          + " prefix is read from the network is shown under *Full call*. The baseline copies the small error body.");
      line("");
      line("| body | time per decode | vs. copying the body | vs. the small error body | allocated (B/op) |");
      line("|---|---|---|---|---|");
      Score copy = decode("baselineCopySmallBody");
      Score small = decode("smallErrorBody");
      String[][] rows = {
          {"baselineCopySmallBody", "baseline: copy of the small error body (152 B)"},
          {"smallErrorBody", "Binance 429 -1003, small error body (152 B)"},
          {"smallSuccessBody", "OKX success, one ticker (~100 B)"},
          {"htmlErrorPage", "HTML 502 page from a CDN"},
          {"okxBatchOf20", "OKX batch of 20 orders, code 2, 7 failed items"},
          {"success60KiBComplete", "OKX success, 60 KiB, complete"},
          {"success1MiB", "OKX success, 1 MiB (64 KiB prefix)"},
          {"success10MiB", "OKX success, 10 MiB (64 KiB prefix)"},
      };
      for (String[] row : rows) {
        Score score = decode(row[0]);
        if (score == null) {
          continue;
        }
        line("| " + row[1] + " | " + score.show() + " | " + (copy == null ? "" : Ratio.of(score, copy).show())
            + " | " + (small == null ? "" : Ratio.of(score, small).show()) + " | " + bytes(score.bytesPerOp()) + " |");
      }
      line("");
    }

    private void fullCallSection() {
      line("## Full call over loopback");
      line("");
      line("`" + FULL_CALL + "`: `newCall(request).execute()` and reading the whole body into a blackhole, against"
          + " MockWebServer on loopback (TCP_NODELAY) answering an OKX success envelope, one keep-alive connection; the"
          + " two clients of one body run back to back. *Bare* is OkHttp"
          + " alone; *interceptor* adds `ExchangeResilienceInterceptor.builder(OKX).build()` (a market-data GET: no"
          + " budget applies); *paced*, below, also gives it a budget over every request, too large ever to make a call"
          + " wait, so that each call takes a permit. The ratio's error is the sum of the two relative errors.");
      line("");
      line("| body | bare OkHttp | with the interceptor | ratio | extra allocation per call |");
      line("|---|---|---|---|---|");
      for (String body : List.of("small", "1MiB", "10MiB")) {
        Score bare = call("bare", body);
        Score with = call("interceptor", body);
        if (bare == null || with == null) {
          continue;
        }
        line("| " + body + " | " + bare.show() + " | " + with.show() + " | " + Ratio.of(with, bare).show() + " | "
            + bytes(with.bytesPerOp() - bare.bytesPerOp()) + " B |");
      }
      line("");
      pairedTable();
      line("Allocation per call, bare: " + String.join("; ", List.of("small", "1MiB", "10MiB").stream()
          .filter(b -> call("bare", b) != null)
          .map(b -> b + " " + bytes(call("bare", b).bytesPerOp()) + " B").toList()) + ".");
      line("");
    }

    private void pairedTable() {
      line("**Paired** (`" + PairedCallBenchmark.class.getSimpleName() + "`, small body): the bare, intercepted and paced"
          + " clients take turns on one server and one connection pool, " + paired.sliceMillis() + " ms each per"
          + " round, for " + paired.rounds() + " rounds after a warm-up; each round gives the ratio of their mean call"
          + " times, so drift of the machine between rounds cancels out. Median over the rounds with a"
          + " distribution-free 95 % confidence interval (order statistics):");
      line("");
      line("| client | median µs/call | ratio to bare (median) | 95 % CI |");
      line("|---|---|---|---|");
      for (String kind : PairedCallBenchmark.CLIENTS) {
        double micros = PairedCallBenchmark.Result.median(paired.micros().get(kind));
        double[] ratios = paired.ratios().get(kind);
        if (ratios == null) {
          line(String.format(Locale.ROOT, "| %s | %.1f | 1 | |", kind, micros));
        } else {
          double[] ci = PairedCallBenchmark.Result.medianInterval(ratios);
          line(String.format(Locale.ROOT, "| %s | %.1f | %.3f | [%.3f, %.3f] |", kind, micros,
              PairedCallBenchmark.Result.median(ratios), ci[0], ci[1]));
        }
      }
      line("");
    }

    private Result goodputOf(Scenario scenario, Client client) {
      return goodput.stream().filter(r -> r.scenario().title().equals(scenario.title()) && r.client() == client)
          .findFirst().orElse(null);
    }

    private void goodputSection() {
      line("## Goodput under a rate limit");
      line("");
      line("A plain program (`" + GoodputBenchmark.class.getSimpleName() + "`, not JMH). Each client runs "
          + GoodputBenchmark.THREADS + " threads for the same fixed time against a fresh `ExchangeSimulator`, each"
          + " thread sending one request after the other. **Goodput** is the client's successful requests divided by"
          + " the **allowance**, what the simulator allows in that time (the budget times the windows the run spans:"
          + " the run starts with a window and lasts a whole number of them). **Refused** is the share of the requests"
          + " the simulator received that it refused for rate (Binance 429 -1003, OKX 50011, Bybit 10006) or answered"
          + " with a ban (Binance 418, Bybit 403); **bans** are the bans it imposed. Requests, refusals and bans are the"
          + " simulator's counts (`stats(exchange)`); nothing is sent after the run ends.");
      line("");
      line("The clients: (1) plain OkHttp retrying a refused request **at once**; (2) plain OkHttp retrying it after"
          + " a **fixed 100 ms pause** (of the exchange's time); (3) plain OkHttp behind a Resilience4j `RateLimiter`"
          + " set to the documented budget, with no error handling (a refused request is not retried: the next one"
          + " goes through the limiter like any other); (4) the library, told the same budget, the application waiting"
          + " as a `FailFastException` says (until `bannedUntil`, or for `retryAfter`). The limiters' periods start with"
          + " the run, so they are in phase with the exchange's windows: the best case for a fixed-rate limiter.");
      line("");
      for (Scenario scenario : GoodputBenchmark.scenarios(quick)) {
        if (goodputOf(scenario, Client.LIBRARY) == null) {
          continue;
        }
        Duration length = scenario.length();
        line("### " + scenario.title());
        line("");
        line("`" + scenario.requestDescription() + "`; budget " + scenario.permits() + " per "
            + scenario.rule().window().toSeconds() + " s"
            + (scenario.permits() != scenario.rule().defaultPermits()
                ? " (documented: " + scenario.rule().defaultPermits() + ", shrunk)" : " (as documented)")
            + ", enforced by the simulator; run " + scenario.windows() + " windows = " + length.toSeconds()
            + " s of the exchange's time" + (scenario.scale() > 1
                ? ", on a clock running " + scenario.scale() + "× real time (" + length.dividedBy(scenario.scale())
                .toMillis() / 1000.0 + " s real) that the simulator, the limiters and every wait share" : " (real time)")
            + ". Allowance: " + scenario.allowance() + " successful requests.");
        line("");
        line("| client | sent | successes | goodput | refused | bans | local fail-fast | real s |");
        line("|---|---|---|---|---|---|---|---|");
        for (Client client : Client.values()) {
          Result r = goodputOf(scenario, client);
          if (r == null) {
            continue;
          }
          line("| " + client.description + " | " + r.requests() + " | " + r.successes() + " | "
              + percent(r.goodput()) + " | " + r.refused() + " (" + percent(r.refusedShare()) + ") | " + r.bans()
              + " | " + (client == Client.LIBRARY ? String.valueOf(r.failFasts()) : "–")
              + (r.otherFailures() > 0 ? " (+" + r.otherFailures() + " other failures)" : "") + " | "
              + String.format(Locale.ROOT, "%.1f", r.realSeconds()) + " |");
        }
        line("");
      }
    }

    private void raw() {
      line("## Raw JMH table");
      line("");
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      try (PrintStream print = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
        ResultFormatFactory.getInstance(ResultFormatType.TEXT, print).writeOut(new ArrayList<>(jmh));
      }
      line("```");
      line(buffer.toString(StandardCharsets.UTF_8).stripTrailing());
      line("```");
      line("");
    }
  }
}
