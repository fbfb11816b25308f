package io.github.exchangeresilience.catalog.importer;

import io.github.exchangeresilience.catalog.LocalizedMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers shared by the parsers. */
final class Text {
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)\\s]*\\)");
  private static final Pattern STRONG = Pattern.compile("\\*\\*(.+?)\\*\\*");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]*)`");

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

  /**
   * The text a reader of the rendered page sees: {@code [allowable range](https://...)} becomes {@code allowable
   * range}, {@code **GET**} and {@code `category`} lose their marks, and escapes are removed. So a message saved from a
   * markdown page and the same message saved from the rendered page are one variant, not two.
   */
  static String plainMarkdown(String text) {
    String plain = LINK.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
    plain = STRONG.matcher(plain).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
    plain = CODE_SPAN.matcher(plain).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
    return unescapeMarkdown(plain).strip();
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
