package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the classification rules file: which entries it matches, the class it gives them and why.
 *
 * @param id the stable id recorded on each entry it classifies ({@link CatalogEntry#classifiedBy()})
 * @param exchange the exchange it is limited to, or empty for a keyword or default rule of every exchange
 * @param match how {@code pattern} is read
 * @param pattern codes, a range or a regular expression, as {@code match} says; empty for a default rule
 * @param policyClass the class it gives
 * @param reason one line saying why, for reviewers and {@code explain}
 */
public record ClassificationRule(
    String id, Optional<Exchange> exchange, Match match, String pattern, PolicyClass policyClass, String reason) {

  /** How a rule matches, in the order rules are tried: every explicit rule, then keywords and ranges, then defaults. */
  public enum Match {
    /** A comma-separated list of body codes, exactly as the exchange writes them. */
    CODE,
    /** A comma-separated list of HTTP statuses the exchange documents (entries of kind HTTP_STATUS). */
    HTTP,
    /** A case-insensitive regular expression found in any English message variant. */
    KEYWORD,
    /** An inclusive numeric range of body codes: {@code 50100..50114}. */
    RANGE,
    /** Every entry: the exchange's fallback. */
    DEFAULT;

    boolean isExplicit() {
      return this == CODE || this == HTTP;
    }
  }

  public ClassificationRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(policyClass, "policyClass");
    Objects.requireNonNull(reason, "reason");
  }

  /** The codes of a CODE or HTTP rule, in the order listed; empty for other rules. */
  public List<String> codes() {
    return match.isExplicit() ? List.of(pattern.split("\\s*,\\s*")) : List.of();
  }
}
