package io.github.exchangeresilience.catalog.importer;

/** Reads one format of published error-code page, as the page is, into an {@link EntryCollector}. */
interface DocumentParser {
  /** @throws MalformedDocumentException naming the line, when the document is not what the format promises */
  void parse(SourceDocument document, EntryCollector entries);
}
