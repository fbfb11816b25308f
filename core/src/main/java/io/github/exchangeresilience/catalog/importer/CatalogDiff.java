package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a re-import changed, code by code: codes added and removed, and for a code in both, its messages, HTTP status,
 * name or class. Lines are compared per document: a code a page newly lists is added even if another page of the
 * exchange already has it. A class belongs to the whole entry, so a class change is reported once per code. An added
 * code a person must review ({@link ReviewFlag}) says so. Immutable.
 */
public final class CatalogDiff {
  /** The kinds of change, in the order a code's changes are listed. */
  public enum ChangeType {
    ADDED("added"),
    REMOVED("removed"),
    MESSAGE_CHANGED("message changed"),
    HTTP_STATUS_CHANGED("http status changed"),
    NAME_CHANGED("name changed"),
    CLASS_CHANGED("class changed");

    private final String label;

    ChangeType(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One change to one code.
   *
   * @param before the entry before, null when added
   * @param after the entry after, null when removed
   * @param review for an added code to review, the phrase of its text that calls for it; else null
   */
  public record Change(ChangeType type, CatalogEntry before, CatalogEntry after, String review) {
    public Change {
      Objects.requireNonNull(type, "type");
    }

    public Change(ChangeType type, CatalogEntry before, CatalogEntry after) {
      this(type, before, after, null);
    }

    /** Whether a person must look at this added code before trusting its class. */
    public boolean needsReview() {
      return review != null;
    }

    /** The changed entry's code as printed: {@code 50011}, or {@code HTTP 403} for a documented HTTP status. */
    public String code() {
      CatalogEntry entry = after != null ? after : before;
      return entry.kind() == EntryKind.HTTP_STATUS ? "HTTP " + entry.code() : entry.code();
    }

    /** The change as the importer prints it: one line, then for a message change one indented line per variant. */
    public List<String> lines() {
      String head = code() + " " + type.label();
      return switch (type) {
        case ADDED -> review == null
            ? List.of("+ " + head + ": " + classOf(after) + " " + quote(after.message()))
            : List.of("+ " + head + ": " + classOf(after) + " " + quote(after.message()),
                "    ! review: REJECTED only by default, yet its text speaks of " + quote(review));
        case REMOVED -> List.of("- " + head + ": " + quote(before.message()));
        case HTTP_STATUS_CHANGED -> List.of("~ " + head + ": " + status(before) + " -> " + status(after));
        case NAME_CHANGED -> List.of("~ " + head + ": " + before.name().orElse("(none)") + " -> "
            + after.name().orElse("(none)"));
        case CLASS_CHANGED -> List.of("~ " + head + ": " + classOf(before) + " -> " + classOf(after));
        case MESSAGE_CHANGED -> messageLines(head);
      };
    }

    private List<String> messageLines(String head) {
      List<String> lines = new ArrayList<>();
      lines.add("~ " + head);
      for (LocalizedMessage message : before.messages()) {
        if (!after.messages().contains(message)) {
          lines.add("    - " + message.language() + ": " + message.text());
        }
      }
      for (LocalizedMessage message : after.messages()) {
        if (!before.messages().contains(message)) {
          lines.add("    + " + message.language() + ": " + message.text());
        }
      }
      if (lines.size() == 1) {
        lines.add("    (same variants, in another order)");
      }
      return lines;
    }

    private static String status(CatalogEntry entry) {
      return entry.httpStatus().map(String::valueOf).orElse("(none)");
    }

    private static String classOf(CatalogEntry entry) {
      return entry.policyClass() + entry.classifiedBy().map(rule -> " (" + rule + ")").orElse("");
    }

    private static String quote(String text) {
      return '"' + text + '"';
    }
  }

  private final List<Change> changes;

  private CatalogDiff(List<Change> changes) {
    this.changes = List.copyOf(changes);
  }

  /**
   * The changes from {@code before} to {@code after}, lines matched by document kind, kind, transport and code:
   * changed and added codes in the order of {@code after}, then removed codes in the order of {@code before}.
   */
  public static CatalogDiff between(List<CatalogEntry> before, List<CatalogEntry> after) {
    return between(before, after, entry -> Optional.empty());
  }

  /** As {@link #between(List, List)}, flagging each added code for which {@code review} gives a reason. */
  public static CatalogDiff between(List<CatalogEntry> before, List<CatalogEntry> after,
      Function<CatalogEntry, Optional<String>> review) {
    Map<String, CatalogEntry> old = index(before);
    Map<String, CatalogEntry> current = index(after);
    List<Change> changes = new ArrayList<>();
    Set<String> classChanged = new HashSet<>();
    for (Map.Entry<String, CatalogEntry> entry : current.entrySet()) {
      CatalogEntry was = old.get(entry.getKey());
      CatalogEntry now = entry.getValue();
      if (was == null) {
        changes.add(new Change(ChangeType.ADDED, null, now, review.apply(now).orElse(null)));
        continue;
      }
      if (!was.messages().equals(now.messages())) {
        changes.add(new Change(ChangeType.MESSAGE_CHANGED, was, now));
      }
      if (!was.httpStatus().equals(now.httpStatus())) {
        changes.add(new Change(ChangeType.HTTP_STATUS_CHANGED, was, now));
      }
      if (!was.name().equals(now.name())) {
        changes.add(new Change(ChangeType.NAME_CHANGED, was, now));
      }
      if (was.policyClass() != now.policyClass() && classChanged.add(entryKey(now))) {
        changes.add(new Change(ChangeType.CLASS_CHANGED, was, now));
      }
    }
    for (Map.Entry<String, CatalogEntry> entry : old.entrySet()) {
      if (!current.containsKey(entry.getKey())) {
        changes.add(new Change(ChangeType.REMOVED, entry.getValue(), null));
      }
    }
    return new CatalogDiff(changes);
  }

  private static Map<String, CatalogEntry> index(List<CatalogEntry> entries) {
    Map<String, CatalogEntry> index = new LinkedHashMap<>();
    for (CatalogEntry entry : entries) {
      index.put(entry.documentKind().orElse("") + " " + entryKey(entry), entry);
    }
    return index;
  }

  private static String entryKey(CatalogEntry entry) {
    return entry.kind() + " " + entry.transport() + " " + entry.code();
  }

  public List<Change> changes() {
    return changes;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public long count(ChangeType type) {
    return changes.stream().filter(change -> change.type() == type).count();
  }

  /** Every change's lines, then a summary line. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (Change change : changes) {
      lines.addAll(change.lines());
    }
    long changedCodes = changes.stream()
        .filter(change -> change.type() != ChangeType.ADDED && change.type() != ChangeType.REMOVED)
        .map(Change::code)
        .distinct()
        .count();
    long toReview = changes.stream().filter(Change::needsReview).count();
    lines.add(count(ChangeType.ADDED) + " added, " + count(ChangeType.REMOVED) + " removed, " + changedCodes
        + " changed" + (toReview > 0 ? ", " + toReview + " to review" : ""));
    return lines;
  }

  /** The added codes a person must review. */
  public List<Change> toReview() {
    return changes.stream().filter(Change::needsReview).toList();
  }
}
