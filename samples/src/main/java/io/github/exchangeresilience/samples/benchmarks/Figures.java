package io.github.exchangeresilience.samples.benchmarks;

import java.util.Locale;

/** How the report writes its figures: JMH scores with their errors, ratios, medians with their intervals. */
final class Figures {
  private Figures() {}

  /** One JMH score with its error, and the allocation per operation where the gc profiler gave one. */
  record Score(double value, double error, String unit, double bytesPerOp) {
    double relativeError() {
      return Double.isNaN(error) ? 0 : error / value;
    }

    /** The upper end of the score's interval. */
    double upper() {
      return value + (Double.isNaN(error) ? 0 : error);
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

  /** The median of per-round values with its distribution-free 95 % confidence interval. */
  record Median(double value, double low, double high, int rounds) {
    static Median of(double[] values) {
      double[] interval = PairedCallBenchmark.Result.medianInterval(values);
      return new Median(PairedCallBenchmark.Result.median(values), interval[0], interval[1], values.length);
    }

    String show() {
      return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", value, low, high);
    }

    String showBytes() {
      return bytes(value) + " B [" + bytes(low) + ", " + bytes(high) + "]";
    }

    String showMicros() {
      return String.format(Locale.ROOT, "%.1f µs [%.1f, %.1f]", value, low, high);
    }
  }

  static String fmt(double value) {
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

  static String bytes(double bytes) {
    double rounded = Math.rint(bytes);
    // -0.4 rounds to -0, which reads as if something were less than nothing.
    return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%,.0f", rounded == 0 ? 0.0 : rounded);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }
}
