package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.LocalizedMessage;

/** Text helpers shared by the parsers. */
final class Text {
  private Text() {}

  /**
   * Removes markdown backslash escapes: {@code ACCESS\_KEY} becomes {@code ACCESS_KEY}. Only a backslash before ASCII
   * punctuation is an escape in markdown; any other backslash is kept as written.
   */
  static String unescapeMarkdown(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && isAsciiPunctuation(text.charAt(i + 1))) {
        out.append(text.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isAsciiPunctuation(char c) {
    return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
  }

  /**
   * {@code zh} when the text holds a Han character, else {@code en}. Han characters, not CJK punctuation: an English
   * message may carry a full-width colon (Bitget 25567) and stays English.
   */
  static String language(String text) {
    return containsHan(text) ? LocalizedMessage.CHINESE : LocalizedMessage.ENGLISH;
  }

  static LocalizedMessage message(String text) {
    return new LocalizedMessage(language(text), text);
  }

  static boolean containsHan(String text) {
    return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }

  /** True for a string of ASCII digits, optionally after a minus sign. */
  static boolean isCode(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (text.length() == start) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
