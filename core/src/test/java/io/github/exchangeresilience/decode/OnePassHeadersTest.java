package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.exchange.RateLimitHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A decoder reads the rate-limit headers of an answer whose headers come as a list ({@link HeaderList}, as OkHttp's)
 * in one pass. The oracle is the same headers asked name by name through a plain {@link HeaderLookup}, each lookup
 * taking the last value of its name, ignoring case, as OkHttp's does: for random lists of the names the exchanges'
 * specifications read, in any case, repeated with other values, beside names of the same lengths and other headers,
 * both must be decided alike, hints included.
 */
class OnePassHeadersTest {
  private static final ErrorCatalog CATALOG = ErrorCatalog.builtIn();
  private static final Map<Exchange, String> RATE_LIMITED = Map.of(
      Exchange.BINANCE_USDM, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1659146268000.\"}",
      Exchange.OKX, "{\"code\":\"50011\",\"msg\":\"Rate limit reached. Please refer to API documentation.\",\"data\":[]}",
      Exchange.BYBIT, "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"retExtInfo\":{},\"time\":1}",
      Exchange.BITGET, "{\"code\":\"429\",\"msg\":\"Too Many Requests\",\"requestTime\":1,\"data\":null}");
  private static final List<String> VALUES = List.of("0", "2400", " 7 ", "-3", "", "1e9", "abc",
      "99999999999999999999999", "1711001595208");

  @Test
  void oneReadOfTheListFindsWhatLookupsByNameFind() {
    List<String> names = names();
    Random random = new Random(20261202);
    int compared = 0;
    for (Map.Entry<Exchange, String> answer : RATE_LIMITED.entrySet()) {
      byte[] body = answer.getValue().getBytes(StandardCharsets.UTF_8);
      ResponseDecoder repeating = ResponseDecoder.of(answer.getKey(), CATALOG);
      for (int i = 0; i < 1_500; i++) {
        List<String[]> headers = new ArrayList<>();
        for (int n = random.nextInt(30); n > 0; n--) {
          headers.add(new String[] {anyCase(names.get(random.nextInt(names.size())), random),
              VALUES.get(random.nextInt(VALUES.size()))});
        }
        int status = random.nextBoolean() ? 429 : 418;
        String what = answer.getKey() + " " + status + " " + show(headers);
        DecodedResponse byName = ResponseDecoder.of(answer.getKey(), CATALOG).decode(snapshot(status, byName(headers),
            body));
        DecidedAlike.assertDecidedAlike(ResponseDecoder.of(answer.getKey(), CATALOG).decode(snapshot(status,
            asList(headers), body)), byName, what);
        // A repeat of the last answer is decided without a parser, its hints read again from its headers.
        DecidedAlike.assertDecidedAlike(repeating.decode(snapshot(status, asList(headers), body)), byName, what);
        compared += 2;
      }
    }
    assertThat(compared).isEqualTo(12_000);
  }

  @Test
  void binancesReadingsAreFoundWhereverTheyStandAmongTwentyFiveHeaders() {
    List<String[]> headers = new ArrayList<>();
    for (String common : List.of("Content-Type", "Content-Length", "Connection", "Date", "Server", "x-mbx-uuid")) {
      headers.add(new String[] {common, "x"});
    }
    headers.add(new String[] {"x-mbx-used-weight-1m", "2401"});
    headers.add(new String[] {"X-MBX-ORDER-COUNT-10S", "3"});
    headers.add(new String[] {"retry-after", "12"});
    for (int n = 0; n < 16; n++) {
      headers.add(new String[] {"X-Other-" + n, "y"});
    }
    DecodedResponse decoded = ResponseDecoder.of(Exchange.BINANCE_USDM, CATALOG).decode(snapshot(429,
        asList(headers), RATE_LIMITED.get(Exchange.BINANCE_USDM).getBytes(StandardCharsets.UTF_8)));

    assertThat(decoded.hints().used()).containsOnly(Map.entry("weight-1m", 2401L), Map.entry("orders-10s", 3L));
    assertThat(decoded.hints().retryAfter()).isEqualTo(java.time.Duration.ofSeconds(12));
  }

  /** Every name a specification reads, a name of the same length beside each, and common headers. */
  private static List<String> names() {
    // Beyond ASCII, the dotless i and the Kelvin sign equal i and k ignoring case, as String.equalsIgnoreCase says.
    Set<String> names = new LinkedHashSet<>(List.of("Retry-After", "Retry-Aftex", "Content-Type", "Date",
        "X-Response-Time", "X-Bap\u0131-L\u0131m\u0131t", "X-B\u00e4pi-Limit", "X-Bapi-Limit-Reset-T\u0131mestamp",
        "X-MBX-ORDER-COUNT-1\u212a"));
    for (Exchange exchange : Exchange.values()) {
      RateLimitHeaders wanted = exchange.spec().rateLimitHeaders();
      List<String> read = new ArrayList<>(wanted.used().keySet());
      read.addAll(wanted.remaining().keySet());
      read.addAll(wanted.limits().keySet());
      if (wanted.windowResetHeader() != null) {
        read.add(wanted.windowResetHeader());
      }
      for (String name : read) {
        names.add(name);
        names.add(name.substring(0, name.length() - 1) + (name.endsWith("Z") ? "Y" : "Z"));
      }
    }
    return new ArrayList<>(names);
  }

  private static String anyCase(String name, Random random) {
    StringBuilder cased = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      cased.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return cased.toString();
  }

  /** Looked up name by name: the last value of the name, ignoring case, as OkHttp's {@code Headers.get}. */
  private static HeaderLookup byName(List<String[]> headers) {
    return name -> {
      for (int i = headers.size() - 1; i >= 0; i--) {
        if (headers.get(i)[0].equalsIgnoreCase(name)) {
          return headers.get(i)[1];
        }
      }
      return null;
    };
  }

  private static HeaderList asList(List<String[]> headers) {
    return new HeaderList() {
      @Override
      public int size() {
        return headers.size();
      }

      @Override
      public String name(int index) {
        return headers.get(index)[0];
      }

      @Override
      public String value(int index) {
        return headers.get(index)[1];
      }
    };
  }

  private static ResponseSnapshot snapshot(int status, HeaderLookup headers, byte[] body) {
    return ResponseSnapshot.builder().httpStatus(status).headers(headers).contentType("application/json")
        .body(body, true).build();
  }

  private static String show(List<String[]> headers) {
    StringBuilder shown = new StringBuilder();
    headers.forEach(header -> shown.append(header[0]).append('=').append(header[1]).append("; "));
    return shown.toString();
  }
}
