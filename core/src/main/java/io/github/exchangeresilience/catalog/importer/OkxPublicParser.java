package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OKX's public error-code page: {@code message<TAB>http status<TAB>code} rows under class headings (General Class,
 * API Class, ..., Funding, Account), each table opened by an {@code Error Message<TAB>HTTP Status Code<TAB>Error Code}
 * header row.
 *
 * <p>A long message wraps: its first lines stand alone and the row with the tabs carries only the last line, so lines
 * without a tab are held until the next row decides what they were. Before a header row they are the class heading and
 * its notes ("Error Code from 54000 to 54999", "Swap" / "No" for classes without codes); before a code row they are the
 * start of its message, joined with single spaces.
 */
final class OkxPublicParser implements DocumentParser {
  /** Notes standing between a heading and its table; never the heading itself. */
  private static final Pattern HEADING_NOTE = Pattern.compile("(?i)error code from .*|no");

  @Override
  public void parse(SourceDocument document, EntryCollector entries) {
    List<String> lines = document.lines();
    List<String> held = new ArrayList<>();
    int heldFrom = 0;
    String section = null;
    for (int index = 0; index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index);
      if (line.indexOf('\t') < 0) {
        if (held.isEmpty()) {
          heldFrom = lineNumber;
        }
        held.add(line.strip());
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 3) {
        throw document.malformed(lineNumber, "expected 'message<TAB>HTTP status<TAB>code' but found "
            + fields.length + " tab-separated fields");
      }
      String message = fields[0].strip();
      String status = fields[1].strip();
      String code = fields[2].strip();
      if (message.equalsIgnoreCase("Error Message")) {
        section = heading(held).orElse(section);
      } else if (Text.isCode(code) && Text.isCode(status)) {
        if (held.contains("")) {
          throw document.malformed(heldFrom, "text separated by a blank line from the code row on line " + lineNumber
              + ": a heading without its 'Error Message' header row?");
        }
        held.add(message);
        entries.row(lineNumber, EntryKind.CODE, code)
            .httpStatus(Integer.valueOf(status))
            .section(section)
            .message(LocalizedMessage.en(String.join(" ", held)));
      } else {
        throw document.malformed(lineNumber, "neither a code row nor a header row: " + line.strip());
      }
      held.clear();
    }
  }

  /** The class heading among the lines held before a header row: the last one that is not a note. */
  private static Optional<String> heading(List<String> held) {
    for (int i = held.size() - 1; i >= 0; i--) {
      String line = held.get(i);
      if (!line.isEmpty() && !HEADING_NOTE.matcher(line).matches()) {
        return Optional.of(line);
      }
    }
    return Optional.empty();
  }
}
