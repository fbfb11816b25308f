package io.github.exchangeresilience.catalog;

import java.util.Objects;

/**
 * One message variant of a code, as the document writes it.
 *
 * @param language an ISO 639-1 code: {@code en} or {@code zh}
 * @param text the message text, placeholders such as {@code {0}} or {@code %s} kept
 */
public record LocalizedMessage(String language, String text) {
  public static final String ENGLISH = "en";
  public static final String CHINESE = "zh";

  public LocalizedMessage {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(text, "text");
  }

  public static LocalizedMessage en(String text) {
    return new LocalizedMessage(ENGLISH, text);
  }

  public static LocalizedMessage zh(String text) {
    return new LocalizedMessage(CHINESE, text);
  }

  public boolean isEnglish() {
    return ENGLISH.equals(language);
  }
}
