package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.Exchange;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of importing one document.
 *
 * @param format the document's format, as detected from its content
 * @param imported the document's entries, classified
 * @param entries every entry of the exchange after the import: the document's, and those of its other documents kept
 *     as they were; what the exchange's data file holds
 * @param diff the changes against the entries the exchange had from the same kind of document
 */
public record ImportResult(
    DocumentFormat format, List<CatalogEntry> imported, List<CatalogEntry> entries, CatalogDiff diff) {
  public ImportResult {
    Objects.requireNonNull(format, "format");
    imported = List.copyOf(imported);
    entries = List.copyOf(entries);
    Objects.requireNonNull(diff, "diff");
  }

  public Exchange exchange() {
    return format.exchange();
  }
}
