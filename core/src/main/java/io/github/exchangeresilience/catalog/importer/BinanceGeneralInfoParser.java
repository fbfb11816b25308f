package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "HTTP Return Codes" section of Binance USDⓈ-M Futures' General Info page: one bullet per HTTP status
 * ({@code * HTTP `403` return code is used when ...}), bullets wrapping onto indented lines, and numbered items under a
 * status quoting the messages it comes with ({@code 1. If there is an error message **"Service Unavailable."** ...}).
 *
 * <p>A status's messages are the quoted ones where it has any (503 has four), else its bullet's own sentence: the
 * documented meaning, as Bybit's page gives for its HTTP statuses. A quoted message followed by a code ({@code
 * (-1008)}) is also a variant of that body code, answered with that status. Families ({@code 4XX}, {@code 5XX}) are no
 * single status and not entries. The rest of the page (signing, limits, the 503 handling notes repeating the quoted
 * messages) is not read.
 */
final class BinanceGeneralInfoParser implements DocumentParser {
  private static final Pattern SECTION = Pattern.compile("^#{2,4}\\s+(HTTP Return Codes)\\b.*");
  private static final Pattern STATUS_BULLET =
      Pattern.compile("^[*+-]\\s+HTTP\\s+`(\\d{3}|\\dXX)`\\s+return codes?\\b.*");
  private static final Pattern BULLET = Pattern.compile("^[*+-]\\s+(.*)$");
  private static final Pattern NUMBERED = Pattern.compile("^\\s+\\d+\\.\\s+(.*)$");
  private static final Pattern QUOTED = Pattern.compile("\\*\\*\"([^\"]+)\"(?:\\s*\\((-?\\d+)\\))?\\*\\*");

  @Override
  public void parse(SourceDocument document, EntryCollector entries) {
    List<String> lines = document.lines();
    String section = null;
    Status status = null;
    for (int index = 0; index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index).stripTrailing();
      Matcher heading = SECTION.matcher(line);
      if (heading.matches()) {
        section = heading.group(1);
        continue;
      }
      if (section == null || line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        break; // the section is over
      }
      Matcher bullet = BULLET.matcher(line);
      Matcher numbered = NUMBERED.matcher(line);
      if (bullet.matches()) {
        record(status, entries, section);
        Matcher statusBullet = STATUS_BULLET.matcher(line);
        if (!statusBullet.matches()) {
          throw document.malformed(lineNumber, "expected '* HTTP `NNN` return code ...' but found: " + line);
        }
        status = new Status(lineNumber, statusBullet.group(1), bullet.group(1));
      } else if (status != null && numbered.matches()) {
        Matcher quoted = QUOTED.matcher(numbered.group(1));
        if (quoted.find()) {
          status.quoted.add(new Quote(lineNumber, quoted.group(1), quoted.group(2)));
        }
      } else if (status != null && Character.isWhitespace(line.charAt(0))) {
        if (status.quoted.isEmpty()) {
          status.sentence.append(' ').append(line.strip()); // the bullet's sentence, wrapped
        }
      } else {
        throw document.malformed(lineNumber, "neither a status bullet nor part of one: " + line);
      }
    }
    record(status, entries, section);
  }

  private static void record(Status status, EntryCollector entries, String section) {
    if (status == null || status.code.endsWith("XX")) {
      return; // a family of statuses, not one
    }
    EntryCollector.Draft draft = entries.row(status.lineNumber, EntryKind.HTTP_STATUS, status.code)
        .httpStatus(Integer.valueOf(status.code))
        .section(section);
    if (status.quoted.isEmpty()) {
      draft.message(LocalizedMessage.en(Text.plainMarkdown(status.sentence.toString())));
    }
    for (Quote quote : status.quoted) {
      draft.message(LocalizedMessage.en(quote.message));
    }
    for (Quote quote : status.quoted) {
      if (quote.code != null) {
        entries.row(quote.lineNumber, EntryKind.CODE, quote.code)
            .httpStatus(Integer.valueOf(status.code))
            .section(section)
            .message(LocalizedMessage.en(quote.message));
      }
    }
  }

  /** One status bullet: its line, status, sentence and the messages quoted under it. */
  private static final class Status {
    private final int lineNumber;
    private final String code;
    private final StringBuilder sentence;
    private final List<Quote> quoted = new ArrayList<>();

    private Status(int lineNumber, String code, String sentence) {
      this.lineNumber = lineNumber;
      this.code = code;
      this.sentence = new StringBuilder(sentence);
    }
  }

  /** A message quoted under a status, and the body code it names, if any. */
  private record Quote(int lineNumber, String message, String code) {}
}
