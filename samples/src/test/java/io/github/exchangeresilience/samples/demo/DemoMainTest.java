package io.github.exchangeresilience.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command runs this; verify keeps it true. */
class DemoMainTest {
  @Test
  void theScriptedSessionMeetsEveryClassAndNeverPlacesAnOrderTwice() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    assertThat(new DemoMain(out).run()).isEmpty();

    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("== Binance USDⓈ-M Futures", "== OKX v5", "== Bybit v5", "== Bitget")
        .contains("fail-fast CIRCUIT_OPEN", "fail-fast REJECTED_KEY", "HTTP 200, REJECTED")
        .contains("okx             53 orders on the exchange, 0 placed twice")
        .contains("== OKX v5 over WebSocket", "placed, found by lookup")
        .containsPattern("then a REST order with that key: refused locally +fail-fast REJECTED_KEY +0 requests")
        .contains("okx              9 WebSocket orders on the exchange, 0 placed twice, 0 fates unlike the book")
        .contains("Every expectation held.");
  }
}
