package io.github.exchangeresilience.catalog;

import io.github.exchangeresilience.exchange.BinanceUsdmSpec;
import io.github.exchangeresilience.exchange.BitgetSpec;
import io.github.exchangeresilience.exchange.BybitSpec;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.OkxSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** The exchanges whose published error codes the catalog holds. */
public enum Exchange {
  BINANCE_USDM("binance-usdm", "Binance USDⓈ-M Futures", () -> BinanceUsdmSpec.SPEC),
  OKX("okx", "OKX v5", () -> OkxSpec.SPEC),
  BYBIT("bybit", "Bybit v5", () -> BybitSpec.SPEC),
  BITGET("bitget", "Bitget", () -> BitgetSpec.SPEC);

  private final String id;
  private final String displayName;
  /** Read on first use: a specification refers back to its constant. */
  private final Supplier<ExchangeSpec> spec;

  Exchange(String id, String displayName, Supplier<ExchangeSpec> spec) {
    this.id = id;
    this.displayName = displayName;
    this.spec = spec;
  }

  /** Every fact about this exchange beyond its error codes: hosts, endpoints, signing, budgets, ban rules. */
  public ExchangeSpec spec() {
    return spec.get();
  }

  /** The exchange {@code host} belongs to, among the documented live, testnet and demo hosts. */
  public static Optional<Exchange> forHost(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    for (Exchange exchange : values()) {
      if (exchange.spec().hosts().all().contains(lower)) {
        return Optional.of(exchange);
      }
    }
    return Optional.empty();
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
