package io.github.exchangeresilience.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.cli.CatalogCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog regenerated from newer pages, used at run time without rebuilding the library. */
class ErrorCatalogDirectoryTest {
  private static final Path SOURCES = Path.of("src/main/catalog-sources");

  @Test
  void aDirectoryTheCliRegeneratedIsTheBuiltInCatalog(@TempDir Path directory) throws IOException {
    int status = CatalogCli.run(new String[] {"regenerate", SOURCES.toString(), "--out", directory.toString()},
        quiet(), quiet());

    ErrorCatalog loaded = ErrorCatalog.fromDirectory(directory);

    assertThat(status).isZero();
    assertThat(loaded.entries()).isEqualTo(ErrorCatalog.builtIn().entries());
  }

  @Test
  void aNewerPageImportedIntoADirectoryIsWhatTheCatalogAnswers(@TempDir Path directory) throws IOException {
    // OKX documents a code the built-in catalog has never seen, and rewords 50061.
    Path newer = Files.writeString(directory.resolve("okx-public-newer.md"),
        Files.readString(SOURCES.resolve("005_b4b72ecf15d95f17.txt"))
            .replace("50061 | 200 | You've reached the maximum order rate limit for this account.",
                "50061 | 200 | You've reached the maximum order rate limit for this account.\n"
                    + "50065 | 200 | Too many requests from this sub-account."));
    Path data = directory.resolve("data");
    int status = CatalogCli.run(new String[] {"import", "okx", newer.toString(), "--out", data.toString()},
        quiet(), quiet());

    ErrorCatalog loaded = ErrorCatalog.fromDirectory(data);

    assertThat(status).isZero();
    assertThat(ErrorCatalog.builtIn().classify(Exchange.OKX, "50065")).isEqualTo(PolicyClass.UNKNOWN);
    assertThat(loaded.classify(Exchange.OKX, "50065")).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(loaded.find(Exchange.OKX, "50065").orElseThrow().source()).isEqualTo("okx-public-newer.md");
    assertThat(loaded.entries(Exchange.BYBIT)).as("an exchange the directory has no file for stays built in")
        .isEqualTo(ErrorCatalog.builtIn().entries(Exchange.BYBIT));
  }

  @Test
  void aDirectoryWithoutDataFilesOrWithABrokenOneIsRefusedWithTheReason(@TempDir Path directory)
      throws IOException {
    assertThatThrownBy(() -> ErrorCatalog.fromDirectory(directory.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> ErrorCatalog.fromDirectory(directory))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("no catalog data file");

    Files.writeString(directory.resolve("okx.json"), "{\"exchange\":\"okx\",\"entries\":[{\"code\":\"1\",");
    assertThatThrownBy(() -> ErrorCatalog.fromDirectory(directory))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("okx.json");

    Files.writeString(directory.resolve("okx.json"), "{\"exchange\":\"okx\",\"entries\":[]}");
    assertThatThrownBy(() -> ErrorCatalog.fromDirectory(directory))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("holds no entries");

    Files.writeString(directory.resolve("okx.json"), "{\"exchange\":\"bybit\",\"entries\":[{\"code\":\"1\","
        + "\"class\":\"REJECTED\",\"source\":\"x.txt\",\"transport\":\"REST\",\"messages\":[]}]}");
    assertThatThrownBy(() -> ErrorCatalog.fromDirectory(directory))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not okx");
  }

  @Test
  void linesOfACodeFromTwoPagesThatDisagreeOnItsClassAreRefused(@TempDir Path directory) throws IOException {
    List<CatalogEntry> lines = CatalogFiles.loadBuiltIn(Exchange.BYBIT).stream()
        .map(entry -> entry.code().equals("10006") && entry.documentKind().orElseThrow().equals("bybit")
            ? entry.toBuilder().policyClass(PolicyClass.TRANSIENT).build()
            : entry)
        .toList();
    try (OutputStream out = Files.newOutputStream(directory.resolve("bybit.json"))) {
      CatalogFiles.write(Exchange.BYBIT, lines, out);
    }

    assertThatThrownBy(() -> ErrorCatalog.fromDirectory(directory))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bybit 10006 is TRANSIENT");
  }

  @Test
  void aCatalogEntryOfSeveralPagesRoundTripsThroughADataFile() throws IOException {
    CatalogEntry merged = ErrorCatalog.builtIn().find(Exchange.BYBIT, "10006").orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    CatalogFiles.write(Exchange.BYBIT, List.of(merged), out);
    List<CatalogEntry> read = CatalogFiles.read(new java.io.ByteArrayInputStream(out.toByteArray()));

    assertThat(read).containsExactly(merged);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"sources\":[\"002_ec6e6d16ed8c7874.txt\","
        + "\"007_1a48aed7adc7fb9b.txt\"]", "\"documents\":[\"bybit\",\"bybit-table\"]");
  }

  private static PrintStream quiet() {
    return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
  }
}
