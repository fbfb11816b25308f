package io.github.exchangeresilience.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every documented code of every supported exchange, looked up by exchange and code. Immutable and thread-safe.
 *
 * <p>{@link #builtIn()} loads the data files shipped in the core jar once; {@link #fromDirectory} loads data files a
 * user regenerated from newer pages, without rebuilding the library; {@link #withOverride} returns a copy in which a
 * code is handled by another class, for a user who knows better than the document.
 *
 * <p>A body code is kept per transport: an exchange may give a code another meaning on its WebSocket API (Bybit's
 * 10003 is a bad key over REST and too many sessions over its order-entry WebSocket). {@link #find(Exchange, String)}
 * answers for REST, and falls back to the WebSocket entry for a code only a WebSocket page documents (Bitget's page is
 * its WebSocket one). {@link #forWebSocket()} is the same catalog as a WebSocket answer reads it.
 */
public final class ErrorCatalog {
  /** The {@link CatalogEntry#classifiedBy()} value of an entry whose class a user set. */
  public static final String OVERRIDE = "override";

  private final Map<Exchange, Map<String, CatalogEntry>> codes;
  private final Map<Exchange, Map<String, CatalogEntry>> webSocketCodes;
  private final Map<Exchange, Map<String, CatalogEntry>> httpStatuses;
  /** Whether {@link #find(Exchange, String)} looks at the WebSocket entries first. */
  private final boolean webSocketFirst;

  private ErrorCatalog(ErrorCatalog catalog, boolean webSocketFirst) {
    this.codes = catalog.codes;
    this.webSocketCodes = catalog.webSocketCodes;
    this.httpStatuses = catalog.httpStatuses;
    this.webSocketFirst = webSocketFirst;
  }

  private ErrorCatalog(Collection<CatalogEntry> entries) {
    Map<Exchange, Map<String, CatalogEntry>> codes = new EnumMap<>(Exchange.class);
    Map<Exchange, Map<String, CatalogEntry>> webSocketCodes = new EnumMap<>(Exchange.class);
    Map<Exchange, Map<String, CatalogEntry>> statuses = new EnumMap<>(Exchange.class);
    for (Exchange exchange : Exchange.values()) {
      codes.put(exchange, new LinkedHashMap<>());
      webSocketCodes.put(exchange, new LinkedHashMap<>());
      statuses.put(exchange, new LinkedHashMap<>());
    }
    for (CatalogEntry entry : entries) {
      Map<Exchange, Map<String, CatalogEntry>> targets = entry.kind() == EntryKind.HTTP_STATUS ? statuses
          : entry.transport() == Transport.WEBSOCKET ? webSocketCodes : codes;
      if (targets.get(entry.exchange()).putIfAbsent(entry.code(), entry) != null) {
        throw new IllegalArgumentException("two entries for " + entry.exchange() + " " + entry.kind() + " "
            + entry.code() + ": merge their message variants into one entry (CatalogEntries.merge)");
      }
    }
    codes.replaceAll((exchange, map) -> Collections.unmodifiableMap(map));
    webSocketCodes.replaceAll((exchange, map) -> Collections.unmodifiableMap(map));
    statuses.replaceAll((exchange, map) -> Collections.unmodifiableMap(map));
    this.codes = codes;
    this.webSocketCodes = webSocketCodes;
    this.httpStatuses = statuses;
    this.webSocketFirst = false;
  }

  /** The catalog of the data files shipped in this jar, loaded once. */
  public static ErrorCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  /**
   * The catalog of a directory of data files, such as {@code CatalogCli regenerate --out <dir>} or {@code import}
   * writes: {@code <exchange-id>.json} per exchange ({@code okx.json}, {@code bybit.json}...). An exchange whose file
   * the directory lacks keeps the built-in entries, so a directory holding only a regenerated {@code okx.json} is
   * enough to run on a newer OKX page. Other files are ignored.
   *
   * @throws IOException when the directory holds no data file at all, or a data file cannot be read, is malformed,
   *     holds no entry or another exchange's than its name says
   */
  public static ErrorCatalog fromDirectory(Path directory) throws IOException {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new NoSuchFileException(directory.toString(), null, "not a directory of catalog data files");
    }
    List<CatalogEntry> lines = new ArrayList<>();
    boolean anyFile = false;
    for (Exchange exchange : Exchange.values()) {
      Path file = directory.resolve(CatalogFiles.fileName(exchange));
      if (!Files.isRegularFile(file)) {
        lines.addAll(CatalogFiles.loadBuiltIn(exchange));
        continue;
      }
      anyFile = true;
      List<CatalogEntry> read;
      try (InputStream in = Files.newInputStream(file)) {
        read = CatalogFiles.read(in);
      } catch (IOException | RuntimeException malformed) {
        throw new IOException("cannot read catalog data file " + file + ": " + malformed.getMessage(), malformed);
      }
      if (read.isEmpty()) {
        throw new IOException(file + " holds no entries: a regenerated data file never does");
      }
      for (CatalogEntry entry : read) {
        if (entry.exchange() != exchange) {
          throw new IOException(file + " holds entries of " + entry.exchange().id() + ", not " + exchange.id());
        }
      }
      lines.addAll(read);
    }
    if (!anyFile) {
      throw new NoSuchFileException(directory.toString(), null, "no catalog data file (" + Arrays.stream(
          Exchange.values()).map(CatalogFiles::fileName).collect(Collectors.joining(", ")) + ") in the directory");
    }
    try {
      return new ErrorCatalog(CatalogEntries.merge(lines));
    } catch (IllegalArgumentException inconsistent) {
      throw new IOException("inconsistent catalog data files in " + directory + ": " + inconsistent.getMessage(),
          inconsistent);
    }
  }

  /** A catalog of exactly these entries; no two may share exchange, kind, transport and code. */
  public static ErrorCatalog of(Collection<CatalogEntry> entries) {
    return new ErrorCatalog(entries);
  }

  /**
   * The entry of a body code, compared as text after trimming: {@code "50011"} and {@code 50011} are the same. The
   * REST entry, or else the WebSocket one for a code only a WebSocket page documents; the other way round in the
   * {@linkplain #forWebSocket() WebSocket view}.
   */
  public Optional<CatalogEntry> find(Exchange exchange, String code) {
    if (code == null) {
      return Optional.empty();
    }
    String trimmed = code.trim();
    Map<String, CatalogEntry> first = (webSocketFirst ? webSocketCodes : codes).get(exchange);
    Map<String, CatalogEntry> second = (webSocketFirst ? codes : webSocketCodes).get(exchange);
    CatalogEntry entry = first.get(trimmed);
    return Optional.ofNullable(entry != null ? entry : second.get(trimmed));
  }

  /**
   * This catalog as an answer on a WebSocket reads it: a body code's WebSocket entry first, else its REST entry (most
   * codes are documented once, for both transports). Bybit's 10003 is "too many sessions" on its order-entry
   * WebSocket and a bad key over REST. Every other lookup is unchanged.
   */
  public ErrorCatalog forWebSocket() {
    return webSocketFirst ? this : new ErrorCatalog(this, true);
  }

  /** The entry of a body code as a page of that transport documents it; no fallback to the other transport. */
  public Optional<CatalogEntry> find(Exchange exchange, Transport transport, String code) {
    if (code == null) {
      return Optional.empty();
    }
    Map<String, CatalogEntry> byCode = (transport == Transport.WEBSOCKET ? webSocketCodes : codes).get(exchange);
    return Optional.ofNullable(byCode.get(code.trim()));
  }

  /** The entry the exchange documents for an HTTP status, such as Bybit's 403. */
  public Optional<CatalogEntry> findHttpStatus(Exchange exchange, int status) {
    return Optional.ofNullable(httpStatuses.get(exchange).get(Integer.toString(status)));
  }

  /** The class of a body code, {@link PolicyClass#UNKNOWN} when the catalog does not know it. */
  public PolicyClass classify(Exchange exchange, String code) {
    return find(exchange, code).map(CatalogEntry::policyClass).orElse(PolicyClass.UNKNOWN);
  }

  /** Whether {@code code} is a documented code of {@code exchange}: decides whether a code may be a metric tag. */
  public boolean contains(Exchange exchange, String code) {
    return find(exchange, code).isPresent();
  }

  /** Every entry of one exchange: documented HTTP statuses, then REST body codes, then WebSocket body codes. */
  public List<CatalogEntry> entries(Exchange exchange) {
    List<CatalogEntry> all = new ArrayList<>(httpStatuses.get(exchange).values());
    all.addAll(codes.get(exchange).values());
    all.addAll(webSocketCodes.get(exchange).values());
    return Collections.unmodifiableList(all);
  }

  /** Every entry of every exchange, exchange by exchange. */
  public List<CatalogEntry> entries() {
    List<CatalogEntry> all = new ArrayList<>();
    for (Exchange exchange : Exchange.values()) {
      all.addAll(entries(exchange));
    }
    return Collections.unmodifiableList(all);
  }

  /**
   * A copy in which {@code code} of {@code exchange} is handled as {@code policyClass}, over REST and WebSocket alike.
   * A code the documents do not list is added (for REST) with no message, so that a code an exchange introduced last
   * week can be routed today.
   */
  public ErrorCatalog withOverride(Exchange exchange, String code, PolicyClass policyClass) {
    return withOverrides(Map.of(exchange, Map.of(code, policyClass)));
  }

  /** A copy with every class override applied at once; see {@link #withOverride}. */
  public ErrorCatalog withOverrides(Map<Exchange, Map<String, PolicyClass>> overrides) {
    Objects.requireNonNull(overrides, "overrides");
    if (overrides.isEmpty()) {
      return this;
    }
    List<CatalogEntry> all = new ArrayList<>();
    for (Exchange exchange : Exchange.values()) {
      Map<String, PolicyClass> forExchange = overrides.getOrDefault(exchange, Map.of());
      all.addAll(httpStatuses.get(exchange).values());
      List<CatalogEntry> bodyCodes = new ArrayList<>(codes.get(exchange).values());
      bodyCodes.addAll(webSocketCodes.get(exchange).values());
      Map<String, PolicyClass> trimmed = new LinkedHashMap<>();
      forExchange.forEach((code, policyClass) -> trimmed.put(code.trim(), policyClass));
      for (CatalogEntry entry : bodyCodes) {
        PolicyClass replacement = trimmed.get(entry.code());
        all.add(replacement == null
            ? entry
            : entry.toBuilder().policyClass(replacement).classifiedBy(OVERRIDE).build());
      }
      for (Map.Entry<String, PolicyClass> override : trimmed.entrySet()) {
        String code = override.getKey();
        if (!codes.get(exchange).containsKey(code) && !webSocketCodes.get(exchange).containsKey(code)) {
          all.add(CatalogEntry.builder()
              .exchange(exchange)
              .code(code)
              .policyClass(Objects.requireNonNull(override.getValue(), "policy class of " + code))
              .classifiedBy(OVERRIDE)
              .source(OVERRIDE)
              .build());
        }
      }
    }
    ErrorCatalog overridden = new ErrorCatalog(all);
    return webSocketFirst ? overridden.forWebSocket() : overridden;
  }

  /** Loaded on first use of {@link #builtIn()}, not when the class is touched. */
  private static final class BuiltIn {
    static final ErrorCatalog CATALOG = load();

    private static ErrorCatalog load() {
      List<CatalogEntry> all = new ArrayList<>();
      for (Exchange exchange : Exchange.values()) {
        all.addAll(CatalogFiles.loadBuiltIn(exchange));
      }
      return new ErrorCatalog(CatalogEntries.merge(all));
    }
  }
}
