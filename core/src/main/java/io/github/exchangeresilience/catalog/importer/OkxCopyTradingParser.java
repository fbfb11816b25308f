package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import java.util.List;

/**
 * OKX's copy-trading page: YAML front matter, then per language a {@code # heading} and a markdown table
 * {@code Error Code | HTTP Status Code | Error Message}. The English table comes first and the Chinese one repeats the
 * codes: rows are matched by code, so each entry holds both languages. A table's language is that of its header row.
 */
final class OkxCopyTradingParser implements DocumentParser {
  @Override
  public void parse(SourceDocument document, EntryCollector entries) {
    List<String> lines = document.lines();
    int index = FrontMatter.of(document, lines).bodyStart();
    String heading = null;
    String language = null;
    boolean inTable = false;
    for (; index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index).strip();
      if (line.startsWith("#")) {
        heading = Text.unescapeMarkdown(line.replaceFirst("^#+", "").strip());
        inTable = false;
      } else if (!MarkdownTable.isRow(line)) {
        // Prose ("Error Code from 59200 to 59300"), blank lines and the --- rule between languages end a table.
        inTable = false;
      } else if (MarkdownTable.isDelimiterRow(line)) {
        if (index == 0 || !MarkdownTable.isRow(lines.get(index - 1))) {
          throw document.malformed(lineNumber, "table delimiter row without a header row above it");
        }
        language = Text.language(lines.get(index - 1));
        inTable = true;
      } else if (index + 1 < lines.size() && MarkdownTable.isDelimiterRow(lines.get(index + 1))) {
        inTable = false; // the header row of the next table, read with its delimiter row
      } else if (inTable) {
        List<String> cells = MarkdownTable.cells(line, 3);
        if (cells.size() != 3 || !Text.isCode(cells.get(0)) || !Text.isCode(cells.get(1))) {
          throw document.malformed(lineNumber, "expected 'code | HTTP status | message' but found: " + line);
        }
        entries.row(lineNumber, EntryKind.CODE, cells.get(0))
            .httpStatus(Integer.valueOf(cells.get(1)))
            .section(heading)
            .message(new LocalizedMessage(language, Text.unescapeMarkdown(cells.get(2))));
      }
    }
  }
}
