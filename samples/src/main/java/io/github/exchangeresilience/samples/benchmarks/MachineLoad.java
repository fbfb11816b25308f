package io.github.exchangeresilience.samples.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The machine the benchmarks run on, and how busy others keep it: each part of the run waits until other processes are
 * quiet, and the report says how much CPU they used before and while it ran. The machine is shared with other
 * engineers' builds, so this is what tells a figure measured in quiet from one measured under load.
 */
final class MachineLoad {
  /** Other processes' CPU, in cores, under which a part may start; the one-minute load average, likewise. */
  static final double QUIET_LOAD = 0.7;

  private MachineLoad() {}

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
  static <T> T measure(String name, List<Phase> phases, boolean quick, Part<T> part) throws Exception {
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
  static String waitForQuietLoad(Duration max) throws InterruptedException {
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

  static double loadOneMinute() {
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
}
