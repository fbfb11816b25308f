package io.github.exchangeresilience.cli;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.CatalogFiles;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.importer.CatalogImporter;
import io.github.exchangeresilience.catalog.importer.ClassificationRules;
import io.github.exchangeresilience.catalog.importer.DocumentFormat;
import io.github.exchangeresilience.catalog.importer.ImportResult;
import io.github.exchangeresilience.catalog.importer.MalformedDocumentException;
import io.github.exchangeresilience.catalog.importer.SourceDocument;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The core jar's command line: explains and lists the catalog, and imports newer copies of the exchanges' pages.
 * Exit status 0 on success, 1 when a file cannot be read or written or a page is malformed, 2 for bad usage, an
 * unknown exchange or an unknown code.
 */
public final class CatalogCli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final String EXCHANGES = Arrays.stream(Exchange.values())
      .map(Exchange::id)
      .collect(Collectors.joining(", "));
  static final String USAGE_TEXT = String.join("\n",
      "Usage: java -jar exchange-resilience-core.jar <command> [arguments]",
      "",
      "Commands:",
      "  explain <exchange> <code>                 class, rule, HTTP status, name, messages and source of one code",
      "  list [<exchange>] [--format tsv|json]     every entry (default tsv)",
      "  review [<exchange>]                       entries REJECTED only by default although their text speaks of",
      "                                            limits, frequency, timeouts, maintenance, keys, IPs, signatures...",
      "  import <exchange> <file> [--out <dir>] [--rules <file>]",
      "                                            regenerate <exchange>.json in <dir> (default .) from a newer copy",
      "                                            of a page, against <dir>/<exchange>.json if present, else the",
      "                                            built-in catalog, and print what was added, removed or changed",
      "  regenerate <sources-dir> [--out <dir>] [--rules <file>]",
      "                                            regenerate every data file from a directory of pages (*.txt)",
      "  help                                      this text",
      "",
      "Exchanges: " + EXCHANGES,
      "--rules reads classification rules from a file instead of the built-in classification-rules.tsv.");

  private final PrintStream out;

  private CatalogCli(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs one command; returns the exit status. Never calls {@link System#exit}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CatalogCli cli = new CatalogCli(out);
    try {
      if (args.length == 0) {
        throw new UsageException("no command given\n\n" + USAGE_TEXT);
      }
      String command = args[0];
      switch (command) {
        case "explain" -> cli.explain(Arguments.parse(args, 1, Set.of())
            .expect(2, 2, "explain <exchange> <code>"));
        case "list" -> cli.list(Arguments.parse(args, 1, Set.of("format"))
            .expect(0, 1, "list [<exchange>] [--format tsv|json]"));
        case "review" -> cli.review(Arguments.parse(args, 1, Set.of()).expect(0, 1, "review [<exchange>]"));
        case "import" -> cli.importDocument(Arguments.parse(args, 1, Set.of("out", "rules"))
            .expect(2, 2, "import <exchange> <file> [--out <dir>] [--rules <file>]"));
        case "regenerate" -> cli.regenerate(Arguments.parse(args, 1, Set.of("out", "rules"))
            .expect(1, 1, "regenerate <sources-dir> [--out <dir>] [--rules <file>]"));
        case "help", "-h", "--help" -> out.println(USAGE_TEXT);
        default -> throw new UsageException("unknown command '" + command + "'\n\n" + USAGE_TEXT);
      }
      out.flush();
      return OK;
    } catch (UsageException e) {
      err.println(e.getMessage());
      return USAGE;
    } catch (MalformedDocumentException e) {
      err.println("malformed: " + e.getMessage());
      return FAILED;
    } catch (UncheckedIOException e) {
      err.println("failed: " + describe(e.getCause()));
      return FAILED;
    } catch (IOException e) {
      err.println("failed: " + describe(e));
      return FAILED;
    } catch (IllegalArgumentException e) {
      err.println("failed: " + e.getMessage());
      return FAILED;
    }
  }

  /** What went wrong with a file, naming it: a bare NoSuchFileException's message is only the path. */
  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException missing) {
      return missing.getFile() + ": no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException other && other.getFile() != null) {
      return other.getFile() + ": " + (other.getReason() != null ? other.getReason() : "cannot be read or written");
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private void explain(Arguments arguments) {
    Exchange exchange = exchange(arguments.positional().get(0));
    String code = arguments.positional().get(1).trim();
    ErrorCatalog catalog = ErrorCatalog.builtIn();
    List<CatalogEntry> found = new ArrayList<>();
    catalog.find(exchange, code).ifPresent(found::add);
    if (code.matches("\\d{3}")) {
      catalog.findHttpStatus(exchange, Integer.parseInt(code)).ifPresent(found::add);
    }
    if (found.isEmpty()) {
      throw new UsageException(exchange.id() + " documents no code " + code
          + " (a code the catalog does not know is classified UNKNOWN)");
    }
    ClassificationRules rules = ClassificationRules.builtIn();
    for (int i = 0; i < found.size(); i++) {
      if (i > 0) {
        out.println();
      }
      EntryPrinter.explain(found.get(i), rules, out);
    }
  }

  private void list(Arguments arguments) throws IOException {
    String format = arguments.option("format").orElse("tsv");
    if (!format.equals("tsv") && !format.equals("json")) {
      throw new UsageException("unknown format '" + format + "': tsv or json");
    }
    ErrorCatalog catalog = ErrorCatalog.builtIn();
    List<CatalogEntry> entries = arguments.positional().isEmpty()
        ? catalog.entries()
        : catalog.entries(exchange(arguments.positional().get(0)));
    if (format.equals("tsv")) {
      EntryPrinter.tsv(entries, out);
    } else {
      EntryPrinter.json(entries, out);
    }
  }

  private void review(Arguments arguments) {
    ErrorCatalog catalog = ErrorCatalog.builtIn();
    List<CatalogEntry> entries = arguments.positional().isEmpty()
        ? catalog.entries()
        : catalog.entries(exchange(arguments.positional().get(0)));
    EntryPrinter.review(entries, ClassificationRules.builtIn(), out);
  }

  private void importDocument(Arguments arguments) throws IOException {
    Exchange exchange = exchange(arguments.positional().get(0));
    SourceDocument document = SourceDocument.read(Path.of(arguments.positional().get(1)));
    DocumentFormat format = DocumentFormat.detect(document.text());
    if (format.exchange() != exchange) {
      throw new UsageException(document.fileName() + " is a " + format.exchange().displayName() + " page ("
          + format.id() + "), not " + exchange.id());
    }
    Path target = outDirectory(arguments).resolve(CatalogFiles.fileName(exchange));
    boolean targetExists = Files.exists(target);
    List<CatalogEntry> current = targetExists ? read(target) : CatalogFiles.loadBuiltIn(exchange);

    ImportResult result = importer(arguments).importDocument(document, current);
    long compared = current.stream()
        .filter(entry -> entry.documentKind().filter(format.id()::equals).isPresent())
        .count();
    out.println("Read " + document.fileName() + " as " + format.id() + ": " + result.imported().size()
        + " entries, compared with the " + compared + " of " + (targetExists ? target : "the built-in catalog") + ".");
    result.diff().lines().forEach(out::println);
    write(target, exchange, result.entries());
  }

  private void regenerate(Arguments arguments) throws IOException {
    Path sources = Path.of(arguments.positional().get(0));
    if (!Files.isDirectory(sources)) {
      throw new UsageException("not a directory: " + sources);
    }
    List<SourceDocument> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".txt")).sorted().toList()) {
        documents.add(SourceDocument.read(file));
      }
    }
    Path directory = outDirectory(arguments);
    for (Map.Entry<Exchange, List<CatalogEntry>> data : importer(arguments).importAll(documents).entrySet()) {
      write(directory.resolve(CatalogFiles.fileName(data.getKey())), data.getKey(), data.getValue());
    }
  }

  private CatalogImporter importer(Arguments arguments) throws IOException {
    return new CatalogImporter(arguments.option("rules").isPresent()
        ? ClassificationRules.read(Path.of(arguments.option("rules").get()))
        : ClassificationRules.builtIn());
  }

  private static Path outDirectory(Arguments arguments) {
    return Path.of(arguments.option("out").orElse("."));
  }

  private static List<CatalogEntry> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return CatalogFiles.read(in);
    }
  }

  private void write(Path file, Exchange exchange, List<CatalogEntry> entries) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (OutputStream stream = Files.newOutputStream(file)) {
      CatalogFiles.write(exchange, entries, stream);
    }
    out.println("Wrote " + file + " (" + entries.size() + " entries).");
  }

  private static Exchange exchange(String id) {
    return Exchange.fromId(id).orElseThrow(() ->
        new UsageException("unknown exchange '" + id + "': one of " + EXCHANGES));
  }
}
