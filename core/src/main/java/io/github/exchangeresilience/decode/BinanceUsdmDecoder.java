package io.github.exchangeresilience.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import java.io.IOException;

/**
 * Binance USDⓈ-M Futures. An error is {@code {"code":-1003,"msg":"..."}}; a success is any object or array without a
 * code, or {@code code} 200 or 0 ({@code {"code":200,"msg":"The operation of cancel all open order is done."}}).
 *
 * <p>{@code POST} and {@code DELETE /fapi/v1/batchOrders} answer one array mixing orders and {@code {code,msg}}
 * elements, one per request item. Such an array is told from a list answer by its error elements; an all-success batch
 * answer looks exactly like a list of orders and decodes as a plain SUCCESS without items.
 *
 * <p>On HTTP 503 the message decides, whatever the code (Binance's general API information): "Unknown error..." may
 * have executed, "Service Unavailable." did not and the service is down, "Internal error..." did not and may be resent.
 */
public final class BinanceUsdmDecoder extends EnvelopeDecoder {

  /** {@code batchOrders} takes at most 5 new orders, its DELETE at most 10 ids: a longer array is a list answer. */
  private static final int MAX_BATCH = 10;

  public BinanceUsdmDecoder(ExchangeSpec spec, ErrorCatalog catalog) {
    super(spec, catalog);
  }

  @Override
  void readArray(JsonParser parser, Envelope envelope) throws IOException {
    boolean anyError = false;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
      int index = envelope.items().size();
      ItemResult item = readItem(parser, index, itemFields, true);
      anyError |= !item.succeeded();
      if (index < MAX_ITEMS) {
        envelope.addItem(item);
      }
      if (!anyError && index >= MAX_BATCH) {
        break; // a list of orders, trades, positions: not a batch answer
      }
    }
    if (token != JsonToken.END_ARRAY || !anyError) {
      // Elements that are not objects (kline rows), or no error among them: data, not batch outcomes.
      envelope.clearItems();
    }
  }

  @Override
  PolicyClass classFromMessage(int httpStatus, String message) {
    if (httpStatus != 503 || message.isEmpty()) {
      return null;
    }
    String text = message.strip();
    if (Text.startsWithIgnoreCase(text, "Unknown error, please check your request or try again later")) {
      return PolicyClass.EXECUTION_UNKNOWN;
    }
    if (Text.startsWithIgnoreCase(text, "Service Unavailable")) {
      return PolicyClass.UNAVAILABLE;
    }
    if (Text.startsWithIgnoreCase(text, "Internal error; unable to process your request")) {
      return PolicyClass.TRANSIENT;
    }
    return null;
  }
}
