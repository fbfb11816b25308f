package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.EntryKind;
import java.util.List;

/**
 * Bitget's unified-account WebSocket page: a {@code # heading} over a markdown table
 * {@code | Error Code | Description |}. Messages keep their {@code {0}} placeholders and lose their markdown escapes ({@code ACCESS\_KEY}); the language is
 * read per message, as the page mixes in an untranslated Chinese one (25220).
 */
final class BitgetParser implements DocumentParser {
  @Override
  public void parse(SourceDocument document, EntryCollector entries) {
    List<String> lines = document.lines();
    String heading = null;
    for (int index = 0; index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index).strip();
      if (line.startsWith("#")) {
        heading = Text.unescapeMarkdown(line.replaceFirst("^#+", "").strip());
        continue;
      }
      if (!MarkdownTable.isRow(line) || MarkdownTable.isDelimiterRow(line)) {
        continue;
      }
      if (index + 1 < lines.size() && MarkdownTable.isDelimiterRow(lines.get(index + 1))) {
        continue; // the header row
      }
      List<String> cells = MarkdownTable.cells(line, 2);
      if (cells.size() != 2 || !Text.isCode(cells.get(0))) {
        throw document.malformed(lineNumber, "expected '| code | description |' but found: " + line);
      }
      entries.row(lineNumber, EntryKind.CODE, cells.get(0))
          .section(heading)
          .message(Text.message(Text.unescapeMarkdown(cells.get(1))));
    }
  }
}
