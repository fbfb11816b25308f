package io.github.exchangeresilience.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import io.github.exchangeresilience.catalog.importer.ClassificationRule;
import io.github.exchangeresilience.catalog.importer.ClassificationRules;
import io.github.exchangeresilience.catalog.importer.ReviewFlag;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Prints catalog entries for people ({@code explain}) and for tools ({@code list} as TSV or JSON). */
final class EntryPrinter {
  static final String TSV_HEADER = "exchange\tcode\tcategory\thttp_status\tname\tmessage";
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private EntryPrinter() {}

  /** Everything known of one entry, the rule that classified it with its reason included. */
  static void explain(CatalogEntry entry, ClassificationRules rules, PrintStream out) {
    String code = entry.kind() == EntryKind.HTTP_STATUS ? "HTTP status " + entry.code() : entry.code();
    out.println(entry.exchange().displayName() + " " + code);
    out.println("  class:     " + entry.policyClass());
    out.println("  rule:      " + rule(entry, rules));
    out.println("  http:      " + entry.httpStatus().map(String::valueOf).orElse("-"));
    out.println("  name:      " + entry.name().orElse("-"));
    out.println("  section:   " + entry.section().orElse("-"));
    out.println("  source:    " + sources(entry) + ", " + entry.transport());
    out.println("  messages:");
    if (entry.messages().isEmpty()) {
      out.println("    (none)");
    }
    for (LocalizedMessage message : entry.messages()) {
      out.println("    " + message.language() + ": " + message.text());
    }
  }

  /** Each source file with its document kind: {@code 001_x.txt (okx-public) and 005_y.txt (okx-rest-public)}. */
  private static String sources(CatalogEntry entry) {
    List<String> described = new ArrayList<>();
    for (int i = 0; i < entry.sources().size(); i++) {
      String kind = i < entry.documentKinds().size() ? " (" + entry.documentKinds().get(i) + ")" : "";
      described.add(entry.sources().get(i) + kind);
    }
    return String.join(" and ", described);
  }

  /** Entries a person must review: a header row, then exchange, code, rule, the phrase that calls for it, message. */
  static void review(List<CatalogEntry> entries, ClassificationRules rules, PrintStream out) {
    out.println("exchange\tcode\trule\tphrase\tmessage");
    for (CatalogEntry entry : entries) {
      ReviewFlag.reason(entry, rules).ifPresent(phrase -> out.println(String.join("\t",
          entry.exchange().id(),
          cell(entry.code()),
          entry.classifiedBy().orElse(""),
          cell(phrase),
          cell(entry.message()))));
    }
  }

  private static String rule(CatalogEntry entry, ClassificationRules rules) {
    if (entry.classifiedBy().isEmpty()) {
      return "-";
    }
    String id = entry.classifiedBy().get();
    if (id.equals(ErrorCatalog.OVERRIDE)) {
      return id + ": set by the user";
    }
    Optional<ClassificationRule> rule = rules.rule(id);
    return id + rule.map(found -> ": " + found.reason()).orElse(" (not in the current rules)");
  }

  /** A header row, then one row per entry; missing values are empty, tabs and line breaks become spaces. */
  static void tsv(List<CatalogEntry> entries, PrintStream out) {
    out.println(TSV_HEADER);
    for (CatalogEntry entry : entries) {
      out.println(String.join("\t",
          entry.exchange().id(),
          cell(entry.code()),
          entry.policyClass().name(),
          entry.httpStatus().map(String::valueOf).orElse(""),
          cell(entry.name().orElse("")),
          cell(entry.message())));
    }
  }

  private static String cell(String value) {
    return value.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
  }

  /** A JSON array, one entry per line, with the TSV's field names plus every message variant and the provenance. */
  static void json(List<CatalogEntry> entries, PrintStream out) throws IOException {
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      gen.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      gen.writeStartArray();
      for (CatalogEntry entry : entries) {
        gen.writeRaw('\n');
        gen.writeStartObject();
        gen.writeStringField("exchange", entry.exchange().id());
        gen.writeStringField("code", entry.code());
        gen.writeStringField("kind", entry.kind().name());
        gen.writeStringField("category", entry.policyClass().name());
        if (entry.httpStatus().isPresent()) {
          gen.writeNumberField("http_status", entry.httpStatus().get());
        } else {
          gen.writeNullField("http_status");
        }
        gen.writeStringField("name", entry.name().orElse(null));
        gen.writeStringField("message", entry.message());
        gen.writeArrayFieldStart("messages");
        for (LocalizedMessage message : entry.messages()) {
          gen.writeStartObject();
          gen.writeStringField("lang", message.language());
          gen.writeStringField("text", message.text());
          gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeStringField("section", entry.section().orElse(null));
        gen.writeStringField("source", entry.source());
        gen.writeArrayFieldStart("sources");
        for (String source : entry.sources()) {
          gen.writeString(source);
        }
        gen.writeEndArray();
        gen.writeStringField("transport", entry.transport().name());
        gen.writeStringField("rule", entry.classifiedBy().orElse(null));
        gen.writeEndObject();
      }
      gen.writeRaw('\n');
      gen.writeEndArray();
      gen.writeRaw('\n');
    }
  }
}
