package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import io.github.exchangeresilience.catalog.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gathers the rows of one document into one entry per code (and transport, for a page that documents both), in the
 * order codes first appear. A code a document lists twice (OKX 59130, or once per language) becomes one entry holding
 * every message variant; the rows must agree on the code's HTTP status and name, or the document is reported as
 * malformed at the disagreeing line.
 */
final class EntryCollector {
  private final SourceDocument document;
  private final DocumentFormat format;
  private final Map<String, Draft> drafts = new LinkedHashMap<>();

  EntryCollector(SourceDocument document, DocumentFormat format) {
    this.document = document;
    this.format = format;
  }

  /** The draft of {@code code}, created on its first row; {@code lineNumber} is where this row stands. */
  Draft row(int lineNumber, EntryKind kind, String code) {
    return row(lineNumber, kind, format.transport(), code);
  }

  /** The draft of {@code code} on a page that documents several transports, such as Bybit's. */
  Draft row(int lineNumber, EntryKind kind, Transport transport, String code) {
    Draft draft = drafts.computeIfAbsent(kind + " " + transport + " " + code, key -> new Draft(kind, transport, code));
    draft.lineNumber = lineNumber;
    return draft;
  }

  /** Unclassified entries: their policy class is still UNKNOWN and left to the classification rules. */
  List<CatalogEntry> entries() {
    List<CatalogEntry> entries = new ArrayList<>(drafts.size());
    for (Draft draft : drafts.values()) {
      entries.add(CatalogEntry.builder()
          .exchange(format.exchange())
          .code(draft.code)
          .kind(draft.kind)
          .name(draft.name)
          .httpStatus(draft.httpStatus)
          .messages(draft.messages)
          .section(draft.section)
          .source(document.fileName())
          .documentKind(format.id())
          .transport(draft.transport)
          .build());
    }
    return entries;
  }

  /** One code being gathered. Setters refuse a value that contradicts an earlier row. */
  final class Draft {
    private final EntryKind kind;
    private final Transport transport;
    private final String code;
    private final List<LocalizedMessage> messages = new ArrayList<>();
    private String name;
    private Integer httpStatus;
    private String section;
    private int lineNumber;

    private Draft(EntryKind kind, Transport transport, String code) {
      this.kind = kind;
      this.transport = transport;
      this.code = code;
    }

    Draft name(String value) {
      name = agreed("name", name, value);
      return this;
    }

    Draft httpStatus(Integer value) {
      httpStatus = agreed("HTTP status", httpStatus, value);
      return this;
    }

    /**
     * The HTTP status of the code's first row, later rows' ignored: for a page that lists one code under two statuses
     * on purpose (OKX's public page gives 50011 once with 200 and once with 429, one message each).
     */
    Draft firstHttpStatus(Integer value) {
      if (httpStatus == null) {
        httpStatus = value;
      }
      return this;
    }

    /** The first section a code appears under is its section; a translation's heading does not replace it. */
    Draft section(String value) {
      if (section == null) {
        section = value;
      }
      return this;
    }

    /** Adds a variant; a variant already held (a row repeated word for word) adds nothing. */
    Draft message(LocalizedMessage message) {
      if (message.text().isEmpty()) {
        throw document.malformed(lineNumber, "code " + code + " has an empty message");
      }
      if (!messages.contains(message)) {
        messages.add(message);
      }
      return this;
    }

    private <T> T agreed(String what, T held, T value) {
      if (held != null && value != null && !Objects.equals(held, value)) {
        throw document.malformed(lineNumber, "code " + code + " has " + what + " " + value + " here but " + held
            + " on an earlier row");
      }
      return held != null ? held : value;
    }
  }
}
