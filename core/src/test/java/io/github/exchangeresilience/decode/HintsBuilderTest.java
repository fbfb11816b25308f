package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readings collected one header at a time: a malformed one is passed over without losing those read before it. Through
 * a decoder the order of the readings is the specification's map's, which varies from one JVM to the next; here it is
 * fixed.
 */
class HintsBuilderTest {
  @Test
  void aMalformedReadingKeepsTheReadingsBeforeIt() {
    RateLimitHints hints = new HintsBuilder()
        .used("weight-1m", "1201").used("orders-10s", "many")
        .remaining("requests", "7").remaining("orders", "")
        .limit("requests", "20").limit("orders", "-1")
        .build();

    assertThat(hints.used()).isEqualTo(Map.of("weight-1m", 1201L));
    assertThat(hints.remaining()).isEqualTo(Map.of("requests", 7L));
    assertThat(hints.limits()).isEqualTo(Map.of("requests", 20L));
  }
}
