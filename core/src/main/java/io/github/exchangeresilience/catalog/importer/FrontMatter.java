package io.github.exchangeresilience.catalog.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML-like front matter a saved page may open with: {@code ---}, {@code key: value} lines, {@code ---}. The saved
 * OKX and Bybit pages carry the page's {@code source_url} and, for OKX, its {@code anchor_id}; detection reads them to
 * tell pages that share a table layout apart.
 */
final class FrontMatter {
  private static final String FENCE = "---";

  private final Map<String, String> values;
  private final int bodyStart;

  private FrontMatter(Map<String, String> values, int bodyStart) {
    this.values = values;
    this.bodyStart = bodyStart;
  }

  /** The front matter of {@code lines}, empty when the first line is not a {@code ---} fence. */
  static FrontMatter of(SourceDocument document, List<String> lines) {
    if (lines.isEmpty() || !lines.get(0).strip().equals(FENCE)) {
      return new FrontMatter(Map.of(), 0);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int index = 1; index < lines.size(); index++) {
      String line = lines.get(index).strip();
      if (line.equals(FENCE)) {
        return new FrontMatter(values, index + 1);
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        values.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    throw document.malformed(1, "front matter opened by --- is never closed");
  }

  /** The front matter of a document's text, for detection; an unclosed one reads as none. */
  static FrontMatter of(String text) {
    SourceDocument document = new SourceDocument("(detecting)", text);
    try {
      return of(document, document.lines());
    } catch (MalformedDocumentException unclosed) {
      return new FrontMatter(Map.of(), 0);
    }
  }

  Optional<String> value(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The index of the first line after the front matter: 0 without one. */
  int bodyStart() {
    return bodyStart;
  }
}
