package io.github.exchangeresilience.decode;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Bounded text: a decoded response never holds more than a few hundred characters of what the exchange sent. */
final class Text {
  /** The most characters of an exchange message a decoded response keeps. */
  static final int MAX_MESSAGE_LENGTH = 512;

  private Text() {}

  /**
   * The current token's text, at most {@code max} characters. Reads the parser's buffer directly, so a 60 KiB string
   * never becomes a 60 KiB {@code String}.
   */
  static String bound(JsonParser parser, int max) throws IOException {
    char[] chars = parser.getTextCharacters();
    if (chars == null || parser.getTextLength() == 0) {
      return "";
    }
    int offset = parser.getTextOffset();
    return new String(chars, offset, cut(chars, offset, parser.getTextLength(), max));
  }

  /** The one of {@code known} that the current token's text is, character for character; {@code null} for none. */
  static String oneOf(JsonParser parser, String[] known) throws IOException {
    char[] chars = parser.getTextCharacters();
    if (chars == null) {
      return null;
    }
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    for (String candidate : known) {
      if (candidate.length() == length && sameChars(candidate, chars, offset)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean sameChars(String text, char[] chars, int offset) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }

  /** {@code text} cut to at most {@code max} characters, never between the two halves of a surrogate pair. */
  static String bound(String text, int max) {
    return text.length() <= max ? text : text.substring(0, cut(text, max));
  }

  /** Up to {@code max} characters of UTF-8 bytes, undecodable bytes replaced; reads no more bytes than needed. */
  static String decode(byte[] bytes, int from, int to, int max) {
    // A character takes at most 4 bytes: 4 * max bytes give at least max characters.
    int end = (int) Math.min(to, from + 4L * max);
    return bound(new String(bytes, from, Math.max(0, end - from), StandardCharsets.UTF_8), max);
  }

  private static int cut(char[] chars, int offset, int length, int max) {
    if (length <= max) {
      return length;
    }
    return Character.isHighSurrogate(chars[offset + max - 1]) ? max - 1 : max;
  }

  private static int cut(String text, int max) {
    return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
  }

  /** Whether {@code text} starts with {@code prefix}, ignoring ASCII case. */
  static boolean startsWithIgnoreCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
