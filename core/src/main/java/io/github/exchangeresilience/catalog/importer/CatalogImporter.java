package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.Exchange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns published error-code pages into catalog entries: detects each page's format from its content, parses it and
 * classifies every code through the {@link ClassificationRules}. Loading the catalog never needs this class; it makes
 * the data files, and tells what a newer page changed.
 */
public final class CatalogImporter {
  private static final Comparator<CatalogEntry> BY_DOCUMENT_KIND = Comparator.comparingInt(entry -> entry
      .documentKind()
      .flatMap(DocumentFormat::fromId)
      .map(DocumentFormat::ordinal)
      .orElse(Integer.MAX_VALUE));

  private final ClassificationRules rules;

  public CatalogImporter(ClassificationRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** An importer classifying by the rules shipped in this jar. */
  public static CatalogImporter withBuiltInRules() {
    return new CatalogImporter(ClassificationRules.builtIn());
  }

  /**
   * One document's entries, in document order, classified.
   *
   * @throws IllegalArgumentException when the format cannot be told from the content
   * @throws MalformedDocumentException naming the line, when the document breaks its format
   */
  public List<CatalogEntry> read(SourceDocument document) {
    return read(document, DocumentFormat.detect(document.text()));
  }

  private List<CatalogEntry> read(SourceDocument document, DocumentFormat format) {
    List<CatalogEntry> entries = new ArrayList<>();
    for (CatalogEntry entry : format.parse(document)) {
      entries.add(rules.classify(entry));
    }
    return entries;
  }

  /**
   * Every exchange's entries from a full set of documents, at most one of each format: what the data files hold. An
   * exchange's entries are grouped by document in {@link DocumentFormat} order, each in document order.
   */
  public Map<Exchange, List<CatalogEntry>> importAll(Collection<SourceDocument> documents) {
    Map<DocumentFormat, SourceDocument> byFormat = new EnumMap<>(DocumentFormat.class);
    for (SourceDocument document : documents) {
      DocumentFormat format = DocumentFormat.detect(document.text());
      SourceDocument other = byFormat.putIfAbsent(format, document);
      if (other != null) {
        throw new IllegalArgumentException("two " + format.id() + " documents: " + other.fileName() + " and "
            + document.fileName());
      }
    }
    Map<Exchange, List<CatalogEntry>> all = new EnumMap<>(Exchange.class);
    for (Map.Entry<DocumentFormat, SourceDocument> document : byFormat.entrySet()) {
      List<CatalogEntry> entries = all.computeIfAbsent(document.getKey().exchange(), exchange -> new ArrayList<>());
      entries.addAll(read(document.getValue(), document.getKey()));
    }
    all.values().forEach(CatalogImporter::requireDistinctCodes);
    all.replaceAll((exchange, entries) -> List.copyOf(entries));
    return all;
  }

  /**
   * Re-imports one document, usually a newer copy of a page, against an exchange's current entries. Only entries from
   * the same kind of document are compared and replaced; those of the exchange's other documents are kept as they
   * are, so importing OKX's copy-trading page neither reports nor drops OKX's public codes.
   *
   * @param current every current entry of the document's exchange, as its data file holds them
   */
  public ImportResult importDocument(SourceDocument document, List<CatalogEntry> current) {
    DocumentFormat format = DocumentFormat.detect(document.text());
    List<CatalogEntry> imported = read(document, format);
    List<CatalogEntry> before = new ArrayList<>();
    List<CatalogEntry> entries = new ArrayList<>(imported);
    for (CatalogEntry entry : current) {
      if (entry.exchange() != format.exchange()) {
        throw new IllegalArgumentException(document.fileName() + " is a " + format.exchange().displayName()
            + " document but the current entries include " + entry.exchange().displayName() + "'s");
      }
      boolean sameKind = entry.documentKind().map(format.id()::equals).orElse(false);
      (sameKind ? before : entries).add(entry);
    }
    entries.sort(BY_DOCUMENT_KIND); // stable: each document's own order is kept
    requireDistinctCodes(entries);
    return new ImportResult(format, imported, entries, CatalogDiff.between(before, imported));
  }

  /** One entry per code: a code two documents of an exchange both list would be ambiguous at lookup. */
  private static void requireDistinctCodes(List<CatalogEntry> entries) {
    Map<String, CatalogEntry> seen = new HashMap<>();
    for (CatalogEntry entry : entries) {
      CatalogEntry other = seen.putIfAbsent(entry.kind() + " " + entry.code(), entry);
      if (other != null) {
        throw new IllegalArgumentException(entry.exchange().id() + " code " + entry.code() + " is in both "
            + other.source() + " and " + entry.source() + "; if it moved between documents, import the document "
            + "that no longer lists it first");
      }
    }
  }
}
