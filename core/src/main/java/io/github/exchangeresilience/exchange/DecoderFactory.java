package io.github.exchangeresilience.exchange;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.decode.ResponseDecoder;

/** Makes the decoder of an exchange's envelope: {@code OkxDecoder::new}. */
@FunctionalInterface
public interface DecoderFactory {
  ResponseDecoder create(ExchangeSpec spec, ErrorCatalog catalog);
}
