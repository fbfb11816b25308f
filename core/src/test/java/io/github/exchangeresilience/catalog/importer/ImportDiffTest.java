package io.github.exchangeresilience.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.CatalogEntries;
import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.CatalogFiles;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.catalog.importer.CatalogDiff.ChangeType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-importing a newer copy of a page: what it reports, and what it keeps. */
class ImportDiffTest {
  private static final CatalogImporter IMPORTER = CatalogImporter.withBuiltInRules();

  private static SourceDocument edited(String fileName, String newName, String... replacements) {
    String text = Sources.document(fileName).text();
    for (int i = 0; i < replacements.length; i += 2) {
      assertThat(text).contains(replacements[i]);
      text = text.replace(replacements[i], replacements[i + 1]);
    }
    return new SourceDocument(newName, text);
  }

  @Test
  void anUnchangedPageChangesNothing() {
    ImportResult result = IMPORTER.importDocument(Sources.document(Sources.BITGET),
        CatalogFiles.loadBuiltIn(Exchange.BITGET));

    assertThat(result.diff().isEmpty()).isTrue();
    assertThat(result.diff().lines()).containsExactly("0 added, 0 removed, 0 changed");
    assertThat(result.entries()).isEqualTo(CatalogFiles.loadBuiltIn(Exchange.BITGET));
  }

  @Test
  void aNewerOkxPublicPageReportsEveryKindOfChangeAndKeepsTheOtherPagesCodes() {
    SourceDocument newer = edited(Sources.OKX_PUBLIC, "okx-public-2026-02.txt",
        "Too frequent transfer (transfer too frequently).\t429\t58102", "Transfer refused.\t200\t58102",
        "Json data format error.\t400\t50002\n", "",
        "No updates.\t200\t52000", "No updates.\t200\t52000\nData not ready yet.\t200\t52001");
    List<CatalogEntry> current = CatalogFiles.loadBuiltIn(Exchange.OKX);

    ImportResult result = IMPORTER.importDocument(newer, current);

    assertThat(result.format()).isEqualTo(DocumentFormat.OKX_PUBLIC);
    assertThat(result.diff().changes()).extracting(change -> change.code() + " " + change.type()).containsExactly(
        "52001 ADDED", "58102 MESSAGE_CHANGED", "58102 HTTP_STATUS_CHANGED", "58102 CLASS_CHANGED",
        "50002 REMOVED");
    assertThat(result.diff().lines()).containsExactly(
        "+ 52001 added: REJECTED (okx.default) \"Data not ready yet.\"",
        "~ 58102 message changed",
        "    - en: Too frequent transfer (transfer too frequently).",
        "    + en: Transfer refused.",
        "~ 58102 http status changed: 429 -> 200",
        "~ 58102 class changed: RATE_LIMITED (any.rate-limited) -> REJECTED (okx.default)",
        "- 50002 removed: \"Json data format error.\"",
        "1 added, 1 removed, 1 changed");
    assertThat(result.entries()).hasSize(current.size())
        .filteredOn(entry -> !entry.documentKind().orElseThrow().equals("okx-public"))
        .isEqualTo(current.stream().filter(entry -> !entry.documentKind().orElseThrow().equals("okx-public")).toList());
    assertThat(result.entries().get(38).source()).isEqualTo("okx-public-2026-02.txt");
  }

  @Test
  void aCodeTheOtherPageAlsoListsKeepsItsClassFromThatPage() {
    // 50011 is on both public pages: dropping its rate-limit wording from one leaves the other's, and its class.
    SourceDocument newer = edited(Sources.OKX_PUBLIC, "okx-public-2026-02.txt",
        "Requests too frequent.\t429\t50011", "Request refused.\t200\t50011");

    ImportResult result = IMPORTER.importDocument(newer, CatalogFiles.loadBuiltIn(Exchange.OKX));

    assertThat(result.diff().changes()).extracting(change -> change.code() + " " + change.type())
        .containsExactly("50011 MESSAGE_CHANGED", "50011 HTTP_STATUS_CHANGED");
    assertThat(result.entries()).filteredOn(entry -> entry.code().equals("50011"))
        .extracting(CatalogEntry::policyClass).containsOnly(PolicyClass.RATE_LIMITED).hasSize(2);
  }

  @Test
  void aNewCodeThatOnlyTheDefaultMakesRejectedIsFlaggedWhenItsTextSpeaksOfLimitsOrRetries() {
    SourceDocument newer = edited(Sources.OKX_PUBLIC, "okx-public-2026-02.txt",
        "No updates.\t200\t52000", "No updates.\t200\t52000\n"
            + "Order placement paused for maintenance, try again later.\t200\t52002\n"
            + "Quota of sub-accounts reached its limit.\t200\t52003\n"
            + "Sub-account name taken.\t200\t52004\n"
            + "Sub-account requests too frequent.\t200\t52005");

    ImportResult result = IMPORTER.importDocument(newer, CatalogFiles.loadBuiltIn(Exchange.OKX));

    assertThat(result.diff().toReview()).extracting(change -> change.code() + " " + change.review())
        .containsExactly("52002 maintenance", "52003 limit");
    assertThat(result.diff().lines()).contains(
        "+ 52002 added: REJECTED (okx.default) \"Order placement paused for maintenance, try again later.\"",
        "    ! review: REJECTED only by default, yet its text speaks of \"maintenance\"",
        "+ 52004 added: REJECTED (okx.default) \"Sub-account name taken.\"",
        "+ 52005 added: RATE_LIMITED (any.rate-limited) \"Sub-account requests too frequent.\"",
        "4 added, 0 removed, 0 changed, 2 to review");
  }

  @Test
  void aNewerCopyTradingPageIsComparedOnlyWithTheCopyTradingCodes() {
    SourceDocument newer = edited(Sources.OKX_COPY_TRADING, "copy-trading.md",
        "59292 | 200 | This lead trader only supports smart sync mode.",
        "59292 | 200 | This lead trader only supports smart sync mode.\n59293 | 200 | Copy trading is too frequent.");
    List<CatalogEntry> current = CatalogFiles.loadBuiltIn(Exchange.OKX);

    ImportResult result = IMPORTER.importDocument(newer, current);

    assertThat(result.diff().changes()).singleElement().satisfies(change -> {
      assertThat(change.type()).isEqualTo(ChangeType.ADDED);
      assertThat(change.after().policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
      assertThat(change.after().messages()).hasSize(1);
    });
    assertThat(result.entries()).hasSize(current.size() + 1);
    assertThat(result.entries().subList(39, result.entries().size())).isEqualTo(current.subList(38, current.size()));
  }

  @Test
  void aCodeAnotherPageAlsoListsIsOneCatalogEntryWithBothSourcesAndEveryVariant() {
    SourceDocument newer = edited(Sources.OKX_COPY_TRADING, "copy-trading.md",
        "59292 | 200 | This lead trader only supports smart sync mode.",
        "59292 | 200 | This lead trader only supports smart sync mode.\n50011 | 200 | Lead trades too frequent.");

    ImportResult result = IMPORTER.importDocument(newer, CatalogFiles.loadBuiltIn(Exchange.OKX));
    CatalogEntry merged = ErrorCatalog.of(CatalogEntries.merge(result.entries())).find(Exchange.OKX, "50011")
        .orElseThrow();

    assertThat(result.diff().changes()).extracting(change -> change.code() + " " + change.type())
        .containsExactly("50011 ADDED");
    assertThat(merged.sources()).containsExactly("copy-trading.md", Sources.OKX_PUBLIC, Sources.OKX_REST_PUBLIC);
    assertThat(merged.documentKinds()).containsExactly("okx-copy-trading", "okx-public", "okx-rest-public");
    assertThat(merged.englishMessages()).containsExactly("Lead trades too frequent.", "Requests too frequent.",
        "Rate limit reached. Please refer to API documentation and throttle requests accordingly.",
        "Too Many Requests");
    assertThat(merged.httpStatus()).as("the first page's").contains(200);
    assertThat(merged.policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
  }

  @Test
  void linesOfOneCodeThatDisagreeOnItsClassAreRefused() {
    List<CatalogEntry> current = CatalogFiles.loadBuiltIn(Exchange.OKX);
    List<CatalogEntry> tampered = current.stream()
        .map(entry -> entry.code().equals("50011") && entry.documentKind().orElseThrow().equals("okx-public")
            ? entry.toBuilder().policyClass(PolicyClass.TRANSIENT).build()
            : entry)
        .toList();

    assertThatThrownBy(() -> CatalogEntries.merge(tampered))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("okx 50011 is TRANSIENT");
  }
}
