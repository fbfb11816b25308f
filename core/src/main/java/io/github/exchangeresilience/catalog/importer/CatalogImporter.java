package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.CatalogEntries;
import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
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
   * One document's entries, in document order, classified as if the document were the exchange's only one.
   *
   * @throws IllegalArgumentException when the format cannot be told from the content
   * @throws MalformedDocumentException naming the line, when the document breaks its format
   */
  public List<CatalogEntry> read(SourceDocument document) {
    return classify(DocumentFormat.detect(document.text()).parse(document));
  }

  /**
   * Every exchange's data file lines from a full set of documents, at most one of each format: one line per code and
   * document. An exchange's lines are grouped by document in {@link DocumentFormat} order, each in document order. A
   * code two documents list has a line in each, and both carry the class of the catalog entry the two make together.
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
      entries.addAll(document.getKey().parse(document.getValue()));
    }
    all.replaceAll((exchange, entries) -> classify(entries));
    return all;
  }

  /**
   * Re-imports one document, usually a newer copy of a page, against an exchange's current data file lines. Only lines
   * from the same kind of document are replaced; those of the exchange's other documents are kept, so importing OKX's
   * copy-trading page neither reports nor drops OKX's public codes. A code the exchange's other documents also list may
   * change class through the new page; such changes are reported too.
   *
   * @param current every current line of the document's exchange, as its data file holds them
   */
  public ImportResult importDocument(SourceDocument document, List<CatalogEntry> current) {
    DocumentFormat format = DocumentFormat.detect(document.text());
    List<CatalogEntry> lines = new ArrayList<>(format.parse(document));
    for (CatalogEntry entry : current) {
      if (entry.exchange() != format.exchange()) {
        throw new IllegalArgumentException(document.fileName() + " is a " + format.exchange().displayName()
            + " document but the current entries include " + entry.exchange().displayName() + "'s");
      }
      if (!entry.documentKind().map(format.id()::equals).orElse(false)) {
        lines.add(entry);
      }
    }
    lines.sort(BY_DOCUMENT_KIND); // stable: each document's own order is kept
    List<CatalogEntry> entries = classify(lines);
    List<CatalogEntry> imported = entries.stream()
        .filter(entry -> entry.documentKind().map(format.id()::equals).orElse(false))
        .toList();
    CatalogDiff diff = CatalogDiff.between(current, entries, entry -> ReviewFlag.reason(entry, rules));
    return new ImportResult(format, imported, entries, diff);
  }

  /** Each line with the class of the whole entry it belongs to: every line of the exchange's documents for its code. */
  private List<CatalogEntry> classify(List<CatalogEntry> lines) {
    Map<String, CatalogEntry> merged = new HashMap<>();
    for (CatalogEntry entry : CatalogEntries.merge(unclassified(lines))) {
      merged.put(CatalogEntries.key(entry), entry);
    }
    List<CatalogEntry> classified = new ArrayList<>(lines.size());
    for (CatalogEntry line : lines) {
      ClassificationRule rule = rules.ruleFor(merged.get(CatalogEntries.key(line)));
      classified.add(line.toBuilder().policyClass(rule.policyClass()).classifiedBy(rule.id()).build());
    }
    return List.copyOf(classified);
  }

  private static List<CatalogEntry> unclassified(List<CatalogEntry> lines) {
    return lines.stream()
        .map(line -> line.toBuilder().policyClass(PolicyClass.UNKNOWN).classifiedBy(null).build())
        .toList();
  }
}
