package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.catalog.importer.ClassificationRule.Match;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The reviewable rules that give every catalog entry its policy class, read from a tab-separated file
 * ({@code classification-rules.tsv} next to the data files). Columns: {@code id exchange match pattern class reason}.
 *
 * <p>An entry takes the class of the first rule that matches, tried in this order, which the file must also follow:
 * explicit codes ({@code code}, {@code http}), then keyword and range rules in file order, then the exchange's
 * {@code default}. Immutable and thread-safe.
 */
public final class ClassificationRules {
  /** The classpath resource of the built-in rules. */
  public static final String RESOURCE = "/io/github/exchangeresilience/catalog/classification-rules.tsv";
  static final String HEADER = "id\texchange\tmatch\tpattern\tclass\treason";
  private static final String ANY_EXCHANGE = "*";
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");
  private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)");

  private final List<ClassificationRule> rules;
  private final Map<String, ClassificationRule> byId = new HashMap<>();
  private final Map<String, ClassificationRule> explicit = new HashMap<>();
  private final Map<String, Pattern> keywords = new HashMap<>();
  private final Map<Exchange, ClassificationRule> defaults = new EnumMap<>(Exchange.class);

  private ClassificationRules(String fileName, List<String> lines) {
    List<ClassificationRule> rules = new ArrayList<>();
    boolean headerSeen = false;
    int stage = 0;
    for (int index = 0; index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!headerSeen) {
        if (!line.strip().equals(HEADER)) {
          throw new MalformedDocumentException(fileName, lineNumber, "expected the header row '"
              + HEADER.replace('\t', ' ') + "' (tab-separated)");
        }
        headerSeen = true;
        continue;
      }
      ClassificationRule rule = parse(fileName, lineNumber, line);
      int ruleStage = rule.match().isExplicit() ? 0 : rule.match() == Match.DEFAULT ? 2 : 1;
      if (ruleStage < stage) {
        throw new MalformedDocumentException(fileName, lineNumber, "rule " + rule.id() + " is out of order: explicit "
            + "code rules come first, then keyword and range rules, then defaults, as they are tried");
      }
      stage = ruleStage;
      index(fileName, lineNumber, rule);
      rules.add(rule);
    }
    for (Exchange exchange : Exchange.values()) {
      if (!defaults.containsKey(exchange)) {
        throw new MalformedDocumentException(fileName, lines.size(), "no default rule for " + exchange.id());
      }
    }
    this.rules = List.copyOf(rules);
  }

  /** The rules shipped in this jar. */
  public static ClassificationRules builtIn() {
    try (InputStream in = ClassificationRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("classification rules missing from the classpath: " + RESOURCE);
      }
      return read("classification-rules.tsv", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public static ClassificationRules read(Path file) throws IOException {
    return read(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Reads rules from the text of a rules file.
   *
   * @throws MalformedDocumentException naming the line of a malformed, duplicate or misplaced rule
   */
  public static ClassificationRules read(String fileName, String text) {
    return new ClassificationRules(fileName, text.lines().toList());
  }

  /** Every rule, in file order. */
  public List<ClassificationRule> rules() {
    return rules;
  }

  public Optional<ClassificationRule> rule(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The rule that classifies {@code entry}: there always is one, the exchange's default at the latest. */
  public ClassificationRule ruleFor(CatalogEntry entry) {
    ClassificationRule rule = explicit.get(key(entry.exchange(), entry.kind(), entry.code()));
    if (rule != null) {
      return rule;
    }
    for (ClassificationRule candidate : rules) {
      if (candidate.exchange().isPresent() && candidate.exchange().get() != entry.exchange()) {
        continue;
      }
      if (candidate.match() == Match.KEYWORD && matchesKeyword(candidate, entry)
          || candidate.match() == Match.RANGE && inRange(candidate, entry)) {
        return candidate;
      }
    }
    return defaults.get(entry.exchange());
  }

  /** A copy of {@code entry} with the class of its rule and the rule's id as {@link CatalogEntry#classifiedBy()}. */
  public CatalogEntry classify(CatalogEntry entry) {
    ClassificationRule rule = ruleFor(entry);
    return entry.toBuilder().policyClass(rule.policyClass()).classifiedBy(rule.id()).build();
  }

  private boolean matchesKeyword(ClassificationRule rule, CatalogEntry entry) {
    Pattern keyword = keywords.get(rule.id());
    return entry.englishMessages().stream().anyMatch(text -> keyword.matcher(text).find());
  }

  private static boolean inRange(ClassificationRule rule, CatalogEntry entry) {
    if (entry.kind() != EntryKind.CODE || !Text.isCode(entry.code())) {
      return false;
    }
    var bounds = RANGE.matcher(rule.pattern());
    bounds.matches(); // validated when read
    long code = Long.parseLong(entry.code());
    return Long.parseLong(bounds.group(1)) <= code && code <= Long.parseLong(bounds.group(2));
  }

  private static ClassificationRule parse(String fileName, int lineNumber, String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 6) {
      throw new MalformedDocumentException(fileName, lineNumber, "expected 6 tab-separated fields but found "
          + fields.length);
    }
    String id = fields[0].strip();
    String exchangeId = fields[1].strip();
    String matchName = fields[2].strip();
    String pattern = fields[3].strip();
    String className = fields[4].strip();
    String reason = fields[5].strip();
    if (!ID.matcher(id).matches() || id.equals(ErrorCatalog.OVERRIDE)) {
      throw new MalformedDocumentException(fileName, lineNumber, "bad rule id '" + id + "': lower case, digits, "
          + "dots and dashes; '" + ErrorCatalog.OVERRIDE + "' is reserved");
    }
    Match match;
    PolicyClass policyClass;
    try {
      match = Match.valueOf(matchName.toUpperCase(Locale.ROOT));
      policyClass = PolicyClass.valueOf(className);
    } catch (IllegalArgumentException e) {
      throw new MalformedDocumentException(fileName, lineNumber, "unknown match '" + matchName + "' or class '"
          + className + "'");
    }
    if (policyClass == PolicyClass.UNKNOWN) {
      throw new MalformedDocumentException(fileName, lineNumber, "UNKNOWN is for codes not in the catalog");
    }
    Optional<Exchange> exchange = Optional.empty();
    if (!exchangeId.equals(ANY_EXCHANGE)) {
      exchange = Optional.of(Exchange.fromId(exchangeId).orElseThrow(() ->
          new MalformedDocumentException(fileName, lineNumber, "unknown exchange '" + exchangeId + "'")));
    } else if (match != Match.KEYWORD && match != Match.DEFAULT) {
      throw new MalformedDocumentException(fileName, lineNumber, "a " + matchName + " rule names one exchange");
    }
    if (reason.isEmpty()) {
      throw new MalformedDocumentException(fileName, lineNumber, "rule " + id + " gives no reason");
    }
    if (match == Match.RANGE && !RANGE.matcher(pattern).matches()) {
      throw new MalformedDocumentException(fileName, lineNumber, "a range is written low..high: " + pattern);
    }
    if (match == Match.DEFAULT ? !pattern.isEmpty() : pattern.isEmpty()) {
      throw new MalformedDocumentException(fileName, lineNumber, match == Match.DEFAULT
          ? "a default rule has no pattern" : "rule " + id + " has no pattern");
    }
    return new ClassificationRule(id, exchange, match, pattern, policyClass, reason);
  }

  private void index(String fileName, int lineNumber, ClassificationRule rule) {
    if (byId.putIfAbsent(rule.id(), rule) != null) {
      throw new MalformedDocumentException(fileName, lineNumber, "duplicate rule id " + rule.id());
    }
    switch (rule.match()) {
      case CODE, HTTP -> {
        EntryKind kind = rule.match() == Match.CODE ? EntryKind.CODE : EntryKind.HTTP_STATUS;
        for (String code : rule.codes()) {
          ClassificationRule earlier = explicit.putIfAbsent(key(rule.exchange().orElseThrow(), kind, code), rule);
          if (earlier != null) {
            throw new MalformedDocumentException(fileName, lineNumber, "code " + code + " is already classified by "
                + earlier.id());
          }
        }
      }
      case KEYWORD -> {
        try {
          keywords.put(rule.id(), Pattern.compile(rule.pattern(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        } catch (PatternSyntaxException e) {
          throw new MalformedDocumentException(fileName, lineNumber, "bad regular expression: " + e.getDescription());
        }
      }
      case DEFAULT -> {
        for (Exchange exchange : rule.exchange().map(List::of).orElse(List.of(Exchange.values()))) {
          if (defaults.putIfAbsent(exchange, rule) != null && rule.exchange().isPresent()) {
            throw new MalformedDocumentException(fileName, lineNumber, "second default rule for " + exchange.id());
          }
        }
      }
      case RANGE -> { }
    }
  }

  private static String key(Exchange exchange, EntryKind kind, String code) {
    return exchange.id() + ' ' + kind + ' ' + code;
  }
}
