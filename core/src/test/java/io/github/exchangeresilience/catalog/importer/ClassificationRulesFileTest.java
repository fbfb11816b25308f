package io.github.exchangeresilience.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import io.github.exchangeresilience.catalog.PolicyClass;
import org.junit.jupiter.api.Test;

/** Reading the rules file: its order of precedence, and a malformed rule refused with its line. */
class ClassificationRulesFileTest {
  private static final String HEADER = ClassificationRules.HEADER + "\n";
  private static final String DEFAULTS = """
      okx.default\tokx\tdefault\t\tREJECTED\tfallback
      bybit.default\tbybit\tdefault\t\tREJECTED\tfallback
      bitget.default\tbitget\tdefault\t\tREJECTED\tfallback
      binance-usdm.default\tbinance-usdm\tdefault\t\tREJECTED\tfallback
      """;

  private static CatalogEntry okx(String code, String message) {
    return CatalogEntry.builder()
        .exchange(Exchange.OKX)
        .code(code)
        .addMessage(LocalizedMessage.en(message))
        .source("test")
        .build();
  }

  @Test
  void explicitCodesWinOverKeywordsWhichWinInFileOrderOverTheDefault() {
    ClassificationRules rules = ClassificationRules.read("rules.tsv", "# comment\n" + HEADER + """
        okx.busy\tokx\tcode\t50013\tTRANSIENT\tbusy, refused
        any.unknown\t*\tkeyword\ttime ?out|system\tEXECUTION_UNKNOWN\tmay have executed
        any.rate\t*\tkeyword\ttoo frequent|busy\tRATE_LIMITED\trate
        okx.api\tokx\trange\t50100..50115\tAUTH\tapi class
        """ + DEFAULTS);

    assertThat(rules.classify(okx("50013", "System is busy")).policyClass()).isEqualTo(PolicyClass.TRANSIENT);
    assertThat(rules.classify(okx("50013", "System is busy")).classifiedBy()).contains("okx.busy");
    assertThat(rules.classify(okx("7", "Timeout, too frequent")).policyClass())
        .isEqualTo(PolicyClass.EXECUTION_UNKNOWN);
    assertThat(rules.classify(okx("7", "Requests too frequent")).policyClass()).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(rules.classify(okx("50113", "Invalid signature")).classifiedBy()).contains("okx.api");
    assertThat(rules.classify(okx("51008", "Insufficient balance")).classifiedBy()).contains("okx.default");
    assertThat(rules.rule("any.rate").orElseThrow().reason()).isEqualTo("rate");
  }

  @Test
  void aRuleOutOfPrecedenceOrderIsRefused() {
    assertThatThrownBy(() -> ClassificationRules.read("rules.tsv", HEADER + """
        any.rate\t*\tkeyword\ttoo frequent\tRATE_LIMITED\trate
        okx.busy\tokx\tcode\t50013\tTRANSIENT\tbusy
        """ + DEFAULTS))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageStartingWith("rules.tsv:3: rule okx.busy is out of order");
  }

  @Test
  void aCodeClassifiedTwiceIsRefused() {
    assertThatThrownBy(() -> ClassificationRules.read("rules.tsv", HEADER + """
        okx.one\tokx\tcode\t50011,50013\tTRANSIENT\tone
        okx.two\tokx\tcode\t50013\tRATE_LIMITED\ttwo
        """ + DEFAULTS))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("rules.tsv:3: code 50013 is already classified by okx.one");
  }

  @Test
  void anExchangeWithoutADefaultIsRefused() {
    assertThatThrownBy(() -> ClassificationRules.read("rules.tsv", HEADER
        + "okx.default\tokx\tdefault\t\tREJECTED\tfallback\n"))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("no default rule for binance-usdm");
  }

  @Test
  void malformedRulesAreRefusedWithTheirLine() {
    assertThatThrownBy(() -> ClassificationRules.read("rules.tsv", HEADER
        + "okx.x\tokx\tcode\t1\tUNKNOWN\tno\n" + DEFAULTS))
        .hasMessageContaining("rules.tsv:2: UNKNOWN is for codes not in the catalog");
    assertThatThrownBy(() -> ClassificationRules.read("rules.tsv", HEADER
        + "okx.x\tokx\tkeyword\t(unclosed\tAUTH\tno\n" + DEFAULTS))
        .hasMessageContaining("rules.tsv:2: bad regular expression");
    assertThatThrownBy(() -> ClassificationRules.read("rules.tsv", HEADER
        + "okx.x\tokx\tcode\t1\tAUTH\t\n" + DEFAULTS))
        .hasMessageContaining("rules.tsv:2: rule okx.x gives no reason");
    assertThatThrownBy(() -> ClassificationRules.read("rules.tsv", HEADER
        + "okx.x\t*\tcode\t1\tAUTH\tall\n" + DEFAULTS))
        .hasMessageContaining("rules.tsv:2: a code rule names one exchange");
    assertThatThrownBy(() -> ClassificationRules.read("rules.tsv", HEADER
        + "okx.x\tokx\trange\t1-5\tAUTH\tall\n" + DEFAULTS))
        .hasMessageContaining("rules.tsv:2: a range is written low..high");
    assertThatThrownBy(() -> ClassificationRules.read("rules.tsv", "id exchange match\n"))
        .hasMessageContaining("rules.tsv:1: expected the header row");
  }
}
