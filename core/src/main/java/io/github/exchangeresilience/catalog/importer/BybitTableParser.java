package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.Transport;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bybit's v5 error-code page as saved from the docs site's markdown rendering: front matter, {@code ## UTA}-style
 * section headings, and two-column tables {@code Code| Description}, first in English and then in Chinese (whose
 * messages often keep the English text before the translation). Unlike the glued rendering ({@link BybitParser}) a
 * pipe separates code and text, so codes of any length and negative ones ({@code -1}, {@code -2015}) read plainly.
 *
 * <p>Under a heading naming HTTP the rows are HTTP statuses; under a heading starting with WS ("WS OE General code")
 * they are codes of the order-entry WebSocket, kept apart from the REST codes they share numbers with (10003 is a bad
 * key over REST and too many sessions over the WebSocket). A code written as a link ({@code [401](/docs/...)}) is that
 * code; a struck-through one ({@code ~~10018~~}) is withdrawn by the page and not read. Messages lose their markdown
 * ({@code [allowable range](...)}, {@code **GET**}) and take the language of their own text.
 */
final class BybitTableParser implements DocumentParser {
  private static final Pattern LINKED_CODE = Pattern.compile("\\[(-?\\d+)\\]\\([^)]*\\)");
  private static final Pattern STRUCK = Pattern.compile("~~.*~~");
  private static final Pattern HTTP_SECTION = Pattern.compile("(?i).*\\bHTTP\\b.*");
  private static final Pattern WEBSOCKET_SECTION = Pattern.compile("^WS(?![A-Za-z]).*");

  @Override
  public void parse(SourceDocument document, EntryCollector entries) {
    List<String> lines = document.lines();
    String section = null;
    boolean inTable = false;
    for (int index = FrontMatter.of(document, lines).bodyStart(); index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index).strip();
      if (line.startsWith("#")) {
        section = Text.unescapeMarkdown(line.replaceFirst("^#+", "").strip());
        inTable = false;
      } else if (!MarkdownTable.isRow(line)) {
        inTable = false;
      } else if (MarkdownTable.isDelimiterRow(line)) {
        inTable = true;
      } else if (index + 1 < lines.size() && MarkdownTable.isDelimiterRow(lines.get(index + 1))) {
        inTable = false; // the header row, read with its delimiter row
      } else if (inTable) {
        row(document, entries, lineNumber, line, section);
      }
    }
  }

  private static void row(SourceDocument document, EntryCollector entries, int lineNumber, String line,
      String section) {
    List<String> cells = MarkdownTable.cells(line, 2);
    String code = cells.get(0);
    if (STRUCK.matcher(code).matches()) {
      return; // withdrawn by the page
    }
    Matcher linked = LINKED_CODE.matcher(code);
    if (linked.matches()) {
      code = linked.group(1);
    }
    if (cells.size() != 2 || !Text.isCode(code)) {
      throw document.malformed(lineNumber, "expected 'code| description' but found: " + line);
    }
    if (section == null) {
      throw document.malformed(lineNumber, "code row before any section heading");
    }
    boolean http = HTTP_SECTION.matcher(section).matches();
    if (http && !code.matches("\\d{3}")) {
      throw document.malformed(lineNumber, "an HTTP status has 3 digits: " + code);
    }
    Transport transport = WEBSOCKET_SECTION.matcher(section).matches() ? Transport.WEBSOCKET : Transport.REST;
    entries.row(lineNumber, http ? EntryKind.HTTP_STATUS : EntryKind.CODE, transport, code)
        .httpStatus(http ? Integer.valueOf(code) : null)
        .section(section)
        .message(Text.message(Text.plainMarkdown(cells.get(1))));
  }
}
