import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The mutation profile's gate, run on PIT's mutations.xml after each module's analysis (a single-file program:
 * {@code java MutationGate.java ...}, nothing to build). It fails the build when
 * <ul>
 *   <li>a group of classes kills fewer than its threshold of its mutants, equivalent mutants left out of the count;</li>
 *   <li>a mutant survives, or is not covered, in a method that decides between resend, reconcile, ban and return;</li>
 *   <li>an entry of the equivalent-mutant list matches no surviving mutant any more (it went stale: remove it).</li>
 * </ul>
 * PIT's own threshold is one number per module and cannot set aside a mutant that cannot change behaviour; this does,
 * each with its reason, by the source line's text rather than its number, so that edits above it do not unlist it.
 *
 * <p>Arguments: {@code --report mutations.xml --sources src/main/java --equivalents list.txt}, then any number of
 * {@code --group name=pattern,pattern:percent} and {@code --critical pattern#method,method}. A pattern ending in
 * {@code .} is a package and its subpackages; otherwise a class and its nested classes.
 *
 * <p>The list's lines: {@code class#method | Mutator | PIT's description | the source line, trimmed | why it is
 * equivalent}. Where the line's text is not unique in its method, {@code line <- the line before it} pins it. {@code #}
 * starts a comment line.
 */
public final class MutationGate {
  private record Mutant(String className, String method, int line, String mutator, String description,
      String status, boolean detected, String source, String previous) {
    String where() {
      return className + "#" + method + ":" + line;
    }
  }

  /** @param after the line before the mutated one, where the mutated line's text alone is not unique; or null */
  private record Equivalent(String className, String method, String mutator, String description, String source,
      String after, String reason, int listLine) {
    boolean matches(Mutant m) {
      return m.className().equals(className) && m.method().equals(method) && m.mutator().equals(mutator)
          && m.description().equals(description) && m.source().equals(source)
          && (after == null || m.previous().equals(after));
    }
  }

  private record Group(String name, List<String> patterns, double threshold) {}

  private record Critical(String pattern, List<String> methods) {}

  public static void main(String[] args) throws Exception {
    Path report = null;
    Path sources = null;
    Path equivalentsFile = null;
    List<Group> groups = new ArrayList<>();
    List<Critical> criticals = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--report" -> report = Path.of(value);
        case "--sources" -> sources = Path.of(value);
        case "--equivalents" -> equivalentsFile = Path.of(value);
        case "--group" -> {
          int eq = value.indexOf('=');
          int colon = value.lastIndexOf(':');
          groups.add(new Group(value.substring(0, eq), List.of(value.substring(eq + 1, colon).split(",")),
              Double.parseDouble(value.substring(colon + 1))));
        }
        case "--critical" -> {
          int hash = value.indexOf('#');
          criticals.add(new Critical(value.substring(0, hash), List.of(value.substring(hash + 1).split(","))));
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<Mutant> mutants = read(report, sources);
    List<Equivalent> equivalents = equivalentsFile != null && Files.exists(equivalentsFile)
        ? equivalents(equivalentsFile) : List.of();
    List<String> failures = new ArrayList<>();

    Map<Equivalent, Integer> used = new LinkedHashMap<>();
    List<Mutant> equivalentMutants = new ArrayList<>();
    for (Mutant m : mutants) {
      if (m.detected()) {
        continue;
      }
      for (Equivalent e : equivalents) {
        if (e.matches(m)) {
          used.merge(e, 1, Integer::sum);
          equivalentMutants.add(m);
          break;
        }
      }
    }
    for (Equivalent e : equivalents) {
      if (!used.containsKey(e)) {
        failures.add("stale equivalent-mutant entry (line " + e.listLine() + " of " + equivalentsFile
            + "): no surviving " + e.mutator() + " on `" + e.source() + "` in " + e.className() + "#" + e.method());
      }
    }

    System.out.println("[mutation gate] " + report);
    System.out.printf(Locale.ROOT, "  %-14s %9s %7s %6s %10s %s%n", "group", "killed", "%", "min %", "equivalent",
        "");
    for (Group g : groups) {
      int total = 0;
      int killed = 0;
      int equivalent = 0;
      for (Mutant m : mutants) {
        if (!g.patterns().stream().anyMatch(p -> inScope(m.className(), p))) {
          continue;
        }
        if (equivalentMutants.contains(m)) {
          equivalent++;
          continue;
        }
        total++;
        if (m.detected()) {
          killed++;
        }
      }
      double percent = total == 0 ? 100.0 : 100.0 * killed / total;
      boolean pass = total > 0 && percent >= g.threshold();
      System.out.printf(Locale.ROOT, "  %-14s %4d/%-4d %6.1f %6.0f %10d %s%n", g.name(), killed, total, percent,
          g.threshold(), equivalent, pass ? "ok" : "FAIL");
      if (!pass) {
        failures.add(total == 0 ? "group " + g.name() + " has no mutants: its patterns match nothing"
            : String.format(Locale.ROOT, "group %s kills %.1f %% of its mutants, below %.0f %%", g.name(), percent,
                g.threshold()));
      }
    }

    List<Mutant> left = new ArrayList<>();
    for (Mutant m : mutants) {
      if (!m.detected() && !equivalentMutants.contains(m)) {
        left.add(m);
        boolean critical = criticals.stream()
            .anyMatch(c -> inScope(m.className(), c.pattern()) && c.methods().contains(m.method()));
        if (critical) {
          failures.add("a mutant " + m.status().toLowerCase(Locale.ROOT).replace('_', ' ') + " on a deciding line: "
              + describe(m));
        }
      }
    }
    if (!left.isEmpty()) {
      System.out.println("  not killed (" + left.size() + "):");
      left.forEach(m -> System.out.println("    " + describe(m)));
    }
    if (!equivalentMutants.isEmpty()) {
      System.out.println("  equivalent, as listed (" + equivalentMutants.size() + "):");
      for (Mutant m : equivalentMutants) {
        Equivalent e = equivalents.stream().filter(x -> x.matches(m)).findFirst().orElseThrow();
        System.out.println("    " + m.where() + " " + m.mutator() + ": " + e.reason());
      }
    }
    if (!failures.isEmpty()) {
      System.out.println("[mutation gate] FAILED:");
      failures.forEach(f -> System.out.println("  - " + f));
      System.exit(1);
    }
    System.out.println("[mutation gate] passed");
  }

  private static String describe(Mutant m) {
    return m.status() + " " + m.where() + " " + m.mutator() + " (" + m.description() + "): `" + m.source() + "`";
  }

  private static boolean inScope(String className, String pattern) {
    if (pattern.endsWith(".")) {
      return className.startsWith(pattern);
    }
    return className.equals(pattern) || className.startsWith(pattern + "$");
  }

  private static List<Mutant> read(Path report, Path sources) throws Exception {
    Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
        .getDocumentElement();
    NodeList nodes = root.getElementsByTagName("mutation");
    Map<Path, List<String>> files = new LinkedHashMap<>();
    List<Mutant> mutants = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      String className = text(e, "mutatedClass");
      int line = Integer.parseInt(text(e, "lineNumber"));
      String packagePath = className.contains(".")
          ? className.substring(0, className.lastIndexOf('.')).replace('.', '/') : "";
      Path file = sources.resolve(packagePath).resolve(text(e, "sourceFile"));
      List<String> lines = files.computeIfAbsent(file, MutationGate::lines);
      String source = line >= 1 && line <= lines.size() ? lines.get(line - 1).trim() : "";
      String previous = "";
      for (int p = line - 2; p >= 0 && p < lines.size() && previous.isEmpty(); p--) {
        previous = lines.get(p).trim();
      }
      String mutator = text(e, "mutator");
      mutants.add(new Mutant(className, text(e, "mutatedMethod"), line,
          mutator.substring(mutator.lastIndexOf('.') + 1), text(e, "description"), e.getAttribute("status"),
          Boolean.parseBoolean(e.getAttribute("detected")), source, previous));
    }
    return mutants;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String text(Element e, String tag) {
    NodeList found = e.getElementsByTagName(tag);
    return found.getLength() == 0 ? "" : found.item(0).getTextContent().trim();
  }

  private static List<Equivalent> equivalents(Path file) throws IOException {
    List<Equivalent> entries = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      // Four fields from the left; the source line may itself hold " | ", so the reason is after the last one.
      int[] bars = new int[3];
      int from = 0;
      for (int b = 0; b < 3; b++) {
        bars[b] = line.indexOf(" | ", from);
        if (bars[b] < 0) {
          throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected 5 fields separated by \" | \"");
        }
        from = bars[b] + 3;
      }
      int lastBar = line.lastIndexOf(" | ");
      if (lastBar <= bars[2]) {
        throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected 5 fields separated by \" | \"");
      }
      String[] head = {line.substring(0, bars[0]), line.substring(bars[0] + 3, bars[1]),
          line.substring(bars[1] + 3, bars[2])};
      String source = line.substring(bars[2] + 3, lastBar).trim();
      String after = null;
      int arrow = source.indexOf(" <- ");
      if (arrow >= 0) {
        after = source.substring(arrow + 4).trim();
        source = source.substring(0, arrow).trim();
      }
      String reason = line.substring(lastBar + 3).trim();
      int hash = head[0].indexOf('#');
      entries.add(new Equivalent(head[0].substring(0, hash), head[0].substring(hash + 1), head[1].trim(),
          head[2].trim(), source, after, reason, n + 1));
    }
    return entries;
  }
}
