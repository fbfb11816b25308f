package io.github.exchangeresilience.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.CatalogFiles;
import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

  @Test
  void builtInCatalogLoadsEveryEntryOfEveryDocument() {
    ErrorCatalog catalog = ErrorCatalog.builtIn();

    assertThat(catalog.entries()).hasSize(838);
    assertThat(catalog.entries().stream().filter(entry -> entry.kind() == EntryKind.HTTP_STATUS)).hasSize(4);
    assertThat(catalog.entries(Exchange.OKX)).hasSize(38 + 336);
    assertThat(catalog.entries(Exchange.BYBIT)).hasSize(106 + 4);
    assertThat(catalog.entries(Exchange.BITGET)).hasSize(157);
    assertThat(catalog.entries(Exchange.BINANCE_USDM)).hasSize(197);
    assertThat(catalog.entries(Exchange.OKX)).extracting(entry -> entry.documentKind().orElseThrow())
        .containsOnly("okx-copy-trading", "okx-public");
  }
}
