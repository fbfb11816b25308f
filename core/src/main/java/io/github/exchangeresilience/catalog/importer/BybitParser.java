package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bybit's v5 page, saved from a rendered table that lost its column separator: a code is glued to its text
 * ({@code 10006Too many visits...}). Section headings stand on their own lines; under the "HTTP Code" heading the rows
 * are HTTP statuses, elsewhere body codes.
 *
 * <p>Where a code ends is decided from the code's documented shape, not guessed: HTTP statuses have 3 digits, body
 * codes are {@code 0} or 5 to 7 digits, and every message begins with a letter. A line whose leading digits fit no shape, as
 * when a message begins with digits, is reported with its line number rather than split wrongly.
 */
final class BybitParser implements DocumentParser {
  private static final Pattern ROW = Pattern.compile("^(\\d+)(.*)$");
  private static final String COLUMN_HEADER = "CodeDescription";

  @Override
  public void parse(SourceDocument document, EntryCollector entries) {
    List<String> lines = document.lines();
    String section = null;
    for (int index = 0; index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index).strip();
      Matcher row = ROW.matcher(line);
      if (line.isEmpty() || line.equals(COLUMN_HEADER)) {
        continue;
      }
      if (!row.matches()) {
        section = line; // "Skip to main content" and the page title pass as headings too; the last one before rows wins
        continue;
      }
      if (section == null) {
        throw document.malformed(lineNumber, "code row before any section heading");
      }
      boolean http = section.matches("(?i).*\\bHTTP\\b.*");
      String code = row.group(1);
      String message = row.group(2).strip();
      if (!(http ? code.length() == 3 : code.equals("0") || code.length() >= 5 && code.length() <= 7)) {
        throw document.malformed(lineNumber, "cannot tell where the code ends in '" + line + "': "
            + (http ? "HTTP statuses have 3 digits" : "Bybit codes are 0 or 5 to 7 digits"));
      }
      if (message.isEmpty() || !Character.isLetter(message.codePointAt(0))) {
        throw document.malformed(lineNumber, "the message after code " + code + " does not begin with a letter: '"
            + line + "'");
      }
      entries.row(lineNumber, http ? EntryKind.HTTP_STATUS : EntryKind.CODE, code)
          .httpStatus(http ? Integer.valueOf(code) : null)
          .section(section)
          .message(LocalizedMessage.en(message));
    }
  }
}
