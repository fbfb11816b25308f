package io.github.exchangeresilience.okhttp.signing;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Client order ids that are unique across processes and restarts: an optional prefix, twelve random letters and
 * digits drawn once per generator (about 71 bits), then a counter. Letters and digits only and at most 31 characters,
 * which every supported exchange accepts (each specification's {@code Orders.clientOrderIdFormat()}, checked for every
 * exchange by {@code ExchangeSpecsTest}).
 * Thread-safe.
 */
public final class ClientOrderIds {
  private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9]{0,8}");
  private static final int RANDOM_LENGTH = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String stem;
  private final AtomicLong counter = new AtomicLong();

  private ClientOrderIds(String prefix) {
    StringBuilder stem = new StringBuilder(prefix);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      stem.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    this.stem = stem.toString();
  }

  /** Ids without a prefix. */
  public static ClientOrderIds create() {
    return new ClientOrderIds("");
  }

  /** Ids that start with {@code prefix} (up to eight letters and digits), to tell this application's orders apart. */
  public static ClientOrderIds withPrefix(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("a client order id prefix is up to 8 letters and digits: " + prefix);
    }
    return new ClientOrderIds(prefix);
  }

  /** The next id. */
  public String next() {
    long n = counter.getAndIncrement();
    StringBuilder id = new StringBuilder(stem.length() + 11).append(stem);
    // Base 62, most significant digit first: at most 11 digits for a long.
    char[] digits = new char[11];
    int at = digits.length;
    do {
      digits[--at] = ALPHABET[(int) (n % ALPHABET.length)];
      n /= ALPHABET.length;
    } while (n > 0);
    return id.append(digits, at, digits.length - at).toString();
  }

  @Override
  public String toString() {
    return "ClientOrderIds{" + stem + "…}";
  }
}
