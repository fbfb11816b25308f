package io.github.exchangeresilience.decode;

import com.fasterxml.jackson.core.JsonParser;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import java.io.IOException;

/**
 * OKX v5: {@code {"code":"0","msg":"","data":[...]}}. With code {@code 1} (operation failed) or {@code 2} (bulk
 * operation partially succeeded) every {@code data[]} item carries its own code and message with its client order
 * id and order id (the specification's item fields): a single order's failure reason is only in its item, so every item is read.
 * With any other code {@code data} is never read.
 */
public final class OkxDecoder extends EnvelopeDecoder {
  public OkxDecoder(ExchangeSpec spec, ErrorCatalog catalog) {
    super(spec, catalog);
  }

  private static boolean outcomesInItems(Envelope envelope) {
    return "1".equals(envelope.code) || "2".equals(envelope.code);
  }

  @Override
  boolean needsMore(Envelope envelope) {
    return outcomesInItems(envelope) && !envelope.itemsRead && !envelope.hasDeferred();
  }

  @Override
  void readContainer(String name, JsonParser parser, Envelope envelope) throws IOException {
    if (!"data".equals(name)) {
      skip(parser, envelope);
    } else if (!envelope.codeSeen) {
      defer(parser, envelope); // code after data: whether the items matter is not known yet
    } else if (outcomesInItems(envelope)) {
      readItems(parser, envelope, itemFields, false);
    } else {
      skip(parser, envelope);
    }
  }

  @Override
  void finish(Envelope envelope) throws IOException {
    if (outcomesInItems(envelope) && !envelope.itemsRead && envelope.hasDeferred()) {
      readDeferred(envelope, parser -> readItems(parser, envelope, itemFields, false));
    }
  }
}
