package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OKX's error-code pages as saved from the docs site's markdown rendering (the REST public page and the WebSocket
 * public page): front matter, {@code #### General Class} headings, and tables without outer pipes, first in English
 * and then in Chinese. A table is {@code Error Code | HTTP Status Code | Error Message} (REST) or {@code Error Code |
 * Error Message} (WebSocket); its language is its header row's. Rows are matched by code, so an entry holds both
 * languages.
 *
 * <p>What the layout holds beyond plain rows:
 * <ul>
 *   <li>a sub-code row ({@code 51008_1000}) is a scenario of its code: its message is a variant of {@code 51008}, the
 *       code the exchange answers with;
 *   <li>a code listed twice under two statuses (50011 under 200 and 429) keeps the first status and both messages;
 *   <li>a row with an empty message ({@code 0 | 200 |}) documents the code without a message;
 *   <li>a line without a pipe right after a row continues its message ({@code e.g. clOrdId already exists});
 *   <li>tables of anything but error codes (the WebSocket page's close-frame statuses) are not read: they are not body
 *       codes.
 * </ul>
 */
final class OkxMarkdownParser implements DocumentParser {
  private static final Pattern CODE = Pattern.compile("(\\d+)(?:_\\d+)?");
  private static final Pattern ERROR_CODE_HEADER = Pattern.compile("(?i)error code|错误码");

  @Override
  public void parse(SourceDocument document, EntryCollector entries) {
    List<String> lines = document.lines();
    String heading = null;
    String language = null;
    int columns = 0;
    boolean errorTable = false;
    boolean inTable = false;
    Row pending = null;
    for (int index = FrontMatter.of(document, lines).bodyStart(); index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index).strip();
      boolean row = MarkdownTable.isRow(line);
      boolean headerRow = row && index + 1 < lines.size() && MarkdownTable.isDelimiterRow(lines.get(index + 1));
      if (pending != null && inTable && !row && !line.isEmpty() && !line.startsWith("#")) {
        pending.text.append(' ').append(line); // a message broken over two lines
        continue;
      }
      if (pending != null) {
        pending.record(entries);
        pending = null;
      }
      if (line.startsWith("#")) {
        heading = Text.unescapeMarkdown(line.replaceFirst("^#+", "").strip());
        inTable = false;
      } else if (headerRow) {
        List<String> header = MarkdownTable.cells(line, 3);
        columns = header.size();
        errorTable = ERROR_CODE_HEADER.matcher(header.get(0)).matches() && (columns == 2 || columns == 3);
        language = Text.language(line);
        inTable = false; // from the row after the delimiter on
      } else if (row && MarkdownTable.isDelimiterRow(line)) {
        inTable = true;
      } else if (!row) {
        inTable = false; // blank lines, prose and the --- rule between languages end a table
      } else if (inTable && errorTable) {
        pending = row(document, lineNumber, line, columns, language, heading);
      }
    }
    if (pending != null) {
      pending.record(entries);
    }
  }

  private static Row row(SourceDocument document, int lineNumber, String line, int columns, String language,
      String heading) {
    // No outer pipes: a row ending in a pipe ends in an empty message (0 | 200 |), and the last cell takes the rest.
    List<String> cells = Arrays.stream(line.split("\\|", columns)).map(String::strip).toList();
    Matcher code = CODE.matcher(cells.get(0));
    boolean statusOk = columns == 2 || cells.size() == 3 && Text.isCode(cells.get(1));
    if (cells.size() != columns || !code.matches() || !statusOk) {
      throw document.malformed(lineNumber, "expected '" + (columns == 3 ? "code | HTTP status | message" : "code | "
          + "message") + "' (a code may carry a _sub-code) but found: " + line);
    }
    Integer status = columns == 3 ? Integer.valueOf(cells.get(1)) : null;
    return new Row(lineNumber, code.group(1), status, language, heading, cells.get(columns - 1));
  }

  /** A row held back until the next line tells whether its message goes on. */
  private static final class Row {
    private final int lineNumber;
    private final String code;
    private final Integer status;
    private final String language;
    private final String heading;
    private final StringBuilder text;

    private Row(int lineNumber, String code, Integer status, String language, String heading, String text) {
      this.lineNumber = lineNumber;
      this.code = code;
      this.status = status;
      this.language = language;
      this.heading = heading;
      this.text = new StringBuilder(text);
    }

    void record(EntryCollector entries) {
      EntryCollector.Draft draft = entries.row(lineNumber, EntryKind.CODE, code)
          .firstHttpStatus(status)
          .section(heading);
      String message = Text.plainMarkdown(text.toString());
      if (!message.isEmpty()) {
        draft.message(new LocalizedMessage(language, message));
      }
    }
  }
}
