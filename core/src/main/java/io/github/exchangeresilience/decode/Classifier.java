package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.exchange.BanRules;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.RateLimitHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The deciding half of a decoder: what the read found (a code, batch items, the body's shape) and the status, turned
 * into a class through the catalog and the exchange's success codes, with the rate-limit hints its specification
 * names.
 */
final class Classifier {
  private final Exchange exchange;
  private final ErrorCatalog catalog;
  private final String[] successCodes;
  private final RateLimitHeaders rateLimitHeaders;
  /** The specification's rate-limit headers as pairs of header and reading, walked by index: no iterator per call. */
  private final String[][] usedHeaders;
  private final String[][] remainingHeaders;
  private final String[][] limitHeaders;
  private final BanRules banRules;
  /** The headers {@link #hints} reads, found in one pass over a response's list of headers. */
  private final WantedHeaders wantedHeaders;
  /**
   * The last plain success decided, handed out again for the same status, code and message: immutable, and most
   * answers are that one. Racy by design: each thread sees some complete instance or builds its own.
   */
  private DecodedResponse lastSuccess;

  Classifier(ExchangeSpec spec, ErrorCatalog catalog) {
    this.exchange = spec.exchange();
    this.catalog = catalog;
    this.successCodes = spec.envelope().successCodes().toArray(new String[0]);
    this.rateLimitHeaders = spec.rateLimitHeaders();
    this.usedHeaders = pairs(rateLimitHeaders.used());
    this.remainingHeaders = pairs(rateLimitHeaders.remaining());
    this.limitHeaders = pairs(rateLimitHeaders.limits());
    this.banRules = spec.banRules();
    this.wantedHeaders = new WantedHeaders(wantedNames());
  }

  private static String[][] pairs(Map<String, String> headerToReading) {
    return headerToReading.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()})
        .toArray(String[][]::new);
  }

  /** A code with its catalog entry and class. */
  private record Lookup(String code, CatalogEntry entry, PolicyClass policyClass) {}

  /** The last code looked up: answers repeat their codes (racy by design, like {@link #lastSuccess}). */
  private Lookup lastLookup;

  private Lookup lookup(String code) {
    Lookup last = lastLookup;
    if (last != null && last.code().equals(code)) {
      return last;
    }
    CatalogEntry entry = catalog.find(exchange, code).orElse(null);
    Lookup found = new Lookup(code, entry, classOf(code, entry));
    lastLookup = found;
    return found;
  }

  /** The class of a code from the catalog or the exchange's success codes; UNKNOWN for null or an unknown code. */
  PolicyClass classOf(String code) {
    return code == null ? PolicyClass.UNKNOWN : lookup(code).policyClass();
  }

  private PolicyClass classOf(String code, CatalogEntry entry) {
    if (entry != null && entry.policyClass() != PolicyClass.UNKNOWN) {
      return entry.policyClass();
    }
    for (String success : successCodes) {
      if (success.equals(code)) {
        return PolicyClass.SUCCESS;
      }
    }
    return PolicyClass.UNKNOWN;
  }

  /** Decides an answer from what the read found: batch items, then the code, then the status. */
  DecodedResponse decide(ResponseSnapshot response, BodyShape shape, Envelope envelope, PolicyClass fromMessage) {
    int status = response.httpStatus();
    String code = envelope.code;
    Lookup lookup = code == null ? null : lookup(code);
    CatalogEntry entry = lookup == null ? null : lookup.entry();
    PolicyClass codeClass = lookup == null ? PolicyClass.UNKNOWN : lookup.policyClass();
    boolean unknownCode = envelope.codeSeen && codeClass == PolicyClass.UNKNOWN;

    PolicyClass policyClass;
    DecisionSource decidedBy = DecisionSource.CODE;
    if (fromMessage != null) {
      policyClass = fromMessage;
    } else if (shape == BodyShape.JSON && !envelope.items().isEmpty()) {
      policyClass = BatchOutcome.of(envelope.items());
    } else if (shape == BodyShape.JSON && !unknownCode && code != null) {
      policyClass = codeClass;
    } else if (!unknownCode && code != null) {
      // The body broke after its code was read (invalid UTF-8 in the message, cut short): the code counts, unless
      // what the status says of a broken body calls for more care.
      PolicyClass fromStatus = fromStatus(status, shape, true);
      policyClass = Caution.mostCautious(codeClass, fromStatus);
      decidedBy = policyClass == codeClass ? DecisionSource.CODE : DecisionSource.HTTP_STATUS;
    } else {
      policyClass = fromStatus(status, shape, envelope.codeSeen);
      decidedBy = DecisionSource.HTTP_STATUS;
    }

    RateLimitHints hints = hints(response, code, envelope.message);
    boolean plainSuccess = policyClass == PolicyClass.SUCCESS && decidedBy == DecisionSource.CODE
        && shape == BodyShape.JSON && envelope.items().isEmpty() && hints == RateLimitHints.NONE;
    DecodedResponse last = lastSuccess;
    if (plainSuccess && last != null && last.httpStatus() == status && code != null && code.equals(last.rawCode())
        && envelope.message.equals(last.message())) {
      return last;
    }
    DecodedResponse decoded = DecodedResponse.builder()
        .exchange(exchange)
        .httpStatus(status)
        .code(code)
        .message(envelope.message)
        .policyClass(policyClass)
        .decidedBy(decidedBy)
        .bodyShape(shape)
        .entry(entry)
        .unknownCode(unknownCode)
        .items(envelope.items())
        .hints(hints)
        .build();
    if (plainSuccess && code != null) {
      lastSuccess = decoded;
    }
    return decoded;
  }

  /** The exchange's documented meaning of a non-2xx status first, then the generic table. */
  private PolicyClass fromStatus(int status, BodyShape shape, boolean codePresent) {
    if (!StatusFallback.isSuccessful(status)) {
      // Never for a 2xx: a 2xx with an unknown code or an unreadable body must stay EXECUTION_UNKNOWN.
      CatalogEntry documented = catalog.findHttpStatus(exchange, status).orElse(null);
      if (documented != null && documented.policyClass() != PolicyClass.UNKNOWN) {
        return documented.policyClass();
      }
    }
    return StatusFallback.classify(status, shape, codePresent);
  }

  /**
   * {@code Retry-After} for every exchange, then the rate-limit headers the specification names, and the end of a ban
   * where the code or status may name one in the message. Most answers carry none: nothing is built for them.
   */
  RateLimitHints hints(ResponseSnapshot response, String code, String message) {
    try {
      String[] values = wantedHeaders.valuesIn(response.headers()); // in the order of wantedNames
      HintsBuilder hints = null;
      if (values != null) {
        int at = 0;
        if (values[at] != null) {
          hints = new HintsBuilder().retryAfter(values[at]);
        }
        for (String[] used : usedHeaders) {
          if (values[++at] != null) {
            hints = orNew(hints).used(used[1], values[at]);
          }
        }
        for (String[] remaining : remainingHeaders) {
          if (values[++at] != null) {
            hints = orNew(hints).remaining(remaining[1], values[at]);
          }
        }
        for (String[] limit : limitHeaders) {
          if (values[++at] != null) {
            hints = orNew(hints).limit(limit[1], values[at]);
          }
        }
        if (rateLimitHeaders.windowResetHeader() != null && values[++at] != null) {
          hints = orNew(hints).windowResetAt(values[at]);
        }
      }
      if (HintsBuilder.mayNameBanEnd(message) && banRules.mayNameBanEnd(code, response.httpStatus())) {
        hints = orNew(hints).bannedUntilFrom(message);
      }
      return hints == null ? RateLimitHints.NONE : hints.build();
    } catch (RuntimeException hostileHeaders) {
      return RateLimitHints.NONE;
    }
  }

  /**
   * The headers {@link #hints} reads, in its order: {@code Retry-After}, then the specification's used, remaining and
   * limit headers, then its window reset header, if any.
   */
  private List<String> wantedNames() {
    List<String> names = new ArrayList<>();
    names.add("Retry-After");
    for (String[][] pairs : List.of(usedHeaders, remainingHeaders, limitHeaders)) {
      for (String[] pair : pairs) {
        names.add(pair[0]);
      }
    }
    if (rateLimitHeaders.windowResetHeader() != null) {
      names.add(rateLimitHeaders.windowResetHeader());
    }
    return names;
  }

  private static HintsBuilder orNew(HintsBuilder hints) {
    return hints == null ? new HintsBuilder() : hints;
  }

  DecodedResponse fallback(int status, BodyShape shape) {
    return DecodedResponse.builder()
        .exchange(exchange)
        .httpStatus(status)
        .policyClass(fromStatus(status, shape, false))
        .decidedBy(DecisionSource.HTTP_STATUS)
        .bodyShape(shape)
        .build();
  }
}
