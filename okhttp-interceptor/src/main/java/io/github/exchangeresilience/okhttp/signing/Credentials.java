package io.github.exchangeresilience.okhttp.signing;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An API key, its secret and, for OKX and Bitget, its passphrase. The secret never leaves this object: signers get an
 * initialised {@link Mac} from it, and nothing here, {@link #toString()} included, returns or prints any of the three.
 * Equality is identity, so that not even a hash code is derived from a secret.
 */
public final class Credentials {
  private static final String REDACTED = "██";

  private final char[] apiKey;
  private final byte[] secret;
  private final char[] passphrase;

  private Credentials(char[] apiKey, byte[] secret, char[] passphrase) {
    this.apiKey = apiKey;
    this.secret = secret;
    this.passphrase = passphrase;
  }

  /** Binance and Bybit: a key and its secret. */
  public static Credentials of(String apiKey, String secret) {
    return of(apiKey, secret, null);
  }

  /** OKX and Bitget: a key, its secret and the passphrase chosen when the key was created. */
  public static Credentials of(String apiKey, String secret, String passphrase) {
    return of(chars(apiKey, "API key"), chars(secret, "API secret"),
        passphrase == null ? null : chars(passphrase, "passphrase"));
  }

  /**
   * From character arrays, which are copied: the caller may wipe its own. {@code passphrase} may be {@code null}.
   */
  public static Credentials of(char[] apiKey, char[] secret, char[] passphrase) {
    requireText(apiKey, "API key");
    requireText(secret, "API secret");
    if (passphrase != null) {
      requireText(passphrase, "passphrase");
    }
    return new Credentials(apiKey.clone(), utf8(secret), passphrase == null ? null : passphrase.clone());
  }

  public boolean hasPassphrase() {
    return passphrase != null;
  }

  /** The API key, which goes into a request header. */
  String apiKey() {
    return new String(apiKey);
  }

  /** The passphrase, which goes into a request header; {@code null} when there is none. */
  String passphrase() {
    return passphrase == null ? null : new String(passphrase);
  }

  /** A fresh HMAC-SHA256 keyed with the secret. */
  Mac hmacSha256() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      // The message of a key failure could describe the key: none of it is kept.
      throw new IllegalStateException("HmacSHA256 is unavailable on this JVM");
    }
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "Credentials{apiKey=" + REDACTED + ", secret=" + REDACTED + ", passphrase="
        + (passphrase == null ? "none" : REDACTED) + "}";
  }

  private static char[] chars(String value, String what) {
    return Objects.requireNonNull(value, what).toCharArray();
  }

  private static void requireText(char[] value, String what) {
    Objects.requireNonNull(value, what);
    boolean blank = true;
    for (char c : value) {
      if (!Character.isWhitespace(c)) {
        blank = false;
        break;
      }
    }
    if (blank) {
      throw new IllegalArgumentException(what + " is empty");
    }
  }

  private static byte[] utf8(char[] chars) {
    var encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
    Arrays.fill(encoded.array(), (byte) 0);
    return bytes;
  }
}
