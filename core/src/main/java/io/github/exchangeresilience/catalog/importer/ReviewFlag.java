package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which entries a person must look at after an import: those that only the exchange's default rule made REJECTED
 * although their text speaks of limits, frequency, timeouts, maintenance, trying again later, keys, IPs, signatures or
 * timestamps. Such a text often means a refusal that must be waited out, resynced or reconciled, not handed back: OKX
 * 50061 "You've reached the maximum order rate limit for this account" would have been one, had a keyword rule not
 * caught it. After review, an explicit rule in {@code classification-rules.tsv} records the decision either way.
 */
public final class ReviewFlag {
  /** The words that call for review, in any English message variant; case is ignored. */
  public static final Pattern WORDS = Pattern.compile("\\blimit|frequen|\\btime ?out|timed out|maintenance"
      + "|try (it )?again|\\bretry|\\bkeys?\\b|api ?key|\\bips?\\b|signature|\\bsign\\b|timestamp",
      Pattern.CASE_INSENSITIVE);

  private ReviewFlag() {}

  /**
   * The phrase that calls for review of {@code entry}, or empty: only for an entry REJECTED by its exchange's default
   * rule, whose English text holds one of the {@link #WORDS}.
   */
  public static Optional<String> reason(CatalogEntry entry, ClassificationRules rules) {
    if (entry.policyClass() != PolicyClass.REJECTED || entry.classifiedBy().isEmpty()) {
      return Optional.empty();
    }
    boolean byDefault = rules.rule(entry.classifiedBy().get())
        .map(rule -> rule.match() == ClassificationRule.Match.DEFAULT)
        .orElse(false);
    if (!byDefault) {
      return Optional.empty();
    }
    for (String text : entry.englishMessages()) {
      Matcher words = WORDS.matcher(text);
      if (words.find()) {
        return Optional.of(words.group());
      }
    }
    return Optional.empty();
  }
}
