package io.github.exchangeresilience.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One documented code of one exchange: everything its document says of it, and the policy class it is handled by.
 * Immutable; build one with {@link #builder()} or change a copy with {@link #toBuilder()}.
 */
public final class CatalogEntry {
  private final Exchange exchange;
  private final String code;
  private final EntryKind kind;
  private final String name;
  private final Integer httpStatus;
  private final List<LocalizedMessage> messages;
  private final String section;
  private final List<String> sources;
  private final List<String> documentKinds;
  private final Transport transport;
  private final PolicyClass policyClass;
  private final String classifiedBy;

  private CatalogEntry(Builder builder) {
    this.exchange = Objects.requireNonNull(builder.exchange, "exchange");
    this.code = Objects.requireNonNull(builder.code, "code");
    this.kind = Objects.requireNonNull(builder.kind, "kind");
    this.name = builder.name;
    this.httpStatus = builder.httpStatus;
    this.messages = List.copyOf(builder.messages);
    this.section = builder.section;
    this.sources = List.copyOf(builder.sources);
    if (sources.isEmpty()) {
      throw new NullPointerException("source");
    }
    this.documentKinds = List.copyOf(builder.documentKinds);
    this.transport = Objects.requireNonNull(builder.transport, "transport");
    this.policyClass = Objects.requireNonNull(builder.policyClass, "policyClass");
    this.classifiedBy = builder.classifiedBy;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder()
        .exchange(exchange)
        .code(code)
        .kind(kind)
        .name(name)
        .httpStatus(httpStatus)
        .section(section)
        .sources(sources)
        .documentKinds(documentKinds)
        .transport(transport)
        .policyClass(policyClass)
        .classifiedBy(classifiedBy);
    builder.messages.addAll(messages);
    return builder;
  }

  public Exchange exchange() {
    return exchange;
  }

  /** The code exactly as the exchange writes it, sign and leading zeros kept: {@code -1003}, {@code 50011}. */
  public String code() {
    return code;
  }

  public EntryKind kind() {
    return kind;
  }

  /** Binance's symbolic name such as {@code TOO_MANY_REQUESTS}, where the document gives one. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The HTTP status the document gives for this code, where it gives one. */
  public Optional<Integer> httpStatus() {
    return Optional.ofNullable(httpStatus);
  }

  /** Every message variant in document order, English and Chinese. */
  public List<LocalizedMessage> messages() {
    return messages;
  }

  /** The English variants only. */
  public List<String> englishMessages() {
    List<String> english = new ArrayList<>();
    for (LocalizedMessage message : messages) {
      if (message.isEnglish()) {
        english.add(message.text());
      }
    }
    return english;
  }

  /** The first English variant, else the first variant of any language, else an empty string. */
  public String message() {
    for (LocalizedMessage message : messages) {
      if (message.isEnglish()) {
        return message.text();
      }
    }
    return messages.isEmpty() ? "" : messages.get(0).text();
  }

  /** The document's heading the code stands under, such as {@code Trade Class} or {@code 10xx - ...}. */
  public Optional<String> section() {
    return Optional.ofNullable(section);
  }

  /**
   * The file name of the (first) source document under {@code core/src/main/catalog-sources}; see {@link #sources()}
   * for an entry that two documents of its exchange list.
   */
  public String source() {
    return sources.get(0);
  }

  /**
   * Every source document that lists the code, in import order: one for most entries, two when two pages of the
   * exchange document it (Bybit 10006 is on both of Bybit's pages) and the catalog holds them as one entry.
   */
  public List<String> sources() {
    return sources;
  }

  /**
   * The kind of (first) document the entry was imported from, such as {@code okx-public}, where known. One exchange
   * may have several documents (OKX has four); a re-import of one kind replaces only the entries of that kind.
   */
  public Optional<String> documentKind() {
    return documentKinds.isEmpty() ? Optional.empty() : Optional.of(documentKinds.get(0));
  }

  /** The kinds of every document that lists the code, in the order of {@link #sources()}, where known. */
  public List<String> documentKinds() {
    return documentKinds;
  }

  public Transport transport() {
    return transport;
  }

  public PolicyClass policyClass() {
    return policyClass;
  }

  /** Why the entry has its class: the id of the classification rule that assigned it, or {@code override}. */
  public Optional<String> classifiedBy() {
    return Optional.ofNullable(classifiedBy);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof CatalogEntry that)) {
      return false;
    }
    return exchange == that.exchange
        && code.equals(that.code)
        && kind == that.kind
        && Objects.equals(name, that.name)
        && Objects.equals(httpStatus, that.httpStatus)
        && messages.equals(that.messages)
        && Objects.equals(section, that.section)
        && sources.equals(that.sources)
        && documentKinds.equals(that.documentKinds)
        && transport == that.transport
        && policyClass == that.policyClass
        && Objects.equals(classifiedBy, that.classifiedBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exchange, code, kind, name, httpStatus, messages, section, sources, documentKinds, transport,
        policyClass, classifiedBy);
  }

  @Override
  public String toString() {
    return exchange.id() + " " + code + (name != null ? " " + name : "") + " [" + policyClass + "] " + message();
  }

  /** Builds a {@link CatalogEntry}. {@code kind} defaults to CODE and {@code transport} to REST. */
  public static final class Builder {
    private Exchange exchange;
    private String code;
    private EntryKind kind = EntryKind.CODE;
    private String name;
    private Integer httpStatus;
    private final List<LocalizedMessage> messages = new ArrayList<>();
    private String section;
    private final List<String> sources = new ArrayList<>();
    private final List<String> documentKinds = new ArrayList<>();
    private Transport transport = Transport.REST;
    private PolicyClass policyClass = PolicyClass.UNKNOWN;
    private String classifiedBy;

    private Builder() {}

    public Builder exchange(Exchange exchange) {
      this.exchange = exchange;
      return this;
    }

    public Builder code(String code) {
      this.code = code;
      return this;
    }

    public Builder kind(EntryKind kind) {
      this.kind = kind;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder httpStatus(Integer httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    public Builder addMessage(LocalizedMessage message) {
      this.messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    public Builder messages(List<LocalizedMessage> messages) {
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    public Builder section(String section) {
      this.section = section;
      return this;
    }

    /** The one source document of the entry; replaces any set before. */
    public Builder source(String source) {
      this.sources.clear();
      this.sources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    /** Every source document of the entry, in order; replaces any set before. */
    public Builder sources(List<String> sources) {
      this.sources.clear();
      sources.forEach(source -> this.sources.add(Objects.requireNonNull(source, "source")));
      return this;
    }

    /** The kind of the entry's one document, or {@code null} when unknown; replaces any set before. */
    public Builder documentKind(String documentKind) {
      this.documentKinds.clear();
      if (documentKind != null) {
        this.documentKinds.add(documentKind);
      }
      return this;
    }

    /** The kinds of every document of the entry, in order; replaces any set before. */
    public Builder documentKinds(List<String> documentKinds) {
      this.documentKinds.clear();
      documentKinds.forEach(kind -> this.documentKinds.add(Objects.requireNonNull(kind, "document kind")));
      return this;
    }

    public Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    public Builder policyClass(PolicyClass policyClass) {
      this.policyClass = policyClass;
      return this;
    }

    public Builder classifiedBy(String classifiedBy) {
      this.classifiedBy = classifiedBy;
      return this;
    }

    public CatalogEntry build() {
      return new CatalogEntry(this);
    }
  }
}
