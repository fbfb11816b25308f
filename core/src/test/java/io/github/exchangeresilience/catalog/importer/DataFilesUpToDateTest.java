package io.github.exchangeresilience.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.CatalogFiles;
import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.CatalogEntries;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import io.github.exchangeresilience.catalog.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checked-in data files are exactly what the importer makes of the checked-in sources and rules, so neither can
 * drift from the other. When this fails after a deliberate change, regenerate the files (see CatalogCli regenerate).
 */
class DataFilesUpToDateTest {
  @Test
  void everyDataFileEqualsAFreshImportByteForByte() throws Exception {
    Map<Exchange, List<CatalogEntry>> imported = CatalogImporter.withBuiltInRules().importAll(Sources.all());

    assertThat(imported.keySet()).containsExactlyInAnyOrder(Exchange.values());
    for (Map.Entry<Exchange, List<CatalogEntry>> data : imported.entrySet()) {
      ByteArrayOutputStream fresh = new ByteArrayOutputStream();
      CatalogFiles.write(data.getKey(), data.getValue(), fresh);
      String checkedIn = Files.readString(Sources.DATA_DIRECTORY.resolve(CatalogFiles.fileName(data.getKey())));

      assertThat(fresh.toString(StandardCharsets.UTF_8))
          .as(CatalogFiles.fileName(data.getKey()) + " is stale: regenerate it from the sources")
          .isEqualTo(checkedIn);
    }
  }

  /** Distinct codes each page lists, as the data files hold one line per code and page. */
  @ParameterizedTest(name = "{0}: {1} codes")
  @CsvSource({
      // The five seed pages.
      "okx-copy-trading, 38",
      "okx-public, 336",
      "bybit, 110",               // 106 codes and 4 HTTP statuses
      "bitget-websocket, 157",
      "binance-usdm, 197",
      // The pages added beyond them.
      "okx-rest-public, 513",     // sub-codes (51008_1000) counted with their code
      "okx-websocket-public, 28", // close-frame statuses are not codes
      "bybit-table, 620",         // 608 REST codes, 7 WebSocket order-entry codes, 5 HTTP statuses; struck ones out
      "binance-usdm-general-info, 6"}) // 403, 408, 418, 429, 503 and the -1008 its 503 quotes
  void everyPageYieldsItsDistinctCodes(String documentKind, int codes) {
    long lines = Arrays.stream(Exchange.values())
        .flatMap(exchange -> CatalogFiles.loadBuiltIn(exchange).stream())
        .filter(entry -> entry.documentKind().orElseThrow().equals(documentKind))
        .count();

    assertThat(lines).isEqualTo(codes);
  }

  @Test
  void builtInCatalogHoldsEverySeedCodeAndEveryAddedOneOnce() {
    ErrorCatalog catalog = ErrorCatalog.builtIn();

    // The 838 entries of the five seed pages, and the codes the added pages list that no seed page does.
    assertThat(catalog.entries()).hasSize(838 + 285 + 28 + 517 + 5);
    assertThat(catalog.entries(Exchange.OKX)).hasSize(38 + 336 + 285 + 28);
    assertThat(catalog.entries(Exchange.BYBIT)).hasSize(106 + 4 + 517);
    assertThat(catalog.entries(Exchange.BITGET)).hasSize(157);
    assertThat(catalog.entries(Exchange.BINANCE_USDM)).hasSize(197 + 5);
    assertThat(catalog.entries().stream().filter(entry -> entry.kind() == EntryKind.HTTP_STATUS))
        .extracting(entry -> entry.exchange().id() + " " + entry.code())
        .containsExactlyInAnyOrder("bybit 400", "bybit 401", "bybit 403", "bybit 404", "bybit 429",
            "binance-usdm 403", "binance-usdm 408", "binance-usdm 418", "binance-usdm 429", "binance-usdm 503");
    assertThat(catalog.entries().stream().filter(entry -> entry.transport() == Transport.WEBSOCKET))
        .extracting(entry -> entry.exchange().id()).containsOnly("okx", "bybit", "bitget").hasSize(28 + 7 + 157);
    for (Exchange exchange : Exchange.values()) {
      List<CatalogEntry> lines = CatalogFiles.loadBuiltIn(exchange);
      assertThat(catalog.entries(exchange)).as("every line of " + exchange + " is in the catalog")
          .extracting(CatalogEntries::key)
          .containsAll(lines.stream().map(CatalogEntries::key).toList());
    }
  }

  @Test
  void aCodeSeveralPagesListIsOneEntryWithEverySourceAndVariant() {
    ErrorCatalog catalog = ErrorCatalog.builtIn();

    CatalogEntry bybit10006 = catalog.find(Exchange.BYBIT, "10006").orElseThrow();
    CatalogEntry binance1008 = catalog.find(Exchange.BINANCE_USDM, "-1008").orElseThrow();

    assertThat(bybit10006.sources()).containsExactly(Sources.BYBIT, Sources.BYBIT_TABLE);
    assertThat(bybit10006.documentKinds()).containsExactly("bybit", "bybit-table");
    assertThat(bybit10006.messages()).extracting(LocalizedMessage::language).containsExactly("en", "zh");
    assertThat(binance1008.sources()).containsExactly(Sources.BINANCE, Sources.BINANCE_GENERAL_INFO);
    assertThat(binance1008.englishMessages()).containsExactly(
        "Server is currently overloaded with other requests. Please try again in a few minutes.",
        "Request throttled by system-level protection. Reduce-only/close-position orders are exempt. Please try "
            + "again.");
    assertThat(binance1008.httpStatus()).as("from the General Info page").contains(503);
    assertThat(catalog.find(Exchange.BYBIT, Transport.WEBSOCKET, "10003").orElseThrow().message())
        .isEqualTo("Too many sessions under the same UID");
    assertThat(catalog.find(Exchange.BYBIT, "10003").orElseThrow().message()).isEqualTo("API key is invalid.");
  }

  @Test
  void everyAddedPageIsSavedWithItsSourceUrlAndRetrievalDate() throws Exception {
    for (String page : List.of(Sources.OKX_REST_PUBLIC, Sources.OKX_WEBSOCKET_PUBLIC, Sources.BYBIT_TABLE,
        Sources.BINANCE_GENERAL_INFO)) {
      Path sidecar = Sources.DIRECTORY.resolve(page.replace(".txt", ".meta"));
      String meta = Files.readString(sidecar);
      byte[] content = Files.readAllBytes(Sources.DIRECTORY.resolve(page));
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

      assertThat(meta).as(sidecar.toString()).containsPattern("(?m)^url: https://\\S+$")
          .containsPattern("(?m)^retrieved: \\d{4}-\\d{2}-\\d{2}$")
          .contains("sha256: " + sha256);
      assertThat(page).as("named after its content").endsWith(sha256.substring(0, 16) + ".txt");
    }
  }
}
