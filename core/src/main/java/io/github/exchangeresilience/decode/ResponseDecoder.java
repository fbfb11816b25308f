package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;

/**
 * Decodes one exchange's responses. Implementations are stateless and thread-safe, read the body with jackson-core's
 * streaming parser, and never throw: bad input is decided from the HTTP status and flagged by its {@link BodyShape}.
 */
public interface ResponseDecoder {
  /** How much of a body a caller should hand to {@link #decode}, by default: 64 KiB. */
  int DEFAULT_BODY_PREFIX_LIMIT = 64 * 1024;

  Exchange exchange();

  /** Decodes a response. Never throws, whatever the body holds. */
  DecodedResponse decode(ResponseSnapshot response);

  /** The decoder of {@code exchange}, classifying codes through {@code catalog}. */
  static ResponseDecoder of(Exchange exchange, ErrorCatalog catalog) {
    return Decoders.of(exchange, catalog);
  }
}
