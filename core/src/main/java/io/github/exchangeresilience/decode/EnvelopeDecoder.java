package io.github.exchangeresilience.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.ItemFields;
import java.io.IOException;
import java.util.Objects;

/**
 * What the decoders share: sniffing the body, the streaming read of a top-level JSON object, the decision from code,
 * items or HTTP status, rate-limit hints and message bounding. The exchange's specification names the code and
 * message fields, the success codes, the item fields, the rate-limit headers and the ban rules; a subclass reads the
 * rest of its envelope's shape (where batch items are) through the hooks below, and never sees a body that is not
 * JSON.
 *
 * <p>The read is lazy: it stops as soon as the code and the message are known and the subclass needs nothing more,
 * so a 10 MiB success body costs what a small one does. A body that is only a prefix ({@link
 * ResponseSnapshot#bodyComplete()} false) is a long data answer: its envelope fields are in front of its bulk data or
 * nowhere we can see, so the read never skips over a container in it and never looks for batch items.
 */
abstract class EnvelopeDecoder implements ResponseDecoder {
  /** Shared by every decoder: thread-safe once built, and it keeps the field-name symbol table warm. */
  static final JsonFactory JSON = JsonFactory.builder().disable(JsonFactory.Feature.CHARSET_DETECTION).build();
  /**
   * For a body that opens with a byte order mark, which jackson skips as it detects the encoding; every other body is
   * read as UTF-8, as exchanges send JSON (RFC 8259, 8.1), without a detection per parse.
   */
  private static final JsonFactory JSON_AFTER_BOM = JsonFactory.builder().build();

  /** More items than any exchange accepts in one batch; the rest of a longer list is skipped. */
  static final int MAX_ITEMS = 256;

  /**
   * Complete bodies up to this size are searched for a second code key once the read stopped early: an envelope
   * writes its code once, and a longer body is a data answer, whose scan would cost more than the read itself.
   */
  static final int SECOND_CODE_SCAN_LIMIT = 16 * 1024;

  private final Exchange exchange;
  private final Classifier classifier;
  private final String codeField;
  private final String messageField;
  /** The code field's name in quotes, as the bytes a second code key would show. */
  private final BytePattern quotedCodeField;
  /** The fields of a batch item, as the specification names them. */
  final ItemFields itemFields;
  /** The exchange's success codes, which a code read is when written the same: see {@link JsonValues#code}. */
  private final String[] successCodes;
  /** The opening of the last answer whose read stopped early, to know a repeat of it by its bytes (racy by design). */
  private KnownOpening lastOpening;

  EnvelopeDecoder(ExchangeSpec spec, ErrorCatalog catalog) {
    this.exchange = spec.exchange();
    this.classifier = new Classifier(spec, Objects.requireNonNull(catalog, "catalog"));
    this.codeField = spec.envelope().codeField();
    this.messageField = spec.envelope().messageField();
    this.quotedCodeField = new BytePattern(('"' + codeField + '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
    this.itemFields = spec.envelope().items();
    this.successCodes = spec.envelope().successCodes().toArray(new String[0]);
  }

  @Override
  public final Exchange exchange() {
    return exchange;
  }

  @Override
  public final DecodedResponse decode(ResponseSnapshot response) {
    if (response == null) {
      return classifier.fallback(ResponseSnapshot.NO_HTTP_STATUS, BodyShape.EMPTY);
    }
    try {
      DecodedResponse repeat = repeatOfLastOpening(response);
      if (repeat != null) {
        return repeat;
      }
      Envelope envelope = new Envelope(response);
      BodyShape shape;
      if (response.unreadableReason() != null) {
        envelope.message = response.unreadableReason();
        shape = BodyShape.UNREADABLE;
      } else {
        shape = readBody(envelope, response.contentType());
      }
      // A window whose bytes did not decide: the whole prefix does, as if it had been handed over at once.
      ResponseSnapshot prefix = envelope.ranOut ? response.readOn() : null;
      if (prefix != null) {
        return decode(prefix);
      }
      PolicyClass fromMessage = shape == BodyShape.HTML ? null : classFromMessage(response.httpStatus(),
          envelope.message);
      DecodedResponse decided = classifier.decide(response, shape, envelope, fromMessage);
      if (envelope.readTo >= 0 && envelope.readTo < envelope.length() && decided.items().isEmpty()) {
        lastOpening = KnownOpening.of(response, envelope.readTo + 1, decided);
      }
      return decided;
    } catch (RuntimeException bug) {
      // Parse failures and throwing header lookups are handled below: this is a defect. Still decide.
      return classifier.fallback(response.httpStatus(),
          response.bodyLength() == 0 ? BodyShape.EMPTY : BodyShape.NOT_JSON);
    }
  }

  /**
   * Decodes a WebSocket frame that is its own envelope (the code and the message at its top, beside its request id):
   * the frame is tokenized once, its own fields going to {@code frame} as they pass, and the answer is decided as
   * {@code frame}'s {@linkplain FrameFields#snapshot() snapshot} once the read is over, with the status and headers the
   * frame's fields gave. The envelope is read exactly as {@link #decode} reads the same bytes, and, as it, never
   * throws; only the frame's own fields are read on where that read stops.
   *
   * <p>With a {@code stream}, fed the frame, the frame is read by it instead of a parser of its own, to the same
   * decision: where the read stops, it goes on through the rest of the frame (the stream must read to the frame's end
   * before the next one anyway) reading only what the read that stops there reads ({@link #readObject}). {@code null}
   * when the stream cannot decide the frame so: it is not well-formed JSON, or its read would come back to a container
   * it skipped, whose offset a stream does not give as a parser of its own does; the frame is then read with one.
   */
  final DecodedResponse decodeFrame(byte[] bytes, FrameFields frame, FrameStream stream) {
    Envelope envelope = new Envelope(bytes);
    if (stream != null) {
      envelope.streamed = true;
      envelope.offsetBase = stream.base();
    }
    try {
      BodyShape shape = readJson(envelope, frame, stream);
      if (stream != null && (shape != BodyShape.JSON || envelope.needsOffsets)) {
        return null;
      }
      ResponseSnapshot response = frame.snapshot();
      return classifier.decide(response, shape, envelope, classFromMessage(response.httpStatus(), envelope.message));
    } catch (RuntimeException bug) {
      if (stream != null) {
        return null; // read again with a parser of its own, which decides even on a defect
      }
      // As in decode: a defect, and still a decision.
      return classifier.fallback(frame.snapshot().httpStatus(), BodyShape.NOT_JSON);
    }
  }

  /**
   * The fields a WebSocket frame has beside its envelope (its request id, its kind, header-like fields), read in the
   * same pass as the envelope: see {@link #decodeFrame}.
   */
  interface FrameFields {
    /**
     * Reads {@code name}'s value, the parser on its first token, if it is one of the frame's own fields, leaving the
     * parser on its last token; false, the parser untouched, when it is not.
     */
    boolean read(String name, JsonToken value, JsonParser parser) throws IOException;

    /** What the frame is decided as, once read: its status, its headers, and its bytes as the body. */
    ResponseSnapshot snapshot();

    /**
     * Whether nothing from {@code offset} on, where the envelope's read is over, could change what was found: the read
     * then stops there, as a REST answer's does, and the rest of the frame (an order's data) is never tokenized.
     */
    boolean settledAt(int offset);
  }

  // ---- Hooks ----

  /**
   * Reads a top-level field other than the code and the message whose value is an object or an array; the parser is
   * on its start token and must be left on its end token. Called only for a complete body. The default skips it.
   */
  void readContainer(String name, JsonParser parser, Envelope envelope) throws IOException {
    skip(parser, envelope);
  }

  /**
   * Whether reading must go on although the code and the message are known: batch items are still ahead, or were
   * skipped and must be read back. Called only for a complete body.
   */
  boolean needsMore(Envelope envelope) {
    return false;
  }

  /**
   * Reads a complete body that is a top-level array, the parser on its start. By default it is JSON without an
   * envelope, read to its end: an exchange that never answers with an array gets no early stop on garbage after
   * a {@code [}.
   */
  void readArray(JsonParser parser, Envelope envelope) throws IOException {
    parser.skipChildren();
  }

  /** Called once the top-level read is over, early or not, to read back what was deferred; not for a prefix. */
  void finish(Envelope envelope) throws IOException {}

  /** A class that the exchange documents for a message text, overriding the code (Binance's 503 answers). */
  PolicyClass classFromMessage(int httpStatus, String message) {
    return null;
  }

  // ---- Helpers for subclasses ----

  /**
   * Skips the top-level container {@link #readContainer} was called for, unless the read is over anyway: a container
   * is only tokenized if something after it is needed. Not for a container nested deeper, whose caller reads on.
   */
  final void skip(JsonParser parser, Envelope envelope) throws IOException {
    if (!isDone(envelope)) {
      parser.skipChildren();
    }
  }

  /** Notes where the current container starts so that {@link #readDeferred} can come back to it, and skips it. */
  final void defer(JsonParser parser, Envelope envelope) throws IOException {
    if (envelope.streamed) {
      envelope.deferWithoutOffset(); // a stream counts offsets from its first frame, and not as a parser of its own
    } else {
      // Jackson counts offsets from the start of the bytes it was given.
      envelope.defer(parser.currentTokenLocation().getByteOffset());
    }
    parser.skipChildren();
  }

  /** How a decoder reads a container it came back to, the parser on its start token. */
  interface ContainerRead {
    void read(JsonParser parser) throws IOException;
  }

  /**
   * Comes back to the container {@link #defer} noted and reads it with {@code read}. A stream cannot come back (it
   * gives no offset in the frame's own bytes): its read is marked, and done again with a parser of the frame's own.
   * Only answers whose code needs the skipped container come back: an OKX order answer with {@code data} before
   * {@code "code":"0"} is decided by the stream.
   */
  final void readDeferred(Envelope envelope, ContainerRead read) throws IOException {
    if (envelope.streamed) {
      envelope.needsOffsets = true;
      return;
    }
    int offset = envelope.start + envelope.deferredOffset();
    try (JsonParser parser = JSON.createParser(envelope.body, offset, envelope.end - offset)) {
      parser.nextToken();
      read.read(parser);
    }
  }

  /**
   * Reads the array the parser is on as batch items into the envelope, marking items read. A value that is not an
   * array holds no items and is skipped.
   *
   * @param codelessSucceeds whether an item without a code is a success (a Binance order, a Bitget successList entry)
   *     or of unknown outcome
   */
  final void readItems(JsonParser parser, Envelope envelope, ItemFields fields, boolean codelessSucceeds)
      throws IOException {
    envelope.itemsRead = true;
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      if (token == JsonToken.START_OBJECT && envelope.items().size() < MAX_ITEMS) {
        envelope.addItem(readItem(parser, envelope.items().size(), fields, codelessSucceeds));
      } else {
        parser.skipChildren();
      }
    }
  }

  /** Reads the item object the parser is on, skipping fields other than {@code fields}. */
  final ItemResult readItem(JsonParser parser, int index, ItemFields fields, boolean codelessSucceeds)
      throws IOException {
    boolean codeSeen = false;
    String code = null;
    String message = "";
    String clientOrderId = null;
    String orderId = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals(fields.code())) {
        codeSeen = true;
        code = JsonValues.code(parser, value, successCodes);
      } else if (name.equals(fields.message())) {
        message = JsonValues.message(parser, value);
      } else if (name.equals(fields.clientOrderId())) {
        clientOrderId = JsonValues.id(parser, value);
      } else if (name.equals(fields.orderId())) {
        orderId = JsonValues.id(parser, value);
      } else {
        parser.skipChildren();
      }
    }
    PolicyClass policyClass = !codeSeen && codelessSucceeds ? PolicyClass.SUCCESS : classOf(code);
    return new ItemResult(index, code, message, policyClass, clientOrderId, orderId);
  }

  /** The class of a code from the catalog or the exchange's success codes; UNKNOWN for null or an unknown code. */
  final PolicyClass classOf(String code) {
    return classifier.classOf(code);
  }

  // ---- Reading ----

  private BodyShape readBody(Envelope envelope, String contentType) {
    byte[] body = envelope.body;
    int first = BodySniffer.firstSignificantByte(body, envelope.start, envelope.end);
    if (first >= 0 && BodySniffer.opensJson(body[first])) {
      return readJson(envelope, null, null);
    }
    if (envelope.canReadOn) {
      // Blank so far, or not JSON: a page or a line of text is read from the whole prefix, as it always was.
      envelope.ranOut = true;
    }
    if (first < 0) {
      return BodyShape.EMPTY;
    }
    if (BodySniffer.isHtml(body, first, envelope.end, contentType)) {
      envelope.message = BodySniffer.htmlTitle(body, first, envelope.end);
      return BodyShape.HTML;
    }
    envelope.message = BodySniffer.firstLine(body, first, envelope.end);
    return BodyShape.NOT_JSON;
  }

  /**
   * Reads a JSON body; a frame's own fields, where the body is a WebSocket frame, go to {@code frame}. A {@code stream}
   * fed the frame reads it, else a parser of its own, closed after.
   */
  private BodyShape readJson(Envelope envelope, FrameFields frame, FrameStream stream) {
    JsonFactory json = BodySniffer.opensWithBom(envelope.body, envelope.start, envelope.end) ? JSON_AFTER_BOM : JSON;
    try (JsonParser own = stream != null ? null : json.createParser(envelope.body, envelope.start, envelope.length())) {
      JsonParser parser = stream != null ? stream : own;
      JsonToken root = parser.nextToken();
      if (root == JsonToken.START_OBJECT) {
        readObject(parser, envelope, frame);
      } else if (root == JsonToken.START_ARRAY && envelope.complete) {
        readArray(parser, envelope); // a prefix of an array is a long list answer, never a batch result
      }
      if (envelope.complete) {
        finish(envelope);
      }
      return BodyShape.JSON;
    } catch (JsonEOFException endOfInput) {
      if (!envelope.complete) {
        // The prefix ended, not the body: decide from what was found; a window's end reads on first.
        envelope.ranOut = envelope.canReadOn;
        return BodyShape.JSON;
      }
      envelope.clearItems();
      return BodyShape.TRUNCATED_JSON;
    } catch (IOException malformed) {
      // Invalid JSON, invalid UTF-8 (or a character cut at a window's end), nesting or numbers beyond jackson's limits.
      envelope.ranOut = envelope.canReadOn;
      envelope.clearItems();
      return BodyShape.NOT_JSON;
    }
  }

  private void readObject(JsonParser parser, Envelope envelope, FrameFields frame) throws IOException {
    // Once the read is done, only a second code key ahead matters: every other value is skipped.
    boolean codesOnly = false;
    // A stream's read on where the read stops: the code keys, and the frame's fields where settled, are skipped too.
    boolean codesPassedOver = false;
    boolean framePassedOver = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == null) {
        return;
      }
      if (frame != null && !framePassedOver && frame.read(name, value, parser)) {
        continue; // never an envelope field, and the read was not done before it: nothing to check
      }
      if (name.equals(codeField) && !codesPassedOver) {
        readCode(parser, value, envelope);
      } else if (codesOnly) {
        parser.skipChildren();
      } else if (name.equals(messageField)) {
        envelope.messageSeen = true;
        envelope.message = JsonValues.message(parser, value);
      } else if (value.isStructStart()) {
        if (!envelope.complete) {
          return; // bulk data of a long answer: what is not in front of it stays out of reach
        }
        readContainer(name, parser, envelope);
      }
      if (!codesOnly && isDone(envelope)) {
        int readTo = (int) (parser.currentLocation().getByteOffset() - envelope.offsetBase);
        if (!secondCodeKeyAhead(envelope.code, envelope.body, envelope.start, envelope.start + readTo, envelope.end,
            envelope.complete)) {
          envelope.readTo = readTo;
          boolean settled = frame == null || frame.settledAt(envelope.start + readTo);
          if (!envelope.streamed) {
            if (!settled) {
              readFrameRest(parser, frame);
            }
            return;
          }
          // A stream reads on to the frame's end before the next frame: through what is left, it reads what the read
          // that stops here does (the frame's fields where they are not settled) and nothing else.
          codesPassedOver = true;
          framePassedOver = settled;
        }
        codesOnly = true;
        if (parser.currentToken().isStructStart()) {
          parser.skipChildren(); // a container the read stopped in front of
        }
      }
    }
  }

  /**
   * Reads the rest of a frame whose envelope is read: only the frame's own fields are left. A break in them leaves the
   * envelope as found, as the read of the same bytes as a REST answer, which stops here, would.
   */
  private static void readFrameRest(JsonParser parser, FrameFields frame) {
    try {
      if (parser.currentToken().isStructStart()) {
        parser.skipChildren(); // a container the read stopped in front of
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == null) {
          return;
        }
        if (!frame.read(name, value, parser)) {
          parser.skipChildren();
        }
      }
    } catch (IOException brokenAfterTheEnvelope) {
      // The frame's fields after the break are lost, as they would be to any reader; the answer's are not.
    }
  }

  /**
   * Whether the rest of a small complete body, {@code body[readTo, end)} of {@code body[start, end)}, holds the code
   * key again, where it could still matter: the read stopped early at {@code readTo}, and the code found so far is not
   * already the most cautious. A byte search, far cheaper than tokenizing the rest.
   */
  private boolean secondCodeKeyAhead(String code, byte[] body, int start, int readTo, int end, boolean complete) {
    if (!complete || end - start > SECOND_CODE_SCAN_LIMIT || Caution.isMostCautious(classOf(code))) {
      return false;
    }
    return quotedCodeField.foundIn(body, readTo, end);
  }

  /**
   * The decision for an answer that opens with the very bytes of the last answer whose read stopped early (the bytes the
   * read looked at, and the one after them), with the same status and completeness: the read would stop at the same
   * place with the same findings, so only what lies outside those bytes is looked at again (a second code key
   * ahead, the headers' hints). {@code null} when it is no such repeat. Exchanges answer the same success, and the same
   * rate-limit error, again and again: a repeat costs no parser.
   */
  private DecodedResponse repeatOfLastOpening(ResponseSnapshot response) {
    KnownOpening known = lastOpening;
    if (known == null || !known.opens(response)) {
      return null;
    }
    DecodedResponse decided = known.decided();
    int start = response.bodyOffset();
    if (secondCodeKeyAhead(decided.rawCode(), response.bodyArray(), start, start + known.readTo(),
        start + response.bodyLength(), response.bodyComplete())) {
      return null;
    }
    RateLimitHints hints = classifier.hints(response, decided.rawCode(), decided.message());
    return hints.equals(decided.hints()) ? decided : decided.withHints(hints);
  }

  /**
   * Reads the code. A number that ends where the bytes end may be cut short (-10 of -1003) and is not taken. A body
   * that writes its code key twice with different codes is taken at the one that calls for more care.
   */
  private void readCode(JsonParser parser, JsonToken value, Envelope envelope) throws IOException {
    if (value.isNumeric() && parser.currentLocation().getByteOffset() - envelope.offsetBase >= envelope.length()) {
      return;
    }
    String code = JsonValues.code(parser, value, successCodes);
    if (envelope.codeSeen && envelope.code != null && (code == null || !code.equals(envelope.code))) {
      if (code != null && Caution.mostCautious(classOf(envelope.code), classOf(code)) != classOf(envelope.code)) {
        envelope.code = code;
      }
      return;
    }
    envelope.codeSeen = true;
    envelope.code = code;
  }

  private boolean isDone(Envelope envelope) {
    return envelope.codeSeen && envelope.messageSeen && !(envelope.complete && needsMore(envelope));
  }
}
