package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.Transport;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of error-code page the importer reads. An exchange may publish several (OKX has four); the kind is recorded
 * on every entry as {@link CatalogEntry#documentKind()}, and the declaration order here is the order of the kinds in
 * an exchange's data file.
 */
public enum DocumentFormat {
  /** OKX copy trading: front matter, then one markdown table in English and one in Chinese. */
  OKX_COPY_TRADING("okx-copy-trading", Exchange.OKX, Transport.REST, new OkxCopyTradingParser(),
      "^\\d+ *\\| *\\d{3} *\\|", null),
  /** OKX public codes: {@code message<TAB>http status<TAB>code} under class headings, messages wrapping. */
  OKX_PUBLIC("okx-public", Exchange.OKX, Transport.REST, new OkxPublicParser(), "^[^\\t\\n]+\\t\\d{3}\\t\\d+[ \\t]*$",
      null),
  /** OKX's REST public page, markdown rendering: {@code code | status | message} tables, sub-codes, two languages. */
  OKX_REST_PUBLIC("okx-rest-public", Exchange.OKX, Transport.REST, new OkxMarkdownParser(),
      "^\\d+(?:_\\d+)? *\\| *\\d{3} *\\|", "error-code-rest-api-public"),
  /** OKX's WebSocket public page (60000-64002) in its markdown rendering: {@code code | message} tables. */
  OKX_WEBSOCKET_PUBLIC("okx-websocket-public", Exchange.OKX, Transport.WEBSOCKET, new OkxMarkdownParser(),
      "^\\d+ *\\| *[^|\\n]*$", "error-code-websocket-public"),
  /** Bybit v5: an HTTP-code section, then codes glued to their text: {@code 10006Too many visits...}. */
  BYBIT("bybit", Exchange.BYBIT, Transport.REST, new BybitParser(), "^\\d{5,7}[A-Za-z][^\\t|\\n]*$", null),
  /** Bybit v5 in its markdown rendering: {@code code| description} tables per section, HTTP and WebSocket ones too. */
  BYBIT_TABLE("bybit-table", Exchange.BYBIT, Transport.REST, new BybitTableParser(),
      "^(?:-?\\d+|\\[\\d+\\]\\([^)]*\\)|~~\\d+~~) *\\|", "https://bybit-exchange.github.io/docs/v5/error"),
  /** Bitget unified account WebSocket: a two-column markdown table. */
  BITGET_WEBSOCKET("bitget-websocket", Exchange.BITGET, Transport.WEBSOCKET, new BitgetParser(),
      "^\\| *\\d+ *\\|[^|\\n]*\\| *$", null),
  /** Binance USDⓈ-M Futures: {@code ### -1003 TOO\_MANY\_REQUESTS} headings over English and Chinese bullets. */
  BINANCE_USDM("binance-usdm", Exchange.BINANCE_USDM, Transport.REST, new BinanceParser(), "^### -\\d+ ", null),
  /** Binance USDⓈ-M Futures General Info: its "HTTP Return Codes" bullets and the 503 messages quoted under them. */
  BINANCE_USDM_GENERAL_INFO("binance-usdm-general-info", Exchange.BINANCE_USDM, Transport.REST,
      new BinanceGeneralInfoParser(), "^[*+-] +HTTP +`\\d{3}` +return code", null);

  private final String id;
  private final Exchange exchange;
  private final Transport transport;
  private final DocumentParser parser;
  /** A code row as only this format writes it; detection counts them. */
  private final Pattern row;
  /**
   * The page a saved copy names in its front matter ({@code anchor_id} or {@code source_url}), for a format whose rows
   * look like another's: OKX's REST public page is laid out like its copy-trading page. Null for a format told by its
   * rows alone.
   */
  private final String page;

  DocumentFormat(String id, Exchange exchange, Transport transport, DocumentParser parser, String row, String page) {
    this.id = id;
    this.exchange = exchange;
    this.transport = transport;
    this.parser = parser;
    this.row = Pattern.compile(row, Pattern.MULTILINE);
    this.page = page;
  }

  /** The stable id recorded in data files as an entry's {@code document}. */
  public String id() {
    return id;
  }

  public Exchange exchange() {
    return exchange;
  }

  public Transport transport() {
    return transport;
  }

  /**
   * Tells a document's format from its content, never its file name. A saved page whose front matter names a page a
   * format is for ({@code anchor_id: error-code-rest-api-public}, {@code source_url: https://bybit-exchange.github.io
   * /docs/v5/error}) is of that format; any other document is of the format most of whose code rows it holds, among
   * the formats told by their rows.
   *
   * @throws IllegalArgumentException when no format's rows appear, or two formats' equally
   */
  public static DocumentFormat detect(String content) {
    FrontMatter frontMatter = FrontMatter.of(content);
    for (DocumentFormat format : values()) {
      if (format.page != null && (frontMatter.value("anchor_id").filter(format.page::equals).isPresent()
          || frontMatter.value("source_url").filter(format.page::equals).isPresent())) {
        return format;
      }
    }
    DocumentFormat best = null;
    int bestRows = 0;
    boolean tie = false;
    for (DocumentFormat format : values()) {
      if (format.page != null) {
        continue;
      }
      int rows = format.countRows(content);
      if (rows > bestRows) {
        best = format;
        bestRows = rows;
        tie = false;
      } else if (rows == bestRows && rows > 0) {
        tie = true;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("not an error-code document of a known format: no line looks like a code row");
    }
    if (tie) {
      throw new IllegalArgumentException("cannot tell the document's format: it has as many rows of two formats");
    }
    return best;
  }

  private int countRows(String content) {
    Matcher matcher = row.matcher(content);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  /** The document's entries, one per code in document order, still unclassified (policy class UNKNOWN). */
  List<CatalogEntry> parse(SourceDocument document) {
    EntryCollector entries = new EntryCollector(document, this);
    parser.parse(document, entries);
    List<CatalogEntry> parsed = entries.entries();
    if (parsed.isEmpty()) {
      throw document.malformed(1, "no code found in a document detected as " + id);
    }
    return parsed;
  }

  /** The format whose {@link #id()} this is. */
  public static Optional<DocumentFormat> fromId(String id) {
    for (DocumentFormat format : values()) {
      if (format.id.equals(id)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
