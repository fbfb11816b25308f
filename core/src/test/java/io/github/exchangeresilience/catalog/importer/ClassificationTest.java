package io.github.exchangeresilience.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in catalog's classes: the anchors, the safety rule, and that every class traces to a rule. */
class ClassificationTest {
  private static final ErrorCatalog CATALOG = ErrorCatalog.builtIn();
  private static final ClassificationRules RULES = ClassificationRules.builtIn();

  @ParameterizedTest(name = "{0} {1} is {2}")
  @CsvSource({
      "okx, 0, SUCCESS",
      "bybit, 0, SUCCESS",
      "okx, 2, PARTIAL_SUCCESS",
      "okx, 50011, RATE_LIMITED",
      "binance-usdm, -1003, RATE_LIMITED",
      "bybit, 10006, RATE_LIMITED",
      "bitget, 429, RATE_LIMITED",
      "okx, 50113, AUTH",
      "binance-usdm, -1022, AUTH",
      "bybit, 10003, AUTH",
      "bitget, 40009, AUTH",
      "binance-usdm, -1021, CLOCK_SKEW",
      "okx, 50102, CLOCK_SKEW",
      "bybit, 10002, CLOCK_SKEW",
      "bitget, 40008, CLOCK_SKEW",
      "okx, 50013, TRANSIENT",
      "binance-usdm, -1008, TRANSIENT",
      "bitget, 25003, TRANSIENT",
      "binance-usdm, -1007, EXECUTION_UNKNOWN",
      "binance-usdm, -1006, EXECUTION_UNKNOWN",
      "okx, 50004, EXECUTION_UNKNOWN",
      "bybit, 10000, EXECUTION_UNKNOWN",
      "bitget, 25001, EXECUTION_UNKNOWN",
      "okx, 50005, UNAVAILABLE",
      "binance-usdm, -1016, UNAVAILABLE",
      "okx, 50007, ACCOUNT_RESTRICTED",
      "binance-usdm, -2023, ACCOUNT_RESTRICTED",
      "okx, 51008, REJECTED",
      "binance-usdm, -2019, REJECTED"})
  void anchors(String exchange, String code, PolicyClass expected) {
    assertThat(CATALOG.classify(Exchange.fromId(exchange).orElseThrow(), code)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} is {2}")
  @CsvSource({
      "binance-usdm, -1000, EXECUTION_UNKNOWN",
      "binance-usdm, -1001, TRANSIENT",
      "binance-usdm, -1015, RATE_LIMITED",
      "binance-usdm, -2014, AUTH",
      "binance-usdm, -2015, AUTH",
      "okx, 1, REJECTED",
      "okx, 50001, UNAVAILABLE",
      "okx, 50026, EXECUTION_UNKNOWN",
      "okx, 50112, AUTH",
      "okx, 50100, AUTH",
      "okx, 50114, AUTH",
      "okx, 50115, REJECTED",
      "okx, 51113, RATE_LIMITED",
      "okx, 58102, RATE_LIMITED",
      "okx, 50009, ACCOUNT_RESTRICTED",
      "okx, 50022, ACCOUNT_RESTRICTED",
      "bybit, 10016, EXECUTION_UNKNOWN",
      "bybit, 10018, RATE_LIMITED",
      "bybit, 10009, RATE_LIMITED",
      "bybit, 3400214, EXECUTION_UNKNOWN",
      "bitget, 25000, EXECUTION_UNKNOWN",
      "bitget, 25008, ACCOUNT_RESTRICTED",
      "bitget, 25218, REJECTED"})
  void guidedDecisions(String exchange, String code, PolicyClass expected) {
    assertThat(CATALOG.classify(Exchange.fromId(exchange).orElseThrow(), code)).isEqualTo(expected);
  }

  /** The codes bots meet beyond the five seed pages, each as its own page documents it. */
  @ParameterizedTest(name = "{0} {1} is {2}")
  @CsvSource({
      "okx, 50061, RATE_LIMITED",        // the account's order rate limit, inside an HTTP 200
      "okx, 50040, RATE_LIMITED",        // too frequent operations
      "okx, 50071, REJECTED",            // clOrdId already exists: the order exists
      "okx, 50035, AUTH",                // the key must be bound to an IP
      "okx, 60006, CLOCK_SKEW",          // WebSocket login: timestamp expired
      "okx, 60014, RATE_LIMITED",        // WebSocket: requests too frequent
      "bybit, 10429, RATE_LIMITED",      // order-entry WebSocket: system level frequency protection
      "bybit, 170146, EXECUTION_UNKNOWN", // spot: order creation timeout
      "bybit, 170147, EXECUTION_UNKNOWN", // spot: order cancellation timeout
      "bybit, 170035, EXECUTION_UNKNOWN", // spot: submitted to the system for processing
      "bybit, 170149, EXECUTION_UNKNOWN", // spot: create order failed, an unknown downstream exception
      "bybit, 170005, RATE_LIMITED",     // spot: too many new orders
      "bybit, 170141, REJECTED",         // spot: duplicate clientOrderId, the order exists
      "bybit, 429, TRANSIENT",           // body code: the trading service is under high load, retry
      "bybit, -1, CLOCK_SKEW",           // request expired
      "bybit, -2015, AUTH",              // the api key has expired
      "binance-usdm, -5028, CLOCK_SKEW"})
  void codesOfTheAddedPages(String exchange, String code, PolicyClass expected) {
    assertThat(CATALOG.classify(Exchange.fromId(exchange).orElseThrow(), code)).isEqualTo(expected);
  }

  @Test
  void fixesOfTheAudit() {
    // A single subsystem's upgrade must not open the breaker that stops all OKX trading.
    assertThat(CATALOG.find(Exchange.OKX, "51290").orElseThrow()).satisfies(entry -> {
      assertThat(entry.policyClass()).isEqualTo(PolicyClass.REJECTED);
      assertThat(RULES.rule(entry.classifiedBy().orElseThrow()).orElseThrow().reason())
          .contains("one subsystem is in maintenance, not the service");
    });
    // Bybit's IP ban is a ban, not a key problem.
    assertThat(CATALOG.find(Exchange.BYBIT, "10009").orElseThrow().classifiedBy()).contains("bybit.ip-banned");
    // Binance's WAF limit and auto-ban belong with the rate limits, not with the keys.
    assertThat(CATALOG.findHttpStatus(Exchange.BINANCE_USDM, 403).orElseThrow().policyClass())
        .isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(CATALOG.findHttpStatus(Exchange.BINANCE_USDM, 418).orElseThrow().policyClass())
        .isEqualTo(PolicyClass.RATE_LIMITED);
    // -5028 is the matching engine's own delay: the resend is the point, the resync cannot help, and the rule says so.
    assertThat(CATALOG.find(Exchange.BINANCE_USDM, "-5028").orElseThrow()).satisfies(entry -> {
      assertThat(entry.classifiedBy()).contains("binance-usdm.me-recvwindow");
      assertThat(RULES.rule("binance-usdm.me-recvwindow").orElseThrow().reason())
          .contains("one resend", "cannot help");
    });
  }

  @Test
  void onlyServiceWideOutagesFeedTheBreaker() {
    assertThat(CATALOG.entries())
        .filteredOn(entry -> entry.policyClass() == PolicyClass.UNAVAILABLE)
        .extracting(entry -> entry.exchange().id() + " " + entry.code())
        .containsExactlyInAnyOrder("okx 50001", "okx 50005", "binance-usdm -1016", "binance-usdm 503");
  }

  @Test
  void binanceGeneralInfoStatuses() {
    assertThat(CATALOG.findHttpStatus(Exchange.BINANCE_USDM, 408).orElseThrow().policyClass())
        .as("a timeout waiting for the backend: the order may have been taken")
        .isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(CATALOG.findHttpStatus(Exchange.BINANCE_USDM, 429).orElseThrow().policyClass())
        .isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(CATALOG.findHttpStatus(Exchange.BINANCE_USDM, 503).orElseThrow().englishMessages()).containsExactly(
        "Unknown error, please check your request or try again later.",
        "Service Unavailable.",
        "Internal error; unable to process your request. Please try again.",
        "Request throttled by system-level protection. Reduce-only/close-position orders are exempt. Please try "
            + "again.");
    assertThat(CATALOG.findHttpStatus(Exchange.BYBIT, 429).orElseThrow().policyClass())
        .isEqualTo(PolicyClass.RATE_LIMITED);
  }

  @Test
  void bybitDocumentedHttpStatuses() {
    assertThat(CATALOG.findHttpStatus(Exchange.BYBIT, 403).orElseThrow().policyClass())
        .isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(CATALOG.findHttpStatus(Exchange.BYBIT, 401).orElseThrow().policyClass()).isEqualTo(PolicyClass.AUTH);
    assertThat(CATALOG.findHttpStatus(Exchange.BYBIT, 400).orElseThrow().policyClass())
        .isEqualTo(PolicyClass.REJECTED);
    assertThat(CATALOG.findHttpStatus(Exchange.BYBIT, 404).orElseThrow().policyClass())
        .isEqualTo(PolicyClass.REJECTED);
  }

  @Test
  void duplicateClientOrderIdsAreRejectedSoTheOrderIsReconciledNeverResent() {
    List<CatalogEntry> duplicates = List.of(
        CATALOG.find(Exchange.BINANCE_USDM, "-4116").orElseThrow(),
        CATALOG.find(Exchange.OKX, "51016").orElseThrow(),
        CATALOG.find(Exchange.BYBIT, "110072").orElseThrow(),
        CATALOG.find(Exchange.BITGET, "25212").orElseThrow());

    assertThat(duplicates).allSatisfy(entry -> {
      assertThat(entry.policyClass()).isEqualTo(PolicyClass.REJECTED);
      assertThat(RULES.rule(entry.classifiedBy().orElseThrow()).orElseThrow().reason())
          .contains("the order exists: reconcile, never resend");
    });
  }

  @Test
  void everyEntryHasAKnownClassSetByARuleOfTheRulesFile() {
    assertThat(CATALOG.entries()).hasSize(1673).allSatisfy(entry -> {
      assertThat(entry.policyClass()).isNotEqualTo(PolicyClass.UNKNOWN);
      assertThat(entry.classifiedBy()).isPresent();
      ClassificationRule rule = RULES.rule(entry.classifiedBy().get()).orElseThrow();
      assertThat(rule.policyClass()).isEqualTo(entry.policyClass());
      assertThat(RULES.ruleFor(entry)).isEqualTo(rule);
    });
  }

  @Test
  void neverRetryWhatMayHaveExecuted() {
    // Words saying the outcome is unknown. Only a text that also says the request was not processed may be retried.
    Pattern mayHaveExecuted = Pattern.compile("(?i)time ?out|timed out|unknown error|status unknown|system error"
        + "|server error|internal error|check the order status|service return an error");
    Pattern saysNotProcessed = Pattern.compile("(?i)unable to process");

    List<CatalogEntry> mayHave = CATALOG.entries().stream()
        .filter(entry -> entry.englishMessages().stream().anyMatch(text -> mayHaveExecuted.matcher(text).find()))
        .toList();

    assertThat(mayHave).hasSizeGreaterThan(10).allSatisfy(entry -> {
      if (entry.englishMessages().stream().noneMatch(text -> saysNotProcessed.matcher(text).find())) {
        assertThat(entry.policyClass()).as(entry.toString()).isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
      }
    });
  }

  @Test
  void everyRuleClassifiesSomethingAndEveryExplicitCodeIsDocumented() {
    Set<String> used = CATALOG.entries().stream()
        .map(entry -> entry.classifiedBy().orElseThrow())
        .collect(Collectors.toSet());

    assertThat(RULES.rules()).allSatisfy(rule -> {
      assertThat(used).as("rule " + rule.id() + " classifies no entry").contains(rule.id());
      for (String code : rule.codes()) {
        Exchange exchange = rule.exchange().orElseThrow();
        boolean documented = rule.match() == ClassificationRule.Match.HTTP
            ? CATALOG.findHttpStatus(exchange, Integer.parseInt(code)).isPresent()
            : CATALOG.find(exchange, code).filter(entry -> entry.kind() == EntryKind.CODE).isPresent();
        assertThat(documented).as(rule.id() + " names " + exchange + " " + code).isTrue();
      }
    });
  }

  @Test
  void everyExchangeFallsBackToRejected() {
    for (Exchange exchange : Exchange.values()) {
      CatalogEntry undocumented = CatalogEntry.builder()
          .exchange(exchange)
          .code("999999")
          .source("test")
          .build();

      ClassificationRule rule = RULES.ruleFor(undocumented);

      assertThat(rule.match()).isEqualTo(ClassificationRule.Match.DEFAULT);
      assertThat(rule.policyClass()).isEqualTo(PolicyClass.REJECTED);
    }
  }
}
