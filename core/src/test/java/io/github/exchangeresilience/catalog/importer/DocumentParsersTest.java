package io.github.exchangeresilience.catalog.importer;

import static io.github.exchangeresilience.catalog.LocalizedMessage.en;
import static io.github.exchangeresilience.catalog.LocalizedMessage.zh;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import io.github.exchangeresilience.catalog.Transport;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentParsersTest {
  private static final CatalogImporter IMPORTER = CatalogImporter.withBuiltInRules();

  private static List<CatalogEntry> read(String fileName) {
    return IMPORTER.read(Sources.document(fileName));
  }

  private static CatalogEntry entry(String fileName, String code) {
    return read(fileName).stream()
        .filter(entry -> entry.kind() == EntryKind.CODE && entry.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new AssertionError(code + " not in " + fileName));
  }

  @ParameterizedTest
  @CsvSource({
      Sources.OKX_COPY_TRADING + ", OKX_COPY_TRADING, 38",
      Sources.OKX_PUBLIC + ", OKX_PUBLIC, 336",
      Sources.BYBIT + ", BYBIT, 106",
      Sources.BITGET + ", BITGET_WEBSOCKET, 157",
      Sources.BINANCE + ", BINANCE_USDM, 197"})
  void everyDocumentYieldsItsDistinctCodesOnce(String fileName, DocumentFormat format, int codes) {
    SourceDocument document = Sources.document(fileName);

    List<CatalogEntry> entries = IMPORTER.read(document);

    assertThat(DocumentFormat.detect(document.text())).isEqualTo(format);
    assertThat(entries.stream().filter(entry -> entry.kind() == EntryKind.CODE)).hasSize(codes);
    assertThat(entries.stream().map(entry -> entry.kind() + entry.code()).distinct()).hasSize(entries.size());
    assertThat(entries).allSatisfy(entry -> {
      assertThat(entry.exchange()).isEqualTo(format.exchange());
      assertThat(entry.source()).isEqualTo(fileName);
      assertThat(entry.documentKind()).contains(format.id());
      assertThat(entry.messages()).isNotEmpty();
      assertThat(entry.section()).isPresent();
    });
  }

  /** The pages added beyond the seeds: distinct codes per transport and kind, as each page lists them. */
  @ParameterizedTest
  @CsvSource({
      Sources.OKX_REST_PUBLIC + ", OKX_REST_PUBLIC, 513, 0, 0",
      Sources.OKX_WEBSOCKET_PUBLIC + ", OKX_WEBSOCKET_PUBLIC, 0, 28, 0",
      Sources.BYBIT_TABLE + ", BYBIT_TABLE, 608, 7, 5",
      Sources.BINANCE_GENERAL_INFO + ", BINANCE_USDM_GENERAL_INFO, 1, 0, 5"})
  void everyAddedPageYieldsItsDistinctCodesOnce(String fileName, DocumentFormat format, int restCodes,
      int webSocketCodes, int httpStatuses) {
    SourceDocument document = Sources.document(fileName);

    List<CatalogEntry> entries = IMPORTER.read(document);

    assertThat(DocumentFormat.detect(document.text())).isEqualTo(format);
    assertThat(entries).filteredOn(entry -> entry.kind() == EntryKind.CODE && entry.transport() == Transport.REST)
        .hasSize(restCodes);
    assertThat(entries).filteredOn(entry -> entry.transport() == Transport.WEBSOCKET).hasSize(webSocketCodes);
    assertThat(entries).filteredOn(entry -> entry.kind() == EntryKind.HTTP_STATUS).hasSize(httpStatuses);
    assertThat(entries.stream().map(entry -> entry.kind() + " " + entry.transport() + " " + entry.code()).distinct())
        .hasSize(entries.size());
    assertThat(entries).allSatisfy(entry -> {
      assertThat(entry.exchange()).isEqualTo(format.exchange());
      assertThat(entry.source()).isEqualTo(fileName);
      assertThat(entry.documentKind()).contains(format.id());
      assertThat(entry.section()).isPresent();
      if (!(format == DocumentFormat.OKX_REST_PUBLIC && entry.code().equals("0"))) { // listed without a message
        assertThat(entry.messages()).as(entry.toString()).isNotEmpty();
      }
      assertThat(entry.messages()).allSatisfy(message ->
          assertThat(message.text()).doesNotContain("**", "](", "\\", "~~").isEqualTo(message.text().strip()));
    });
  }

  @Test
  void okxRestPublicFoldsSubCodesIntoTheCodeTheExchangeAnswersWith() {
    CatalogEntry entry = entry(Sources.OKX_REST_PUBLIC, "51008");

    assertThat(read(Sources.OKX_REST_PUBLIC)).noneMatch(each -> each.code().contains("_"));
    assertThat(entry.englishMessages()).hasSize(16).startsWith("Order failed. Insufficient {param0} balance in account",
        "Order failed. Insufficient {param0} margin in account");
    assertThat(entry.messages()).contains(zh("委托失败，账户 {param0} 可用保证金不足"));
    assertThat(entry.section()).contains("Trade Class");
  }

  @Test
  void okxRestPublicKeepsTheFirstOfTwoStatusesContinuedMessagesAndCodesWithoutOne() {
    CatalogEntry rateLimit = entry(Sources.OKX_REST_PUBLIC, "50011");

    assertThat(rateLimit.httpStatus()).as("listed under 200, then 429").contains(200);
    assertThat(rateLimit.messages()).containsExactly(
        en("Rate limit reached. Please refer to API documentation and throttle requests accordingly."),
        en("Too Many Requests"), zh("用户请求频率过快，超过该接口允许的限额。请参考 API 文档并限制请求"), zh("请求频率太高"));
    assertThat(entry(Sources.OKX_REST_PUBLIC, "50071").messages())
        .containsExactly(en("{param} already exists e.g. clOrdId already exists"), zh("{param} 已存在 e.g. clOrdId 已存在"));
    assertThat(entry(Sources.OKX_REST_PUBLIC, "0").messages()).isEmpty();
    assertThat(entry(Sources.OKX_REST_PUBLIC, "0").httpStatus()).contains(200);
    assertThat(entry(Sources.OKX_REST_PUBLIC, "50061").message())
        .isEqualTo("You've reached the maximum order rate limit for this account.");
    assertThat(entry(Sources.OKX_REST_PUBLIC, "52000").section()).contains("Data class");
    assertThat(entry(Sources.OKX_REST_PUBLIC, "51008_1009".substring(0, 5)).messages())
        .contains(en("Order failed. Insufficient account balance, and the adjusted equity in USD is less than IMR "
            + "(Portfolio margin mode can try IOC orders to lower the risks)"));
  }

  @Test
  void okxWebSocketPageHoldsWebSocketCodesAndNoCloseFrames() {
    List<CatalogEntry> entries = read(Sources.OKX_WEBSOCKET_PUBLIC);

    assertThat(entries).allMatch(entry -> entry.transport() == Transport.WEBSOCKET && entry.httpStatus().isEmpty());
    assertThat(entries).extracting(CatalogEntry::code).doesNotContain("1009", "4001", "4009")
        .startsWith("60004", "60005").endsWith("64008");
    assertThat(entry(Sources.OKX_WEBSOCKET_PUBLIC, "60006").messages())
        .containsExactly(en("Timestamp request expired"), zh("请求时间戳过期"));
  }

  @Test
  void bybitTableReadsHttpWebSocketLinkedAndNegativeCodesAndSkipsStruckOnes() {
    List<CatalogEntry> entries = read(Sources.BYBIT_TABLE);

    assertThat(entries).filteredOn(entry -> entry.kind() == EntryKind.HTTP_STATUS).extracting(CatalogEntry::code)
        .containsExactly("400", "401", "403", "404", "429");
    assertThat(entries).filteredOn(entry -> entry.transport() == Transport.WEBSOCKET).extracting(CatalogEntry::code)
        .containsExactly("10404", "10429", "10003", "10016", "10019", "20003", "20006");
    assertThat(entries).filteredOn(entry -> entry.transport() == Transport.REST && entry.kind() == EntryKind.CODE)
        .extracting(CatalogEntry::code)
        .contains("-1", "-2015", "429", "10003", "170146", "34022094")
        .doesNotContain("10018", "110016", "110030", "110075", "140002", "3500405");
    assertThat(entries).filteredOn(entry -> entry.code().equals("10003"))
        .extracting(CatalogEntry::message)
        .containsExactly("Too many sessions under the same UID", "API key is invalid. Check whether the key and "
            + "domain are matched, there are 4 env: mainnet, testnet, mainnet-demo, testnet-demo");
    assertThat(entry(Sources.BYBIT_TABLE, "110003").messages())
        .containsExactly(en("Order price exceeds the allowable range."), zh("訂單價格超出允許範圍。"));
    assertThat(entry(Sources.BYBIT_TABLE, "170146").messages()).containsExactly(en("Order creation timeout"), zh("下單超時"));
    assertThat(entry(Sources.BYBIT_TABLE, "170146").section()).contains("Spot Trade");
  }

  @Test
  void bybitTableMessagesMatchTheRenderedSeedPageWhereTheyAgree() {
    CatalogEntry badRequest = read(Sources.BYBIT_TABLE).stream()
        .filter(entry -> entry.kind() == EntryKind.HTTP_STATUS && entry.code().equals("400"))
        .findFirst().orElseThrow();
    CatalogEntry seed = read(Sources.BYBIT).stream()
        .filter(entry -> entry.kind() == EntryKind.HTTP_STATUS && entry.code().equals("400"))
        .findFirst().orElseThrow();

    assertThat(badRequest.englishMessages()).isEqualTo(seed.englishMessages());
  }

  @Test
  void binanceGeneralInfoGivesEachStatusItsMeaningOr503ItsQuotedMessages() {
    List<CatalogEntry> entries = read(Sources.BINANCE_GENERAL_INFO);

    assertThat(entries).extracting(entry -> entry.kind() + " " + entry.code())
        .containsExactly("HTTP_STATUS 403", "HTTP_STATUS 408", "HTTP_STATUS 429", "HTTP_STATUS 418",
            "HTTP_STATUS 503", "CODE -1008");
    assertThat(entries.get(0).messages()).containsExactly(
        en("HTTP 403 return code is used when the WAF Limit (Web Application Firewall) has been violated."));
    assertThat(entries.get(4).englishMessages()).containsExactly(
        "Unknown error, please check your request or try again later.", "Service Unavailable.",
        "Internal error; unable to process your request. Please try again.",
        "Request throttled by system-level protection. Reduce-only/close-position orders are exempt. Please try "
            + "again.");
    assertThat(entries.get(5).httpStatus()).contains(503);
    assertThat(entries).allMatch(entry -> entry.section().orElseThrow().equals("HTTP Return Codes"));
  }

  @Test
  void aSavedPageIsToldByThePageItsFrontMatterNamesElseByItsRows() {
    String copyTradingRows = "# Copy trading\n\nError Code | HTTP Status Code | Error Message\n---|---|---\n"
        + "59128 | 200 | One\n";

    assertThat(DocumentFormat.detect("---\nanchor_id: error-code-rest-api-public\n---\n" + copyTradingRows))
        .isEqualTo(DocumentFormat.OKX_REST_PUBLIC);
    assertThat(DocumentFormat.detect("---\nanchor_id: error-code-rest-api-copy-trading\n---\n" + copyTradingRows))
        .isEqualTo(DocumentFormat.OKX_COPY_TRADING);
    assertThat(DocumentFormat.detect(copyTradingRows)).isEqualTo(DocumentFormat.OKX_COPY_TRADING);
    assertThat(DocumentFormat.detect("---\nsource_url: https://bybit-exchange.github.io/docs/v5/error\n---\n"
        + "## UTA\n\nCode| Description\n---|---\n10006| Too many visits.\n"))
        .isEqualTo(DocumentFormat.BYBIT_TABLE);
  }

  @Test
  void bybitDocumentsFourHttpStatusesBesideItsCodes() {
    List<CatalogEntry> statuses = read(Sources.BYBIT).stream()
        .filter(entry -> entry.kind() == EntryKind.HTTP_STATUS)
        .toList();

    assertThat(statuses).extracting(CatalogEntry::code).containsExactly("400", "401", "403", "404");
    assertThat(statuses.get(2).httpStatus()).contains(403);
    assertThat(statuses.get(2).message()).startsWith("Forbidden request. Possible causes: 1. IP rate limit breached");
    assertThat(statuses.get(2).section()).contains("HTTP Code");
  }

  @Test
  void okxCopyTradingKeepsBothLanguagesAndBothVariantsOf59130() {
    CatalogEntry entry = entry(Sources.OKX_COPY_TRADING, "59130");

    assertThat(entry.messages()).containsExactly(
        en("If an asset’s balance is < 1 USD, it can only repay borrowings of the same crypto."),
        en("The highest take profit level is {num}%. Enter a smaller number and try again."),
        zh("当资产 < 1 USD 时，仅支持用于偿还相同币种的借币"),
        zh("最高止盈比例为 {num}%，请重新输入"));
    assertThat(entry.httpStatus()).contains(200);
    assertThat(entry.section()).contains("Copy trading");
    assertThat(entry.transport()).isEqualTo(Transport.REST);
    assertThat(entry(Sources.OKX_COPY_TRADING, "59292").messages())
        .containsExactly(en("This lead trader only supports smart sync mode."), zh("该带单交易员未开启自定义跟单模式"));
  }

  @Test
  void okxPublicJoinsWrappedMessagesWithSpaces() {
    assertThat(entry(Sources.OKX_PUBLIC, "50004").messages()).containsExactly(en("Endpoint request timeout (does not "
        + "mean that the request was successful or failed, please check the request result)."));
    assertThat(entry(Sources.OKX_PUBLIC, "58105").message()).isEqualTo("Since your P2P transaction is abnormal, you "
        + "are restricted from making fund transfers. Please transfer funds on our website or app to complete "
        + "identity verification.");
    assertThat(entry(Sources.OKX_PUBLIC, "58105").section()).contains("Funding");
    // The second line of 59106 begins with a space in the page: still one space between the lines.
    assertThat(entry(Sources.OKX_PUBLIC, "59106").message()).isEqualTo("The max available margin corresponding to "
        + "your order tier is {0}. Please adjust your margin and place a new order.");
  }

  @Test
  void okxPublicTakesSectionsFromClassHeadingsAndStatusesFromItsColumn() {
    assertThat(entry(Sources.OKX_PUBLIC, "50011").httpStatus()).contains(429);
    assertThat(entry(Sources.OKX_PUBLIC, "50011").message()).isEqualTo("Requests too frequent.");
    assertThat(entry(Sources.OKX_PUBLIC, "0").section()).contains("General Class");
    assertThat(entry(Sources.OKX_PUBLIC, "50113").section()).contains("API Class");
    assertThat(entry(Sources.OKX_PUBLIC, "52000").section()).contains("Data class");
    assertThat(entry(Sources.OKX_PUBLIC, "54000").section()).contains("Spot/Margin");
    assertThat(entry(Sources.OKX_PUBLIC, "55000").section()).contains("Futures");
    assertThat(entry(Sources.OKX_PUBLIC, "58000").section()).contains("Funding");
    assertThat(entry(Sources.OKX_PUBLIC, "59612").section()).contains("Account");
    assertThat(entry(Sources.OKX_PUBLIC, "51006").message()).isEqualTo("Order price out of the limit.");
  }

  @Test
  void bybitSplitsGluedCodesFromTheirText() {
    assertThat(entry(Sources.BYBIT, "10006").messages())
        .containsExactly(en("Too many visits. Exceeded the API Rate Limit."));
    assertThat(entry(Sources.BYBIT, "3400208").message())
        .isEqualTo("You have unclosed hedge mode or isolated mode USDT perpetual positions");
    assertThat(entry(Sources.BYBIT, "0").message()).isEqualTo("OK");
    assertThat(entry(Sources.BYBIT, "110001").message()).isEqualTo("Order does not exist");
    assertThat(entry(Sources.BYBIT, "3400071").message()).isEqualTo("The net asset is not satisfied");
    assertThat(entry(Sources.BYBIT, "10006").section()).contains("UMA & UTA & Futures of Normal Account");
    assertThat(read(Sources.BYBIT)).noneMatch(entry -> entry.message().toLowerCase().contains("bitget"));
  }

  @Test
  void bitgetUnescapesMarkdownKeepsPlaceholdersAndReadsLanguagePerMessage() {
    assertThat(entry(Sources.BITGET, "40001").message()).isEqualTo("ACCESS_KEY cannot be empty");
    assertThat(entry(Sources.BITGET, "40006").message()).isEqualTo("Invalid ACCESS_KEY");
    assertThat(entry(Sources.BITGET, "25220").messages()).containsExactly(zh("未找到描述"));
    assertThat(entry(Sources.BITGET, "25567").messages())
        .as("a full-width colon does not make a message Chinese")
        .containsExactly(en("Exceeded the maximum quantity of contract orders：{0} {1}"));
    assertThat(entry(Sources.BITGET, "25205").message()).isEqualTo("{0} trading price cannot be below {1}%");
    assertThat(entry(Sources.BITGET, "429").message()).isEqualTo("Too Many Requests");
    assertThat(entry(Sources.BITGET, "429").transport()).isEqualTo(Transport.WEBSOCKET);
    assertThat(entry(Sources.BITGET, "429").section()).contains("WebSocket Error Code");
  }

  @Test
  void binanceKeepsEveryVariantInBothLanguages() {
    assertThat(entry(Sources.BINANCE, "-1003").messages()).containsExactly(
        en("Too many requests; current limit is %s requests per minute. Please use the websocket for live updates "
            + "to avoid polling the API."),
        zh("请求权重过多； 当前限制为每分钟％s请求权重。 请使用websocket进行实时更新，以避免轮询API。"),
        en("Way too many requests; IP banned until %s. Please use the websocket for live updates to avoid bans."),
        zh("请求权重过多； IP被禁止，直到％s。 请使用websocket进行实时更新，以免被禁。"));
    assertThat(entry(Sources.BINANCE, "-1015").messages()).as("the nested, escaped \\* bullet is a variant")
        .containsExactly(en("Too many new orders."), zh("新订单太多。"),
            en("Too many new orders; current limit is %s orders per %s."), zh("新订单太多； 当前限制为每％s ％s个订单。"));
  }

  @Test
  void binanceNamesAndSectionsComeFromTheHeadingsWithoutEscapesOrLinks() {
    assertThat(entry(Sources.BINANCE, "-1003").name()).contains("TOO_MANY_REQUESTS");
    assertThat(entry(Sources.BINANCE, "-1008").name()).contains("Request Throttled");
    assertThat(entry(Sources.BINANCE, "-5026").name()).contains("Exceed_Maximum_Modify_Order_Limit");
    assertThat(entry(Sources.BINANCE, "-1003").section()).contains("10xx - 常规服务器或网络问题");
    assertThat(entry(Sources.BINANCE, "-2019").section()).contains("20xx - Processing Issues");
    assertThat(entry(Sources.BINANCE, "-2010").message()).isEqualTo("NEW_ORDER_REJECTED");
    assertThat(entry(Sources.BINANCE, "-1003").httpStatus()).isEmpty();
  }

  @Test
  void binanceIgnoresTheNavigationAndTableOfContentsAfterTheLastCode() {
    List<CatalogEntry> entries = read(Sources.BINANCE);

    assertThat(entries.get(entries.size() - 1).code()).isEqualTo("-5043");
    assertThat(entries.get(entries.size() - 1).messages()).extracting(LocalizedMessage::text)
        .allMatch(text -> !text.contains("]("));
    assertThat(entries.get(0).code()).isEqualTo("-1000");
  }

  @Test
  void chineseVariantsAreChineseAndEnglishOnesEnglish() {
    List<CatalogEntry> binance = read(Sources.BINANCE);
    String languages = binance.stream()
        .flatMap(entry -> entry.messages().stream())
        .map(LocalizedMessage::language)
        .distinct()
        .sorted()
        .collect(Collectors.joining(","));

    assertThat(languages).isEqualTo("en,zh");
    assertThat(binance).flatExtracting(CatalogEntry::englishMessages)
        .noneMatch(text -> text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
            == Character.UnicodeScript.HAN));
    assertThat(entry(Sources.BINANCE, "-4115").messages()).contains(zh("clientTranId重复"));
  }

  @Test
  void formatIsToldFromContentNotFileName() {
    SourceDocument renamed = new SourceDocument("okx-page.md", Sources.document(Sources.BYBIT).text());

    List<CatalogEntry> entries = IMPORTER.read(renamed);

    assertThat(entries).allMatch(entry -> entry.exchange() == Exchange.BYBIT && entry.source().equals("okx-page.md"));
  }
}
