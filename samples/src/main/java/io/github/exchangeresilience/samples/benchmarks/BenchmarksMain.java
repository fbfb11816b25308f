package io.github.exchangeresilience.samples.benchmarks;

import io.github.exchangeresilience.samples.benchmarks.Callers.Kind;
import io.github.exchangeresilience.samples.benchmarks.PairedCallBenchmark.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and writes BENCHMARKS.md: the JMH benchmarks (decode cost with allocation, a whole call with
 * and without the interceptor and beside its peers), the paired runs (the overhead, allocation and throughput ratios
 * with their intervals), what each client lets through, the goodput runs against the simulator, a WebSocket order's
 * round trip through the session and over a bare OkHttp WebSocket (JMH, and paired), then the report. Run
 * it with {@code ./mvnw -B -q -DskipTests install && ./mvnw -B -q -pl samples exec:exec@benchmarks}; never from a
 * test.
 *
 * <p>System properties, for trying the harness rather than for reporting: {@code -Dbenchmarks.quick=true} runs
 * everything briefly (the report then says so), {@code -Dbenchmarks.quietWaitMinutes=N} bounds the wait for a quiet
 * machine (10 by default), {@code -Dbenchmarks.parts=decode,call,paired,throughput,peers,goodput,websocket} runs
 * only those.
 */
public final class BenchmarksMain {
  static final String COMMAND = "./mvnw -B -q -DskipTests install && ./mvnw -B -q -pl samples exec:exec@benchmarks";
  static final String NOTES_MARKER = "<!-- Hand-written notes below this line are kept when BenchmarksMain rewrites"
      + " this file. -->";
  static final List<String> PARTS = List.of("decode", "call", "paired", "throughput", "peers", "goodput",
      "websocket");
  /** The thread counts of the throughput target. */
  static final List<Integer> THREAD_COUNTS = List.of(1, 8, 64);
  static final List<String> BODIES = List.of("small", "1MiB", "10MiB");

  private BenchmarksMain() {}

  /** Everything one run measured, for the report. */
  record Run(ZonedDateTime started, Duration took, boolean quick, String loadAtStart, List<MachineLoad.Phase> phases,
      List<RunResult> jmh, List<PairedCallBenchmark.Result> paired, List<PeerOutcomes.Outcome> outcomes,
      List<SampledCallCpu.Result> sampled, List<GoodputBenchmark.Result> goodput,
      PairedWebSocketBenchmark.Result pairedWebSocket, String notes) {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: BenchmarksMain <path of BENCHMARKS.md>");
    }
    Path out = Path.of(args[0]).toAbsolutePath().normalize();
    boolean quick = Boolean.getBoolean("benchmarks.quick");
    Set<String> parts = Arrays.stream(System.getProperty("benchmarks.parts", String.join(",", PARTS)).split(","))
        .map(String::trim).collect(Collectors.toSet());
    long quietWaitMinutes = Long.getLong("benchmarks.quietWaitMinutes", 10);

    ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    List<MachineLoad.Phase> phases = new ArrayList<>();
    String loadAtStart = MachineLoad.waitForQuietLoad(Duration.ofMinutes(quietWaitMinutes));

    List<RunResult> jmh = new ArrayList<>();
    if (parts.contains("decode")) {
      jmh.addAll(MachineLoad.measure("JMH: decode", phases, quick, () -> runJmh(DecodeBenchmark.class, quick, null)));
    }
    if (parts.contains("call")) {
      jmh.addAll(MachineLoad.measure("JMH: full call", phases, quick, () -> {
        List<RunResult> results = runJmh(FullCallBenchmark.class, quick, List.of("small"));
        results.addAll(runJmh(FullCallBenchmark.class, quick, List.of("1MiB", "10MiB")));
        return results;
      }));
    }
    List<PairedCallBenchmark.Result> paired = new ArrayList<>();
    List<SampledCallCpu.Result> sampled = new ArrayList<>();
    if (parts.contains("paired")) {
      paired.addAll(MachineLoad.measure("paired: overhead and allocation", phases, quick, () -> pairedRuns(quick)));
      sampled.addAll(MachineLoad.measure("sampled: the library's CPU per call", phases, quick,
          () -> sampledRuns(quick)));
    }
    if (parts.contains("throughput")) {
      paired.addAll(MachineLoad.measure("paired: throughput, 8 and 64 threads", phases, quick,
          () -> throughputRuns(quick)));
    }
    List<PeerOutcomes.Outcome> outcomes = parts.contains("peers")
        ? MachineLoad.measure("what each client lets through", phases, quick, () -> PeerOutcomes.runAll(System.out))
        : List.of();
    List<GoodputBenchmark.Result> goodput = parts.contains("goodput")
        ? MachineLoad.measure("goodput", phases, quick, () -> GoodputBenchmark.runAll(quick, System.out))
        : List.of();
    PairedWebSocketBenchmark.Result pairedWebSocket = null;
    if (parts.contains("websocket")) {
      jmh.addAll(MachineLoad.measure("JMH: WebSocket round trip", phases, quick,
          () -> runJmh(WebSocketRoundTripBenchmark.class, quick, null)));
      pairedWebSocket = MachineLoad.measure("paired: WebSocket round trip", phases, quick,
          // 150 rounds of 400 orders: at 60 of 200 the control's interval spanned 12 %, the target's window 5 %.
          () -> PairedWebSocketBenchmark.run(quick ? 10 : 150, quick ? 50 : 400, quick ? 2_000 : 20_000, System.out));
    }
    Duration took = Duration.between(started, ZonedDateTime.now(ZoneOffset.UTC));

    Run run = new Run(started, took, quick, loadAtStart, phases, jmh, paired, outcomes, sampled, goodput,
        pairedWebSocket, keptNotes(out));
    Files.writeString(out, new Report(run).render(), StandardCharsets.UTF_8);
    System.out.println("Wrote " + out);
  }

  /** The small body with every client, one thread; the large bodies with the interceptor alone. */
  private static List<PairedCallBenchmark.Result> pairedRuns(boolean quick) throws Exception {
    List<PairedCallBenchmark.Result> results = new ArrayList<>();
    // 80 rounds: a target's interval must come within 1.05, and at 40 the control alone reached 1.08.
    results.add(PairedCallBenchmark.run(new Plan("small", 1, List.of(Kind.values()), quick ? 6 : 80, quick ? 50 : 200,
        quick ? 2_000 : 15_000), System.out));
    for (String body : BODIES.subList(1, BODIES.size())) {
      results.add(PairedCallBenchmark.run(new Plan(body, 1, List.of(Kind.BARE, Kind.INTERCEPTOR), quick ? 4 : 20,
          quick ? 100 : 300, quick ? 1_000 : 5_000), System.out));
    }
    return results;
  }

  /**
   * The interceptor alone and with a budget, sampled; bare OkHttp too, whose share must come out as none: the check
   * that the harness's own frames are not counted as the library's.
   */
  private static List<SampledCallCpu.Result> sampledRuns(boolean quick) throws Exception {
    List<SampledCallCpu.Result> results = new ArrayList<>();
    for (Kind kind : List.of(Kind.BARE, Kind.INTERCEPTOR, Kind.PACED)) {
      results.add(SampledCallCpu.run(kind, quick ? 1_000 : 3_000, kind == Kind.BARE || quick ? 3_000 : 20_000,
          System.out));
    }
    return results;
  }

  /** Many threads over one client, the small body; one thread is the overhead run's. */
  private static List<PairedCallBenchmark.Result> throughputRuns(boolean quick) throws Exception {
    List<PairedCallBenchmark.Result> results = new ArrayList<>();
    for (int threads : THREAD_COUNTS.subList(1, THREAD_COUNTS.size())) {
      // 60 rounds: at 30 the control's interval alone spanned 0.96 to 1.10.
      results.add(PairedCallBenchmark.run(new Plan("small", threads,
          List.of(Kind.BARE, Kind.CONTROL, Kind.INTERCEPTOR), quick ? 4 : 60, quick ? 100 : 300,
          quick ? 1_000 : 5_000), System.out));
    }
    return results;
  }

  /** One JMH benchmark class with the gc profiler; for the full call, the bodies given, each with its clients. */
  private static List<RunResult> runJmh(Class<?> benchmark, boolean quick, List<String> bodies) throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(Pattern.quote(benchmark.getName()) + "\\.")
        .addProfiler(GCProfiler.class)
        .forks(1)
        .shouldFailOnError(true);
    if (bodies != null) {
      options.param("body", bodies.toArray(new String[0]));
      // The peers beside the small call; the large bodies show what the interceptor reads of them.
      options.param("client", bodies.contains("small")
          ? Arrays.stream(Kind.values()).filter(kind -> kind != Kind.CONTROL).map(kind -> kind.id)
              .toArray(String[]::new)
          : new String[] {Kind.BARE.id, Kind.INTERCEPTOR.id});
    }
    if (quick) {
      options.warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
          .measurementIterations(2).measurementTime(TimeValue.milliseconds(300));
    }
    return new ArrayList<>(new Runner(options.build()).run());
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
}
