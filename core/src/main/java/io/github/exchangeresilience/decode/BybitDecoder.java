package io.github.exchangeresilience.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;

/**
 * Bybit v5: {@code {"retCode":10006,"retMsg":"Too many visits!","result":{},"retExtInfo":{},"time":...}}.
 *
 * <p>Batch endpoints ({@code /v5/order/create-batch} and its amend and cancel siblings) answer retCode 0 and put each
 * item's {@code code}/{@code msg} in {@code retExtInfo.list[]}, and its {@code orderLinkId}/{@code orderId} in
 * {@code result.list[]} at the same index. {@code result} comes first and may be large, so it is skipped and read back
 * only once {@code retExtInfo} turned out to hold items. A non-zero retCode fails the whole request: no items.
 *
 * <p>Hints: {@code X-Bapi-Limit}, {@code X-Bapi-Limit-Status} (what is left) and {@code X-Bapi-Limit-Reset-Timestamp}.
 */
final class BybitDecoder extends EnvelopeDecoder {
  private static final ItemFields OUTCOME = new ItemFields("code", "msg", null, null);
  private static final ItemFields ORDER = new ItemFields(null, null, "orderLinkId", "orderId");
  private static final String SUCCESS = "0";

  BybitDecoder(ErrorCatalog catalog) {
    super(Exchange.BYBIT, catalog, "retCode", "retMsg", SUCCESS);
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
      try (JsonParser parser = reparse(envelope)) {
        readList(parser, envelope, false);
      }
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
          readItems(parser, envelope, OUTCOME, false);
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
        ItemResult ids = readItem(parser, index, ORDER, false);
        ItemResult outcome = envelope.items().get(index);
        envelope.setItem(index, new ItemResult(index, outcome.code(), outcome.message(), outcome.policyClass(),
            ids.clientOrderId(), ids.orderId()));
      } else {
        parser.skipChildren();
      }
      index++;
    }
  }

  @Override
  void readHints(ResponseSnapshot response, Envelope envelope, HintsBuilder hints) {
    HeaderLookup headers = response.headers();
    hints.bybitLimit(headers.get("X-Bapi-Limit"))
        .bybitLimitRemaining(headers.get("X-Bapi-Limit-Status"))
        .bybitLimitResetAt(headers.get("X-Bapi-Limit-Reset-Timestamp"));
  }
}
