package io.github.exchangeresilience.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.CatalogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A page that breaks its format is refused with the file and line, never half-read. */
class MalformedDocumentTest {
  private static final CatalogImporter IMPORTER = CatalogImporter.withBuiltInRules();

  private static MalformedDocumentException malformed(String text) {
    Throwable thrown = catchMalformed(() -> IMPORTER.read(new SourceDocument("page.txt", text)));
    return (MalformedDocumentException) thrown;
  }

  private static Throwable catchMalformed(Runnable run) {
    try {
      run.run();
    } catch (MalformedDocumentException e) {
      return e;
    }
    throw new AssertionError("expected a MalformedDocumentException");
  }

  @Test
  void bybitCodeWhoseEndCannotBeToldIsReportedNotGuessed() {
    MalformedDocumentException e = malformed("""
        UMA & UTA & Futures of Normal Account

        CodeDescription
        10006Too many visits.
        1100011000 orders at most
        """);

    assertThat(e.lineNumber()).isEqualTo(5);
    assertThat(e).hasMessageStartingWith("page.txt:5: cannot tell where the code ends");
  }

  @Test
  void bybitMessageThatBeginsWithANumberedListIsReported() {
    MalformedDocumentException e = malformed("""
        UMA & UTA & Futures of Normal Account
        10006Too many visits.
        100061. Wait; 2. retry
        """);

    assertThat(e.lineNumber()).isEqualTo(3);
    assertThat(e).hasMessageContaining("does not begin with a letter");
  }

  @Test
  void okxPublicTextCutOffFromItsRowByABlankLineIsReported() {
    MalformedDocumentException e = malformed("""
        General Class
        Error Message\tHTTP Status Code\tError Code
        Succeeded.\t200\t0
        Stray heading

        Operation failed.\t200\t1
        """);

    assertThat(e.lineNumber()).isEqualTo(4);
    assertThat(e).hasMessageContaining("code row on line 6");
  }

  @Test
  void okxPublicRowWithTheWrongNumberOfFieldsIsReported() {
    MalformedDocumentException e = malformed("""
        General Class
        Error Message\tHTTP Status Code\tError Code
        Succeeded.\t200\t0
        Operation failed.\t200\t1\textra
        """);

    assertThat(e.lineNumber()).isEqualTo(4);
  }

  @Test
  void aCodeListedTwiceWithTwoHttpStatusesIsReportedAtTheSecond() {
    MalformedDocumentException e = malformed("""
        # Copy trading

        Error Code | HTTP Status Code | Error Message
        ---|---|---
        59128 | 200 | One
        59130 | 200 | Two
        59130 | 400 | Three
        """);

    assertThat(e.lineNumber()).isEqualTo(7);
    assertThat(e).hasMessageContaining("code 59130 has HTTP status 400 here but 200");
  }

  @Test
  void okxCopyTradingRowWithoutACodeIsReported() {
    MalformedDocumentException e = malformed("""
        # Copy trading

        Error Code | HTTP Status Code | Error Message
        ---|---|---
        59128 | 200 | One
        59129 | 200 | Two
        five | 200 | Three
        """);

    assertThat(e.lineNumber()).isEqualTo(7);
  }

  @Test
  void bitgetRowWithoutACodeIsReported() {
    MalformedDocumentException e = malformed("""
        # WebSocket Error Code

        | Error Code | Description |
        | --- | --- |
        | 429 | Too Many Requests |
        | 25000 | System error |
        | n/a | What |
        """);

    assertThat(e.lineNumber()).isEqualTo(7);
  }

  @Test
  void bybitTableRowWithoutACodeIsReported() {
    MalformedDocumentException e = malformed("""
        ---
        source_url: https://bybit-exchange.github.io/docs/v5/error
        ---
        ## UTA

        Code| Description
        ---|---
        10006| Too many visits.
        tbd| Coming soon
        """);

    assertThat(e.lineNumber()).isEqualTo(9);
    assertThat(e).hasMessageContaining("expected 'code| description'");
  }

  @Test
  void okxMarkdownRowWithoutAStatusIsReported() {
    MalformedDocumentException e = malformed("""
        ---
        anchor_id: error-code-rest-api-public
        ---
        #### General Class

        Error Code | HTTP Status Code | Error Message
        ---|---|---
        50011 | 429 | Too Many Requests
        50013 | busy | Systems are busy.
        """);

    assertThat(e.lineNumber()).isEqualTo(9);
  }

  @Test
  void binanceGeneralInfoBulletThatNamesNoStatusIsReported() {
    MalformedDocumentException e = malformed("""
        ### HTTP Return Codes

        * HTTP `429` return code is used when breaking a request rate limit.
        * Please be nice.
        """);

    assertThat(e.lineNumber()).isEqualTo(4);
  }

  @Test
  void aDocumentOfNoKnownFormatIsRefused() {
    assertThatThrownBy(() -> IMPORTER.read(new SourceDocument("notes.txt", "Just some notes.\nNothing here.\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an error-code document");
  }

  @Test
  void theLastLineNeedsNoLineBreakAndAByteOrderMarkIsIgnored() {
    List<CatalogEntry> entries = IMPORTER.read(new SourceDocument("page.txt",
        "\uFEFFHTTP Code\n400Bad request\n\nCodes\n10001Request parameter error\n10006Too many visits."));

    assertThat(entries).extracting(CatalogEntry::code).containsExactly("400", "10001", "10006");
    assertThat(entries.get(2).message()).isEqualTo("Too many visits.");
  }
}
