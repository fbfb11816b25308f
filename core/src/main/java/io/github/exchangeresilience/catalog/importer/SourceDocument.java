package io.github.exchangeresilience.catalog.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One published error-code page as saved: its file name (recorded as each entry's source) and its text.
 *
 * @param fileName the file name only, without directories
 * @param text the whole document, UTF-8 decoded
 */
public record SourceDocument(String fileName, String text) {
  public SourceDocument {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(text, "text");
  }

  public static SourceDocument read(Path file) throws IOException {
    return new SourceDocument(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * The lines without their terminators or a byte-order mark; the last line needs no terminator. Line {@code n} is at
   * index {@code n - 1}.
   */
  public List<String> lines() {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return body.lines().toList();
  }

  MalformedDocumentException malformed(int lineNumber, String problem) {
    return new MalformedDocumentException(fileName, lineNumber, problem);
  }
}
