package io.github.exchangeresilience.okhttp.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class ServerTimeSyncTest {
  private static long parse(Exchange exchange, String json) {
    return ServerTimeSync.parseServerTime(exchange, json.getBytes(StandardCharsets.UTF_8)).orElse(-1);
  }

  @Test
  void readsEachExchangesDocumentedServerTimeAnswer() {
    assertThat(parse(Exchange.BINANCE_USDM, "{\"serverTime\":1499827319559}")).isEqualTo(1499827319559L);
    assertThat(parse(Exchange.OKX, "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"ts\":\"1597026383085\"}]}"))
        .isEqualTo(1597026383085L);
    assertThat(parse(Exchange.BYBIT, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"timeSecond\":\"1688639403\","
        + "\"timeNano\":\"1688639403423213947\"},\"retExtInfo\":{},\"time\":1688639403423}"))
        .isEqualTo(1688639403423L);
    assertThat(parse(Exchange.BYBIT, "{\"retCode\":0,\"result\":{},\"time\":1688639403420}"))
        .isEqualTo(1688639403420L);
    assertThat(parse(Exchange.BITGET, "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1688008631614,"
        + "\"data\":{\"serverTime\":\"1688008631614\"}}")).isEqualTo(1688008631614L);
  }

  @Test
  void anUnexpectedAnswerGivesNoTime() {
    assertThat(parse(Exchange.BINANCE_USDM, "{\"code\":-1003,\"msg\":\"Too many requests.\"}")).isEqualTo(-1);
    assertThat(parse(Exchange.OKX, "{\"code\":\"0\",\"data\":[]}")).isEqualTo(-1);
    assertThat(parse(Exchange.BITGET, "<html>busy</html>")).isEqualTo(-1);
  }

  @Test
  void aFailedFetchKeepsTheOffsetAndTheLastHostIsUsed() {
    ServerTimeSync sync = ServerTimeSync.forExchange(Exchange.OKX);
    // Nothing listens on port 9 of loopback (discard): the fetch fails, and the call goes on.
    sync.observe(HttpUrl.get("http://127.0.0.1:9/api/v5/trade/order?x=1"));
    sync.resync(Exchange.OKX);
    assertThat(sync.offset()).isEqualTo(Duration.ZERO);
    assertThat(sync.clock().millis()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5000L));
  }
}
