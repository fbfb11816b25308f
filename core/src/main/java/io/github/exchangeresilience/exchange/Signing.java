package io.github.exchangeresilience.exchange;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The parameters of an exchange's signing recipe, and which endpoints need no signature. The recipe itself (what is
 * hashed, how) is the exchange's signer; every name it sends is here. Fields an exchange does not use are
 * {@code null}.
 *
 * @param apiKeyHeader the header of the API key; it also tells keys apart for the rejected-key cool-down
 * @param signatureHeader the header of the signature, or {@code null} where it is a parameter
 * @param timestampHeader the header of the signing timestamp, or {@code null} where it is a parameter
 * @param passphraseHeader the header of the key's passphrase
 * @param recvWindowHeader the header of the accepted delay (Bybit {@code X-BAPI-RECV-WINDOW})
 * @param demoTradingHeader the header that sends an order to demo trading (OKX {@code x-simulated-trading})
 * @param localeHeader the header of the language of messages (Bitget {@code locale})
 * @param orderExpiryHeader the header of an order's expiry (OKX {@code expTime})
 * @param signatureParameter the query or form parameter of the signature (Binance {@code signature})
 * @param timestampParameter the parameter of the signing timestamp (Binance {@code timestamp})
 * @param recvWindowParameter the parameter of the accepted delay (Binance {@code recvWindow})
 * @param publicPaths endpoints sent without credentials
 * @param publicPathPrefixes path prefixes of endpoints sent without credentials
 * @param keyOnlyPaths endpoints that take the API key but no signature
 * @param receiveWindow how long after its signing timestamp the exchange accepts a signed request when the request
 *     names no window of its own ({@link #recvWindowParameter} or {@link #recvWindowHeader}): a request signed outside
 *     the library is not resent once it has passed
 */
public record Signing(String apiKeyHeader, String signatureHeader, String timestampHeader, String passphraseHeader,
    String recvWindowHeader, String demoTradingHeader, String localeHeader, String orderExpiryHeader,
    String signatureParameter, String timestampParameter, String recvWindowParameter, Set<String> publicPaths,
    List<String> publicPathPrefixes, Set<String> keyOnlyPaths, Duration receiveWindow) {
  public Signing {
    Objects.requireNonNull(apiKeyHeader, "apiKeyHeader");
    Objects.requireNonNull(receiveWindow, "receiveWindow");
    if (receiveWindow.isNegative() || receiveWindow.isZero()) {
      throw new IllegalArgumentException("receiveWindow must be positive: " + receiveWindow);
    }
    if (signatureHeader == null && signatureParameter == null) {
      throw new IllegalArgumentException("a signature goes in a header or a parameter");
    }
    publicPaths = Set.copyOf(publicPaths);
    publicPathPrefixes = List.copyOf(publicPathPrefixes);
    keyOnlyPaths = Set.copyOf(keyOnlyPaths);
  }

  /** The headers that carry credentials: never logged, printed, tagged or thrown. */
  public Set<String> secretHeaders() {
    Set<String> secret = new LinkedHashSet<>();
    for (String header : new String[] {apiKeyHeader, signatureHeader, passphraseHeader}) {
      if (header != null) {
        secret.add(header);
      }
    }
    return secret;
  }

  /** Public market data: sent without credentials. */
  public boolean isPublic(String path) {
    if (publicPaths.contains(path)) {
      return true;
    }
    for (String prefix : publicPathPrefixes) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  public boolean isKeyOnly(String path) {
    return keyOnlyPaths.contains(path);
  }
}
