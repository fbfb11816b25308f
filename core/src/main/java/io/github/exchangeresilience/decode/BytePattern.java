package io.github.exchangeresilience.decode;

import java.util.Arrays;

/**
 * A byte string searched for in bodies, Boyer-Moore-Horspool: most positions are skipped a pattern's length at a time,
 * which a byte-by-byte search through JSON full of quotes cannot do. Immutable, built once per decoder.
 */
final class BytePattern {
  private final byte[] pattern;
  /** How far the search may move on when the byte under the pattern's last position is this one. */
  private final int[] shift = new int[256];

  BytePattern(byte[] pattern) {
    if (pattern.length == 0) {
      throw new IllegalArgumentException("an empty pattern");
    }
    this.pattern = pattern.clone();
    Arrays.fill(shift, pattern.length);
    for (int i = 0; i < pattern.length - 1; i++) {
      shift[pattern[i] & 0xFF] = pattern.length - 1 - i;
    }
  }

  /** Whether {@code body[from, end)} holds the pattern. */
  boolean foundIn(byte[] body, int from, int end) {
    int last = pattern.length - 1;
    for (int i = from; i + last < end; i += shift[body[i + last] & 0xFF]) {
      int j = last;
      while (body[i + j] == pattern[j]) {
        if (j == 0) {
          return true;
        }
        j--;
      }
    }
    return false;
  }
}
