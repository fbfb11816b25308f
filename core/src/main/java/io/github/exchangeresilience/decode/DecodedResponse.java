package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one exchange response means: its code and message, its policy class, per-item results of a batch, and the
 * rate-limit hints of its headers and text. Immutable.
 */
public final class DecodedResponse {
  private final Exchange exchange;
  private final int httpStatus;
  private final String code;
  private final String message;
  private final PolicyClass policyClass;
  private final DecisionSource decidedBy;
  private final BodyShape bodyShape;
  private final CatalogEntry entry;
  private final boolean unknownCode;
  private final List<ItemResult> items;
  private final RateLimitHints hints;

  private DecodedResponse(Builder builder) {
    this.exchange = Objects.requireNonNull(builder.exchange, "exchange");
    this.httpStatus = builder.httpStatus;
    this.code = builder.code;
    this.message = builder.message == null ? "" : builder.message;
    this.policyClass = Objects.requireNonNull(builder.policyClass, "policyClass");
    this.decidedBy = Objects.requireNonNull(builder.decidedBy, "decidedBy");
    this.bodyShape = Objects.requireNonNull(builder.bodyShape, "bodyShape");
    this.entry = builder.entry;
    this.unknownCode = builder.unknownCode;
    this.items = List.copyOf(builder.items);
    this.hints = Objects.requireNonNull(builder.hints, "hints");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Exchange exchange() {
    return exchange;
  }

  /** The HTTP status, or {@link ResponseSnapshot#NO_HTTP_STATUS} for a WebSocket frame. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The top-level code as the exchange wrote it ({@code -1003}, {@code "50011"}), if the body carried one. */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** Whether the top-level code is one of {@code codes}: asked of every answer, so without an {@code Optional}. */
  public boolean codeIsOneOf(Set<String> codes) {
    return code != null && codes.contains(code);
  }

  /** The code, or {@code null}: for the decoders, without an {@code Optional}. */
  String rawCode() {
    return code;
  }

  /** The exchange's message for the code, bounded in length; empty when there is none. */
  public String message() {
    return message;
  }

  /**
   * The class to handle the response by. Never {@link PolicyClass#UNKNOWN}: an unknown or missing code is decided from
   * the HTTP status ({@link #decidedBy()} says which), and {@link #unknownCode()} tells that it happened.
   */
  public PolicyClass policyClass() {
    return policyClass;
  }

  public DecisionSource decidedBy() {
    return decidedBy;
  }

  public BodyShape bodyShape() {
    return bodyShape;
  }

  /** The catalog entry of the top-level code, where the catalog knows it. */
  public Optional<CatalogEntry> entry() {
    return Optional.ofNullable(entry);
  }

  /** True when the body carried a code that the catalog does not list. */
  public boolean unknownCode() {
    return unknownCode;
  }

  /** Per-item results of a batch answer, in answer order; empty for a single-request answer. */
  public List<ItemResult> items() {
    return items;
  }

  public boolean isBatch() {
    return !items.isEmpty();
  }

  public RateLimitHints hints() {
    return hints;
  }

  /** This decision with other hints: an answer that repeats this one's opening under other headers. */
  DecodedResponse withHints(RateLimitHints hints) {
    return builder().exchange(exchange).httpStatus(httpStatus).code(code).message(message).policyClass(policyClass)
        .decidedBy(decidedBy).bodyShape(bodyShape).entry(entry).unknownCode(unknownCode).items(items).hints(hints)
        .build();
  }

  @Override
  public String toString() {
    return "DecodedResponse{" + exchange.id() + " http=" + httpStatus + " code=" + code + " class=" + policyClass
        + " by=" + decidedBy + " shape=" + bodyShape + (items.isEmpty() ? "" : " items=" + items.size()) + "}";
  }

  public static final class Builder {
    private Exchange exchange;
    private int httpStatus;
    private String code;
    private String message;
    private PolicyClass policyClass;
    private DecisionSource decidedBy = DecisionSource.CODE;
    private BodyShape bodyShape = BodyShape.JSON;
    private CatalogEntry entry;
    private boolean unknownCode;
    private List<ItemResult> items = List.of();
    private RateLimitHints hints = RateLimitHints.NONE;

    private Builder() {}

    public Builder exchange(Exchange exchange) {
      this.exchange = exchange;
      return this;
    }

    public Builder httpStatus(int httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    public Builder code(String code) {
      this.code = code;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder policyClass(PolicyClass policyClass) {
      this.policyClass = policyClass;
      return this;
    }

    public Builder decidedBy(DecisionSource decidedBy) {
      this.decidedBy = decidedBy;
      return this;
    }

    public Builder bodyShape(BodyShape bodyShape) {
      this.bodyShape = bodyShape;
      return this;
    }

    public Builder entry(CatalogEntry entry) {
      this.entry = entry;
      return this;
    }

    public Builder unknownCode(boolean unknownCode) {
      this.unknownCode = unknownCode;
      return this;
    }

    public Builder items(List<ItemResult> items) {
      this.items = Objects.requireNonNull(items, "items");
      return this;
    }

    public Builder hints(RateLimitHints hints) {
      this.hints = Objects.requireNonNull(hints, "hints");
      return this;
    }

    public DecodedResponse build() {
      return new DecodedResponse(this);
    }
  }
}
