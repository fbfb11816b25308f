package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.EntryKind;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binance's USDⓈ-M Futures page (the Chinese edition): {@code ## 10xx - ...} sections, a {@code ### -1003
 * TOO\_MANY\_REQUESTS[](link)} heading per code, then bullets, each one message variant in English or Chinese. A
 * translation is sometimes nested under its English bullet as an escaped {@code \*} bullet. The language of a bullet
 * is read from its text, as the page does not mark it.
 *
 * <p>A code's bullets run until the next heading or the first line that is not a bullet, so the page's closing
 * navigation and table-of-contents links, bullets themselves, never become messages.
 */
final class BinanceParser implements DocumentParser {
  /** A trailing {@code [](...)} anchor link, which the page puts after every heading. */
  private static final String ANCHOR = "\\s*(?:\\[\\]\\([^)]*\\)\\s*)?";
  private static final Pattern SECTION = Pattern.compile("^##\\s+(.+?)" + ANCHOR + "$");
  private static final Pattern CODE = Pattern.compile("^###\\s+(-?\\d+)(?:\\s+(.+?))?" + ANCHOR + "$");
  /** A bullet, or a nested one indented with spaces, some of them no-break spaces, and often escaped: {@code \*}. */
  private static final Pattern BULLET = Pattern.compile("^(?:[*+-]|\\h+\\\\?[*+-])\\h+(.+)$");

  @Override
  public void parse(SourceDocument document, EntryCollector entries) {
    List<String> lines = document.lines();
    String section = null;
    String current = null;
    for (int index = 0; index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index).stripTrailing();
      Matcher code = CODE.matcher(line);
      Matcher heading = SECTION.matcher(line);
      Matcher bullet = BULLET.matcher(line);
      if (code.matches()) {
        current = code.group(1);
        entries.row(lineNumber, EntryKind.CODE, current)
            .name(code.group(2) == null ? null : Text.unescapeMarkdown(code.group(2)))
            .section(section);
      } else if (heading.matches()) {
        section = Text.unescapeMarkdown(heading.group(1));
        current = null;
      } else if (line.isBlank()) {
        continue;
      } else if (current != null && bullet.matches()) {
        String text = Text.unescapeMarkdown(bullet.group(1).strip());
        entries.row(lineNumber, EntryKind.CODE, current).message(Text.message(text));
      } else {
        current = null;
      }
    }
  }
}
