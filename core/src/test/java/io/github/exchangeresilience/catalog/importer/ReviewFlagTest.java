package io.github.exchangeresilience.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import io.github.exchangeresilience.catalog.PolicyClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReviewFlagTest {
  private static final ClassificationRules RULES = ClassificationRules.builtIn();

  private static CatalogEntry classified(String message) {
    return RULES.classify(CatalogEntry.builder()
        .exchange(Exchange.BYBIT)
        .code("199999")
        .addMessage(LocalizedMessage.en(message))
        .source("page.md")
        .build());
  }

  /** Each topic the issue names, in a text no keyword rule takes: REJECTED only by default, so flagged. */
  @ParameterizedTest(name = "\"{0}\" is flagged for \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "Daily purchase limit has been exceeded.|limit",
      "System level frequency protection|frequen",
      "Cancel-all-after timeouts must be at least 5 seconds|timeout",
      "The trading pair is under maintenance.|maintenance",
      "Cannot cancel the order, please try again later|try again",
      "Please retry when you encounter this|retry",
      "The key has been disabled|key",
      "This IP is not allowed|IP",
      "Sign verification failed|Sign",
      "Parameter before isn't supported for timestamp pagination|timestamp"})
  void aDefaultRejectionWhoseTextSpeaksOfATopicIsFlagged(String message, String phrase) {
    CatalogEntry entry = classified(message);

    assertThat(entry.policyClass()).isEqualTo(PolicyClass.REJECTED);
    assertThat(ReviewFlag.reason(entry, RULES)).contains(phrase);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Insufficient available balance",              // a business refusal that says nothing of the topics
      "Too many visits. Exceeded the API Rate Limit.", // a keyword rule took it: RATE_LIMITED
      "Order creation timeout"})                     // a keyword rule took it: EXECUTION_UNKNOWN
  void anythingElseIsNot(String message) {
    assertThat(ReviewFlag.reason(classified(message), RULES)).isEmpty();
  }
}
