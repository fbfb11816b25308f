package io.github.exchangeresilience.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Walks every exchange's WebSocket facts and fails on one missing or at odds with its REST facts. */
class WebSocketSpecsTest {
  @ParameterizedTest
  @EnumSource(Exchange.class)
  void everyWebSocketApiIsComplete(Exchange exchange) {
    ExchangeSpec spec = exchange.spec();
    WebSocketApi api = spec.webSocket();

    assertThat(api.urls().live()).startsWith("wss://");
    if (api.urls().testnet() != null) {
      assertThat(api.urls().testnet()).startsWith("wss://");
    }
    WebSocketApi.Requests requests = api.requests();
    assertThat(requests.place()).isNotBlank().isNotEqualTo(requests.cancel());
    assertThat(spec.orders().singlePlacements()).as("a WebSocket placement equals a REST one")
        .contains(requests.restPlacement());
    assertThat(spec.lookups().queries()).as("a lookup reconciles a WebSocket placement")
        .anyMatch(lookup -> lookup.appliesTo(requests.restPlacement()));
    assertThat(api.login() != null || requests.signedOneByOne())
        .as("a connection logs in, or each request is signed").isTrue();
    assertThat(api.keepAlive().interval()).isPositive();
    if (api.keepAlive().maxConnectionAge() != null) {
      assertThat(api.keepAlive().maxConnectionAge()).isGreaterThan(api.keepAlive().interval());
    }
    assertThat(api.frames().kindFields().isEmpty()).as("frames without an event field carry a status")
        .isEqualTo(api.frames().statusField() != null);
    assertThat(spec.signing().timestampHeader() != null || requests.headerField() == null)
        .as("a request header carries the signing timestamp header").isTrue();
  }
}
