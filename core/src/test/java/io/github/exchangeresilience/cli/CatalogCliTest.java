package io.github.exchangeresilience.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.CatalogFiles;
import io.github.exchangeresilience.catalog.Exchange;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCliTest {
  private static final Path SOURCES = Path.of("src/main/catalog-sources");
  private static final Path DATA = Path.of("src/main/resources/io/github/exchangeresilience/catalog");

  /** One run's exit status and output. */
  private record Run(int status, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = CatalogCli.run(args,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void explainPrintsEverythingKnownOfACode() {
    Run run = run("explain", "okx", "50011");

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.lines()).containsExactly(
        "OKX v5 50011",
        "  class:     RATE_LIMITED",
        "  rule:      any.rate-limited: Too many requests or orders, too frequent, rate limit exceeded: refused for "
            + "rate, not executed",
        "  http:      429",
        "  name:      -",
        "  section:   General Class",
        "  source:    001_fbebf5cfef146b6b.txt (okx-public) and 005_b4b72ecf15d95f17.txt (okx-rest-public), REST",
        "  messages:",
        "    en: Requests too frequent.",
        "    en: Rate limit reached. Please refer to API documentation and throttle requests accordingly.",
        "    en: Too Many Requests",
        "    zh: 用户请求频率过快，超过该接口允许的限额。请参考 API 文档并限制请求",
        "    zh: 请求频率太高");
  }

  @Test
  void explainShowsNamesVariantsInBothLanguagesAndDocumentedHttpStatuses() {
    Run binance = run("explain", "binance-usdm", "-1003");
    Run bybit = run("explain", "bybit", "403");

    assertThat(binance.out()).contains("  name:      TOO_MANY_REQUESTS", "    en: Way too many requests; IP banned",
        "    zh: 请求权重过多； IP被禁止，直到％s。", "  section:   10xx - 常规服务器或网络问题");
    assertThat(bybit.status()).isZero();
    assertThat(bybit.out()).startsWith("Bybit v5 HTTP status 403\n  class:     RATE_LIMITED\n");
  }

  @Test
  void explainTracesACodeOfAnAddedPageToItsPageAndRule() {
    Run spot = run("explain", "bybit", "170146");
    Run status = run("explain", "binance-usdm", "503");

    assertThat(spot.lines()).containsExactly(
        "Bybit v5 170146",
        "  class:     EXECUTION_UNKNOWN",
        "  rule:      any.execution-unknown: A timeout, an unknown error or a system, server or internal error: the "
            + "request may have executed, reconcile before any resend",
        "  http:      -",
        "  name:      -",
        "  section:   Spot Trade",
        "  source:    007_1a48aed7adc7fb9b.txt (bybit-table), REST",
        "  messages:",
        "    en: Order creation timeout",
        "    zh: 下單超時");
    assertThat(status.out()).startsWith("Binance USDⓈ-M Futures HTTP status 503\n  class:     UNAVAILABLE\n"
        + "  rule:      binance-usdm.http-503: General Info: a 503's message decides").contains(
        "  source:    008_ab1b6d4eea26cf1d.txt (binance-usdm-general-info), REST");
  }

  @Test
  void reviewListsOnlyCodesRejectedByDefaultWhoseTextCallsForALook() {
    Run run = run("review", "okx");

    assertThat(run.status()).isZero();
    assertThat(run.lines().get(0)).isEqualTo("exchange\tcode\trule\tphrase\tmessage");
    assertThat(run.lines()).hasSizeGreaterThan(10)
        .contains("okx\t50039\tokx.default\ttimestamp\tParameter \"before\" isn't supported for timestamp "
            + "pagination")
        .noneMatch(line -> line.startsWith("okx\t50061\t") || line.startsWith("okx\t51290\t"));
    assertThat(run.lines().subList(1, run.lines().size())).allSatisfy(line ->
        assertThat(line.split("\t", -1)).hasSize(5).satisfies(cells -> assertThat(cells[2]).isEqualTo("okx.default")));
  }

  @Test
  void listTsvHasAHeaderAndOneRowOfSixColumnsPerEntry() {
    Run run = run("list", "--format", "tsv");

    assertThat(run.status()).isZero();
    assertThat(run.lines()).hasSize(1 + 1673);
    assertThat(run.lines().get(0)).isEqualTo("exchange\tcode\tcategory\thttp_status\tname\tmessage");
    assertThat(run.lines()).allSatisfy(line -> assertThat(line.split("\t", -1)).hasSize(6));
    assertThat(run.lines()).contains(
        "binance-usdm\t-1003\tRATE_LIMITED\t\tTOO_MANY_REQUESTS\tToo many requests; current limit is %s requests per "
            + "minute. Please use the websocket for live updates to avoid polling the API.",
        "okx\t50011\tRATE_LIMITED\t429\t\tRequests too frequent.",
        "bybit\t403\tRATE_LIMITED\t403\t\tForbidden request. Possible causes: 1. IP rate limit breached; 2. You send "
            + "GET request with an empty json body",
        "bitget\t25220\tREJECTED\t\t\t未找到描述");
  }

  @Test
  void listOfOneExchangeDefaultsToTsv() {
    Run run = run("list", "bitget");

    assertThat(run.lines()).hasSize(1 + 157);
    assertThat(run.lines().subList(1, run.lines().size())).allMatch(line -> line.startsWith("bitget\t"));
  }

  @Test
  void listJsonIsAnArrayOfEveryEntry() throws Exception {
    Run run = run("list", "--format=json");

    assertThat(run.status()).isZero();
    List<String> codes = new ArrayList<>();
    try (JsonParser parser = JsonFactory.builder().build().createParser(run.out())) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        String exchange = null;
        String code = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          switch (field) {
            case "exchange" -> exchange = parser.getText();
            case "code" -> code = parser.getText();
            default -> parser.skipChildren();
          }
        }
        codes.add(exchange + " " + code);
      }
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_ARRAY);
    }
    assertThat(codes).hasSize(1673).contains("okx 59130", "bybit 403", "bitget 429", "binance-usdm -1015", "okx 50061",
        "binance-usdm 503");
    assertThat(run.out()).contains("{\"exchange\":\"okx\",\"code\":\"50011\",\"kind\":\"CODE\","
        + "\"category\":\"RATE_LIMITED\",\"http_status\":429,\"name\":null,\"message\":\"Requests too frequent.\"");
  }

  @Test
  void badUsageUnknownExchangesAndUnknownCodesExitWithStatusTwo() {
    assertThat(run("explain", "kraken", "1")).satisfies(run -> {
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.err()).contains("unknown exchange 'kraken'");
      assertThat(run.out()).isEmpty();
    });
    assertThat(run("explain", "okx", "99999")).satisfies(run -> {
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.err()).contains("okx documents no code 99999");
    });
    assertThat(run("explain", "okx").status()).isEqualTo(2);
    assertThat(run("list", "okx", "bybit").status()).isEqualTo(2);
    assertThat(run("list", "--format", "xml").err()).contains("unknown format 'xml'");
    assertThat(run("list", "--colour", "red").status()).isEqualTo(2);
    assertThat(run("list", "--format").status()).isEqualTo(2);
    assertThat(run("frobnicate").err()).contains("unknown command 'frobnicate'", "Usage:");
    assertThat(run("import", "okx").status()).isEqualTo(2);
  }

  @Test
  void helpPrintsUsageAndNoArgumentsIsAUsageError() {
    assertThat(run("help").out()).startsWith("Usage:").contains("explain <exchange> <code>", "list [<exchange>]",
        "import <exchange> <file>");
    assertThat(run("help").status()).isZero();
    Run none = run();
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err()).startsWith("no command given").contains("Usage:", "explain <exchange> <code>");
    assertThat(none.out()).isEmpty();
  }

  @Test
  void importWritesTheDataFileAndPrintsTheChanges(@TempDir Path directory) throws Exception {
    String page = Files.readString(SOURCES.resolve("002_ec6e6d16ed8c7874.txt"))
        .replace("10018Exceeded the IP Rate Limit.\n", "")
        .replace("10016Server error.", "10016Server error, the request may have executed.")
        .replace("10017Route not found.", "10017Route not found.\n10019Too many visits from this UID.");
    Path newer = Files.writeString(directory.resolve("bybit-newer.html"), page);
    Path out = directory.resolve("data");

    Run run = run("import", "bybit", newer.toString(), "--out", out.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.lines()).containsExactly(
        "Read bybit-newer.html as bybit: 110 entries, compared with the 110 of the built-in catalog.",
        "~ 10016 message changed",
        "    - en: Server error.",
        "    + en: Server error, the request may have executed.",
        "+ 10019 added: RATE_LIMITED (any.rate-limited) \"Too many visits from this UID.\"",
        "- 10018 removed: \"Exceeded the IP Rate Limit.\"",
        "1 added, 1 removed, 1 changed",
        "Wrote " + out.resolve("bybit.json") + " (730 entries).");
    List<CatalogEntry> written;
    try (InputStream in = Files.newInputStream(out.resolve("bybit.json"))) {
      written = CatalogFiles.read(in);
    }
    List<CatalogEntry> fromPage = written.stream()
        .filter(entry -> entry.documentKind().orElseThrow().equals("bybit"))
        .toList();
    assertThat(fromPage).extracting(CatalogEntry::code).contains("10019").doesNotContain("10018");
    assertThat(fromPage).hasSize(110).allMatch(entry -> entry.source().equals("bybit-newer.html"));
    assertThat(written).as("the other Bybit page's lines are kept").hasSize(110 + 620);

    Run again = run("import", "bybit", newer.toString(), "--out", out.toString());

    assertThat(again.lines()).as("compared with the file it wrote").startsWith(
        "Read bybit-newer.html as bybit: 110 entries, compared with the 110 of " + out.resolve("bybit.json") + ".",
        "0 added, 0 removed, 0 changed");
  }

  @Test
  void importOfOneOkxPageKeepsTheOtherPagesCodes(@TempDir Path directory) throws Exception {
    Path newer = Files.writeString(directory.resolve("copy.txt"),
        Files.readString(SOURCES.resolve("000_f5852d447b902268.txt")).replace("59285 | 200 | You haven't led",
            "59285 | 200 | You have not led"));

    Run run = run("import", "okx", newer.toString(), "--out", directory.toString());

    assertThat(run.lines()).containsExactly(
        "Read copy.txt as okx-copy-trading: 38 entries, compared with the 38 of the built-in catalog.",
        "~ 59285 message changed",
        "    - en: You haven't led or copied any trades yet",
        "    + en: You have not led or copied any trades yet",
        "0 added, 0 removed, 1 changed",
        "Wrote " + directory.resolve("okx.json") + " (915 entries).");
  }

  @Test
  void importOfAnotherExchangesPageOrAMissingFileFails(@TempDir Path directory) {
    Run wrongExchange = run("import", "okx", SOURCES.resolve("003_9b41f529b0a4a7fa.txt").toString(),
        "--out", directory.toString());
    Run missing = run("import", "okx", directory.resolve("nope.txt").toString(), "--out", directory.toString());

    assertThat(wrongExchange.status()).isEqualTo(2);
    assertThat(wrongExchange.err()).contains("is a Bitget page (bitget-websocket), not okx");
    assertThat(directory.resolve("okx.json")).doesNotExist();
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("failed: " + directory.resolve("nope.txt") + ": no such file or directory"
        + System.lineSeparator());
  }

  @Test
  void regenerateWritesEveryDataFileAsCheckedIn(@TempDir Path directory) throws Exception {
    Run run = run("regenerate", SOURCES.toString(), "--out", directory.toString());

    assertThat(run.status()).as(run.err()).isZero();
    for (Exchange exchange : Exchange.values()) {
      String fileName = CatalogFiles.fileName(exchange);
      assertThat(directory.resolve(fileName)).hasSameBinaryContentAs(DATA.resolve(fileName));
    }
  }
}
