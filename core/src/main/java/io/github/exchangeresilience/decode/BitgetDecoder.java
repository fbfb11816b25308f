package io.github.exchangeresilience.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import java.io.IOException;

/**
 * Bitget: REST {@code {"code":"00000","msg":"success","requestTime":...,"data":{...}}} with string codes
 * ({@code "00000"} is success, kept as written), and WebSocket frames {@code {"event":"error","code":30001,"msg":...}}
 * with number codes ({@code 0} is success, as in a login answer).
 *
 * <p>Batch endpoints answer {@code "00000"} with {@code data.successList[]} and {@code data.failureList[]}, items with
 * the specification's item fields (the client order id, the order id and, for failures, a code and message). Items are listed successes
 * first, then failures: the answer does not keep the request order.
 */
public final class BitgetDecoder extends EnvelopeDecoder {
  private static final String SUCCESS = "00000";

  public BitgetDecoder(ExchangeSpec spec, ErrorCatalog catalog) {
    super(spec, catalog);
  }

  @Override
  boolean needsMore(Envelope envelope) {
    return SUCCESS.equals(envelope.code) && !envelope.itemsRead && !envelope.hasDeferred();
  }

  @Override
  void readContainer(String name, JsonParser parser, Envelope envelope) throws IOException {
    if (!"data".equals(name)) {
      skip(parser, envelope);
    } else if (!envelope.codeSeen) {
      defer(parser, envelope);
    } else if (SUCCESS.equals(envelope.code)) {
      readBatchLists(parser, envelope);
    } else {
      skip(parser, envelope);
    }
  }

  @Override
  void finish(Envelope envelope) throws IOException {
    if (SUCCESS.equals(envelope.code) && !envelope.itemsRead && envelope.hasDeferred()) {
      readDeferred(envelope, parser -> readBatchLists(parser, envelope));
    }
  }

  private void readBatchLists(JsonParser parser, Envelope envelope) throws IOException {
    envelope.itemsRead = true;
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      skip(parser, envelope); // a list or a value: an ordinary answer
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if ("successList".equals(name)) {
        readItems(parser, envelope, itemFields, true);
      } else if ("failureList".equals(name)) {
        readItems(parser, envelope, itemFields, false);
      } else {
        parser.skipChildren();
      }
    }
  }
}
