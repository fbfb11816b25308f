package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import java.util.Objects;

/** Picks the decoder of an exchange. */
final class Decoders {
  private Decoders() {}

  static ResponseDecoder of(Exchange exchange, ErrorCatalog catalog) {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(catalog, "catalog");
    switch (exchange) {
      case BINANCE_USDM:
        return new BinanceUsdmDecoder(catalog);
      case OKX:
        return new OkxDecoder(catalog);
      case BYBIT:
        return new BybitDecoder(catalog);
      case BITGET:
        return new BitgetDecoder(catalog);
      default:
        throw new IllegalArgumentException("no decoder for " + exchange);
    }
  }
}
