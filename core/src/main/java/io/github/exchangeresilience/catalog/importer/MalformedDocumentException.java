package io.github.exchangeresilience.catalog.importer;

/** A source document the importer cannot read as its format says; names the file and the 1-based line. */
public final class MalformedDocumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final int lineNumber;

  public MalformedDocumentException(String fileName, int lineNumber, String problem) {
    super(fileName + ":" + lineNumber + ": " + problem);
    this.fileName = fileName;
    this.lineNumber = lineNumber;
  }

  public String fileName() {
    return fileName;
  }

  /** The 1-based line of the document the problem is on. */
  public int lineNumber() {
    return lineNumber;
  }
}
