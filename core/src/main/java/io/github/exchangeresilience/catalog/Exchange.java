package io.github.exchangeresilience.catalog;

import java.util.Locale;
import java.util.Optional;

/** The exchanges whose published error codes the catalog holds. */
public enum Exchange {
  BINANCE_USDM("binance-usdm", "Binance USDⓈ-M Futures"),
  OKX("okx", "OKX v5"),
  BYBIT("bybit", "Bybit v5"),
  BITGET("bitget", "Bitget");

  private final String id;
  private final String displayName;

  Exchange(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  /** The stable lower-case id used on the command line, in data file names, metric tags and properties. */
  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** Looks an exchange up by its {@link #id()} or enum name, ignoring case. */
  public static Optional<Exchange> fromId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Exchange exchange : values()) {
      if (exchange.id.equals(wanted) || exchange.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted)) {
        return Optional.of(exchange);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
