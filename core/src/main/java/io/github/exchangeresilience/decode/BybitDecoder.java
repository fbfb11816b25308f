package io.github.exchangeresilience.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.ItemFields;
import java.io.IOException;

/**
 * Bybit v5: the code and message at the top, then {@code result}, {@code retExtInfo} and {@code time}.
 *
 * <p>Batch endpoints (batch create, amend and cancel) answer code 0 and put each item's code and message in
 * {@code retExtInfo.list[]}, and its client order id and order id in
 * {@code result.list[]} at the same index. {@code result} comes first and may be large, so it is skipped and read back
 * only once {@code retExtInfo} turned out to hold items. A non-zero code fails the whole request: no items.
 *
 * <p>The item fields are the specification's: the outcome's code and message in {@code retExtInfo}, the ids in
 * {@code result}.
 */
public final class BybitDecoder extends EnvelopeDecoder {
  private static final String SUCCESS = "0";

  private final ItemFields outcome;
  private final ItemFields order;

  public BybitDecoder(ExchangeSpec spec, ErrorCatalog catalog) {
    super(spec, catalog);
    this.outcome = new ItemFields(itemFields.code(), itemFields.message(), null, null);
    this.order = new ItemFields(null, null, itemFields.clientOrderId(), itemFields.orderId());
  }

  @Override
  boolean needsMore(Envelope envelope) {
    if (!SUCCESS.equals(envelope.code)) {
      return false;
    }
    if (!envelope.itemsRead) {
      return true;
    }
    return !envelope.items().isEmpty() && !envelope.itemIdsRead && !envelope.hasDeferred();
  }

  @Override
  void readContainer(String name, JsonParser parser, Envelope envelope) throws IOException {
    boolean mayHaveItems = !envelope.codeSeen || SUCCESS.equals(envelope.code);
    if ("retExtInfo".equals(name) && mayHaveItems) {
      readList(parser, envelope, true);
    } else if ("result".equals(name) && mayHaveItems && !envelope.itemsRead) {
      defer(parser, envelope);
    } else if ("result".equals(name) && !envelope.items().isEmpty()) {
      readList(parser, envelope, false);
    } else {
      skip(parser, envelope);
    }
  }

  @Override
  void finish(Envelope envelope) throws IOException {
    if (!SUCCESS.equals(envelope.code)) {
      envelope.clearItems(); // the top-level error decides, whatever retExtInfo holds
    } else if (!envelope.items().isEmpty() && !envelope.itemIdsRead && envelope.hasDeferred()) {
      readDeferred(envelope, parser -> readList(parser, envelope, false));
    }
  }

  /** Reads the {@code list} of the object the parser is on: outcomes from retExtInfo, or order ids from result. */
  private void readList(JsonParser parser, Envelope envelope, boolean outcomes) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
    } else {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (!"list".equals(name)) {
          parser.skipChildren();
        } else if (outcomes) {
          readItems(parser, envelope, outcome, false);
        } else {
          pairOrderIds(parser, envelope);
        }
      }
    }
    if (outcomes) {
      envelope.itemsRead = true;
    } else {
      envelope.itemIdsRead = true;
    }
  }

  /** Gives the i-th outcome the ids of the i-th order of {@code result.list}. */
  private void pairOrderIds(JsonParser parser, Envelope envelope) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    int index = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      if (token == JsonToken.START_OBJECT && index < envelope.items().size()) {
        ItemResult ids = readItem(parser, index, order, false);
        ItemResult outcome = envelope.items().get(index);
        envelope.setItem(index, new ItemResult(index, outcome.code(), outcome.message(), outcome.policyClass(),
            ids.clientOrderId(), ids.orderId()));
      } else {
        parser.skipChildren();
      }
      index++;
    }
  }
}
