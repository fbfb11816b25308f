package io.github.exchangeresilience.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A byte string searched for in bodies eight bytes at a time. The search looks for one byte of the pattern, its
 * anchor, in a whole word at once (the bitwise zero-byte test on the word XOR the anchor repeated), and compares the
 * pattern only where the anchor is. The anchor is not a quote where the pattern has another byte: JSON is full of
 * quotes, and a key's letters are rare in it. A byte-at-a-time search, even one that skips (Horspool), spends a
 * mispredicted branch on most positions of JSON; this one spends one on each anchor found. Immutable, built once per
 * decoder.
 */
final class BytePattern {
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final byte[] pattern;
  /** Where in the pattern the anchor is. */
  private final int anchorIndex;
  private final byte anchor;
  /** The anchor in each byte of a word. */
  private final long anchors;

  BytePattern(byte[] pattern) {
    if (pattern.length == 0) {
      throw new IllegalArgumentException("an empty pattern");
    }
    this.pattern = pattern.clone();
    int index = 0;
    while (index < pattern.length - 1 && pattern[index] == '"') {
      index++;
    }
    this.anchorIndex = index;
    this.anchor = pattern[index];
    this.anchors = (anchor & 0xFFL) * LOW_BITS;
  }

  /** Whether {@code body[from, end)} holds the pattern. */
  boolean foundIn(byte[] body, int from, int end) {
    // The anchor of a match lies in [first, last]: its pattern then starts at or after from and ends by end.
    int first = from + anchorIndex;
    int last = end - pattern.length + anchorIndex;
    int at = first;
    for (; at + Long.BYTES - 1 <= last; at += Long.BYTES) {
      long word = (long) WORDS.get(body, at) ^ anchors;
      // A high bit for each byte that is the anchor (zero after the XOR); a byte above one may also be flagged.
      long flagged = (word - LOW_BITS) & ~word & HIGH_BITS;
      while (flagged != 0) {
        if (matchesAt(body, at + (Long.numberOfTrailingZeros(flagged) >>> 3) - anchorIndex)) {
          return true;
        }
        flagged &= flagged - 1;
      }
    }
    for (; at <= last; at++) {
      if (body[at] == anchor && matchesAt(body, at - anchorIndex)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesAt(byte[] body, int start) {
    return Arrays.equals(body, start, start + pattern.length, pattern, 0, pattern.length);
  }
}
