package io.github.exchangeresilience.catalog.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits markdown table rows, with or without the outer pipes ({@code | a | b |} and {@code a | b}). */
final class MarkdownTable {
  private static final Pattern DELIMITER_ROW =
      Pattern.compile("^\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");

  private MarkdownTable() {}

  /** True for a row that is not a table row at all: no pipe in it. */
  static boolean isRow(String line) {
    return line.indexOf('|') >= 0;
  }

  /** True for the {@code ---|---} row between a table's header and its body; a lone {@code ---} is a rule, not one. */
  static boolean isDelimiterRow(String line) {
    return isRow(line) && DELIMITER_ROW.matcher(line).matches();
  }

  /**
   * The trimmed cells of a row. The last cell takes the rest of the row, so a message holding a pipe stays whole;
   * fewer than {@code columns} cells yields a shorter list for the caller to report.
   */
  static List<String> cells(String line, int columns) {
    String row = line.strip();
    if (row.startsWith("|")) {
      row = row.substring(1);
    }
    if (row.endsWith("|") && !row.endsWith("\\|")) {
      row = row.substring(0, row.length() - 1);
    }
    List<String> cells = new ArrayList<>(columns);
    int start = 0;
    for (int column = 1; column < columns; column++) {
      int pipe = row.indexOf('|', start);
      if (pipe < 0) {
        break;
      }
      cells.add(row.substring(start, pipe).strip());
      start = pipe + 1;
    }
    cells.add(row.substring(start).strip());
    return cells;
  }
}
