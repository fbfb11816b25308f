package io.github.exchangeresilience.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Walks every exchange's specification and fails on a fact missing or at odds with the others. */
class ExchangeSpecsTest {
  @ParameterizedTest
  @EnumSource(Exchange.class)
  void everySpecificationIsComplete(Exchange exchange) {
    ExchangeSpec spec = exchange.spec();

    assertThat(spec.exchange()).isEqualTo(exchange);
    assertThat(spec.hosts().live()).isNotEmpty();
    assertThat(spec.hosts().defaultBaseUrl()).startsWith("https://").endsWith("/");
    assertThat(spec.envelope().codeField()).isNotBlank();
    assertThat(spec.envelope().messageField()).isNotBlank();
    assertThat(spec.envelope().successCodes()).isNotEmpty();
    assertThat(spec.envelope().items().code()).isNotBlank();
    assertThat(spec.envelope().items().clientOrderId()).isNotBlank();
    assertThat(spec.decoder().create(spec, ErrorCatalog.builtIn()).exchange()).isEqualTo(exchange);

    Orders orders = spec.orders();
    assertThat(orders.singlePlacements()).isNotEmpty().allMatch(path -> path.startsWith("/"));
    assertThat(orders.batchPlacements()).isNotEmpty().allMatch(path -> path.startsWith("/"));
    assertThat(orders.clientOrderIdField()).isNotBlank();
    assertThat(orders.duplicateClientOrderIdCodes()).isNotEmpty();
    assertThat(orders.cancels()).doesNotContainAnyElementsOf(orders.singlePlacements());

    assertThat(spec.lookups().queries()).isNotEmpty();
    assertThat(spec.lookups().notFoundCodes()).isNotEmpty();
    for (String placement : orders.singlePlacements()) {
      if (placement.startsWith("/api/v3/")) {
        continue; // Bitget's unified account documents no lookup by client order id
      }
      assertThat(spec.lookups().queries()).as("a lookup for " + placement)
          .anyMatch(lookup -> lookup.appliesTo(placement));
    }
    assertThat(spec.serverTime().path()).startsWith("/");
    assertThat(spec.signing().isPublic(spec.serverTime().path())).as("the server time needs no signature").isTrue();
    assertThat(spec.signing().secretHeaders()).contains(spec.signing().apiKeyHeader());
    assertThat(spec.budgets()).isNotEmpty();
    assertThat(spec.budgets().stream().map(RateBudget::name).distinct().count()).isEqualTo(spec.budgets().size());
    assertThat(spec.endpointTemplates()).containsAll(orders.singlePlacements()).contains(spec.serverTime().path());
    for (String host : spec.hosts().all()) {
      assertThat(Exchange.forHost(host)).contains(exchange);
    }
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void theGeneratedClientOrderIdsFitEveryExchangesFormat(Exchange exchange) {
    // 8 prefix letters, 12 random letters and digits, 11 counter digits: the longest id the library makes.
    String longest = "A".repeat(31);
    assertThat(exchange.spec().orders().clientOrderIdFormat().matcher(longest).matches()).isTrue();
    assertThat(exchange.spec().orders().clientOrderIdFormat().matcher("bot-42 ").matches()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Exchange.class)
  void aFoundOrderRendersAsASuccessfulPlacementCarryingBothIds(Exchange exchange) {
    ExchangeSpec spec = exchange.spec();
    PlacementAnswer answer = spec.placementAnswer();
    if (answer.isAsLookedUp()) {
      assertThat(spec.lookups().emptyResultPath()).as("the lookup answers with the order object itself").isEmpty();
      return;
    }
    String clientIdField = spec.envelope().items().clientOrderId();
    String orderIdField = spec.envelope().items().orderId();
    assertThat(answer.fields()).contains(clientIdField, orderIdField);

    String body = answer.render(field -> field.equals(clientIdField) ? "bot\"42" : field.equals(orderIdField) ? "9001"
        : null);
    io.github.exchangeresilience.decode.DecodedResponse decoded =
        io.github.exchangeresilience.decode.ResponseDecoder.of(exchange, ErrorCatalog.builtIn()).decode(
            io.github.exchangeresilience.decode.ResponseSnapshot.builder().httpStatus(200)
                .contentType("application/json").body(body).build());

    assertThat(decoded.policyClass()).as(body).isEqualTo(io.github.exchangeresilience.catalog.PolicyClass.SUCCESS);
    assertThat(decoded.bodyShape()).isEqualTo(io.github.exchangeresilience.decode.BodyShape.JSON);
    assertThat(body).contains("\"" + clientIdField + "\":\"bot\\\"42\"", "\"" + orderIdField + "\":\"9001\"");
  }

  @Test
  void noTwoExchangesShareAHost() {
    Set<String> seen = new HashSet<>();
    for (Exchange exchange : Exchange.values()) {
      for (String host : exchange.spec().hosts().all()) {
        assertThat(seen.add(host)).as(host).isTrue();
      }
    }
    assertThat(Exchange.forHost("FAPI.binance.com")).contains(Exchange.BINANCE_USDM);
    assertThat(Exchange.forHost("example.com")).isEmpty();
  }

  @Test
  void aSpecificationLackingAFactDoesNotBuild() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExchangeSpec.builder(Exchange.OKX)
            .hosts(OkxSpec.SPEC.hosts()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("okx's specification lacks its envelope");
  }

  @Test
  void aSpecificationWithoutARateBudgetDoesNotBuild() {
    ExchangeSpec okx = OkxSpec.SPEC;
    ExchangeSpec.Builder withAll = ExchangeSpec.builder(Exchange.OKX).hosts(okx.hosts())
        .envelope(okx.envelope(), okx.decoder()).orders(okx.orders()).lookups(okx.lookups())
        .placementAnswer(okx.placementAnswer()).serverTime(okx.serverTime()).signing(okx.signing())
        .webSocket(okx.webSocket());

    assertThat(withAll.budgets(okx.budgets()).build().budgets()).isEqualTo(okx.budgets());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> withAll.budgets(List.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("okx's specification lacks its budgets");
  }
}
