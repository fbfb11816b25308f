package io.github.exchangeresilience.exchange;

import java.util.Objects;
import java.util.Set;

/**
 * Where an exchange's answers keep their code and message, which codes mean success, and the fields of a batch
 * answer's items. The decoder of the exchange reads the rest of the envelope's shape.
 *
 * @param codeField the top-level field of the code
 * @param messageField the top-level field of the message
 * @param successCodes codes that mean success whether or not the catalog lists them
 * @param items the fields of one batch item's outcome
 */
public record Envelope(String codeField, String messageField, Set<String> successCodes, ItemFields items) {
  public Envelope {
    Objects.requireNonNull(codeField, "codeField");
    Objects.requireNonNull(messageField, "messageField");
    successCodes = Set.copyOf(successCodes);
    Objects.requireNonNull(items, "items");
  }
}
