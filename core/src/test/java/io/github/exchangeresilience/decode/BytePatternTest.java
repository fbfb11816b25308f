package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time search finds a pattern exactly where a byte-by-byte search does, in any range of any bytes: ranges
 * shorter than a word, ranges of several words and a tail, matches across a word's edge, anchors flagged next to
 * others.
 */
class BytePatternTest {
  @Test
  void findsWhatAByteByByteSearchFinds() {
    Random random = new Random(0xB17E5L);
    byte[][] patterns = {utf8("\"code\""), utf8("\"retCode\""), utf8("\""), utf8("aa"), utf8("abab"), utf8("\"\""),
        utf8("\"c"), new byte[] {(byte) 0xE9, 'c'}, new byte[] {0, 1}};
    byte[] alphabet = "\"codeRtab:{}".getBytes(StandardCharsets.US_ASCII);
    for (int round = 0; round < 40_000; round++) {
      byte[] pattern = patterns[random.nextInt(patterns.length)];
      byte[] body = new byte[random.nextInt(100)];
      for (int i = 0; i < body.length; i++) {
        // a small alphabet, so that near and whole matches are common; now and then bytes that borrow across a word
        int pick = random.nextInt(alphabet.length + 3);
        body[i] = pick < alphabet.length ? alphabet[pick] : new byte[] {0, 1, (byte) 0xE9}[pick - alphabet.length];
      }
      if (body.length > pattern.length && random.nextBoolean()) {
        System.arraycopy(pattern, 0, body, random.nextInt(body.length - pattern.length + 1), pattern.length);
      }
      int from = body.length == 0 ? 0 : random.nextInt(body.length + 1);
      int end = from + random.nextInt(body.length - from + 1);
      assertThat(new BytePattern(pattern).foundIn(body, from, end))
          .as("%s in [%d, %d) of %s", new String(pattern, StandardCharsets.US_ASCII), from, end,
              new String(body, StandardCharsets.US_ASCII))
          .isEqualTo(naive(pattern, body, from, end));
    }
  }

  private static boolean naive(byte[] pattern, byte[] body, int from, int end) {
    outer:
    for (int i = from; i + pattern.length <= end; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (body[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
