package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;

/**
 * Decodes one exchange's responses. Implementations are stateless and thread-safe, read the body with jackson-core's
 * streaming parser, and never throw: bad input is decided from the HTTP status and flagged by its {@link BodyShape}.
 *
 * <p>How a response is decided, first match wins: a batch answer by its items (all succeeded: SUCCESS, some:
 * PARTIAL_SUCCESS, none: the item class that calls for the most care); a code the catalog knows, or one the exchange
 * documents as success, by its class; otherwise by the HTTP status ({@link DecisionSource#HTTP_STATUS}), where a 2xx
 * is a SUCCESS only for a JSON body without a code or an empty body, and EXECUTION_UNKNOWN for an unknown code, HTML,
 * text or truncated JSON.
 *
 * <p>Hand over at most {@link #DEFAULT_BODY_PREFIX_LIMIT} bytes, with {@code bodyComplete} false when the body is
 * longer: with OkHttp, {@code response.peekBody(limit + 1)} in an application interceptor (which sees the body
 * decompressed) tells both, the body being complete when it holds at most {@code limit} bytes.
 */
public interface ResponseDecoder {
  /** How much of a body a caller should hand to {@link #decode}, by default: 64 KiB. */
  int DEFAULT_BODY_PREFIX_LIMIT = 64 * 1024;

  Exchange exchange();

  /** Decodes a response. Never throws, whatever the body holds. */
  DecodedResponse decode(ResponseSnapshot response);

  /** The decoder of {@code exchange}, classifying codes through {@code catalog}. */
  static ResponseDecoder of(Exchange exchange, ErrorCatalog catalog) {
    java.util.Objects.requireNonNull(catalog, "catalog");
    return exchange.spec().decoder().create(exchange.spec(), catalog);
  }
}
