package io.github.exchangeresilience.decode;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.exchange.BanRules;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.RateLimitHeaders;
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
  private final BanRules banRules;

  Classifier(ExchangeSpec spec, ErrorCatalog catalog) {
    this.exchange = spec.exchange();
    this.catalog = catalog;
    this.successCodes = spec.envelope().successCodes().toArray(new String[0]);
    this.rateLimitHeaders = spec.rateLimitHeaders();
    this.banRules = spec.banRules();
  }

  /** The class of a code from the catalog or the exchange's success codes; UNKNOWN for null or an unknown code. */
  PolicyClass classOf(String code) {
    return code == null ? PolicyClass.UNKNOWN : classOf(code, catalog.find(exchange, code).orElse(null));
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
    CatalogEntry entry = code == null ? null : catalog.find(exchange, code).orElse(null);
    PolicyClass codeClass = code == null ? PolicyClass.UNKNOWN : classOf(code, entry);
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

    return DecodedResponse.builder()
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
        .hints(hints(response, envelope))
        .build();
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
   * where the code or status may name one in the message.
   */
  private RateLimitHints hints(ResponseSnapshot response, Envelope envelope) {
    try {
      HeaderLookup headers = response.headers();
      HintsBuilder hints = new HintsBuilder().retryAfter(headers.get("Retry-After"));
      for (Map.Entry<String, String> used : rateLimitHeaders.used().entrySet()) {
        hints.used(used.getValue(), headers.get(used.getKey()));
      }
      for (Map.Entry<String, String> remaining : rateLimitHeaders.remaining().entrySet()) {
        hints.remaining(remaining.getValue(), headers.get(remaining.getKey()));
      }
      for (Map.Entry<String, String> limit : rateLimitHeaders.limits().entrySet()) {
        hints.limit(limit.getValue(), headers.get(limit.getKey()));
      }
      if (rateLimitHeaders.windowResetHeader() != null) {
        hints.windowResetAt(headers.get(rateLimitHeaders.windowResetHeader()));
      }
      if (banRules.mayNameBanEnd(envelope.code, response.httpStatus())) {
        hints.bannedUntilFrom(envelope.message);
      }
      return hints.build();
    } catch (RuntimeException hostileHeaders) {
      return RateLimitHints.NONE;
    }
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
