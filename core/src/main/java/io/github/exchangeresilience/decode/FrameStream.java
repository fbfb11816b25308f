package io.github.exchangeresilience.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * One jackson parser that reads a connection's WebSocket frames one after the other, each fed to it whole, so that a
 * frame costs no parser of its own: a parser's context, symbol table and bootstrapping are most of what reading a
 * small frame allocates. It is jackson's non-blocking parser, which reads a stream of JSON values; to the decoders it
 * reads as a parser made over the frame's bytes alone does: where the frame ends inside its JSON, {@link #nextToken}
 * throws the {@link JsonEOFException} that parser throws (never jackson's "not available yet"), and after the frame's
 * object it gives {@code null}, the end of the input. Its byte offsets count from its first frame ({@link #base}).
 *
 * <p>One frame at a time. After a frame that was not read to the clean end of one object ({@link #readToEnd} false) it
 * is closed, never fed again: what is left in it would be read as the start of the next frame.
 */
final class FrameStream extends JsonParserDelegate {
  /**
   * Frames one stream reads before it is closed and another made: closing hands its buffers back and its field names
   * to the factory's table, so that a long-lived connection never holds on to more than a few frames' worth.
   */
  static final int FRAMES_PER_STREAM = 1024;

  private final ByteArrayFeeder feeder;
  private byte[] frame;
  /** Bytes fed before the current frame. */
  private long base;
  private int framesFed;
  /** Where the current frame's top-level object closed, from its first byte; -1 until it has. */
  private int closedAt = -1;

  private FrameStream(JsonParser parser) {
    super(parser);
    this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
  }

  static FrameStream open() throws IOException {
    return new FrameStream(EnvelopeDecoder.JSON.createNonBlockingByteArrayParser());
  }

  /** Hands over the next frame, whole; false, nothing fed, once this stream has read its share. */
  boolean feed(byte[] next) throws IOException {
    if (framesFed == FRAMES_PER_STREAM) {
      return false;
    }
    framesFed++;
    if (frame != null) {
      base += frame.length;
    }
    frame = next;
    closedAt = -1;
    feeder.feedInput(next, 0, next.length);
    return true;
  }

  /** The stream's offset of the current frame's first byte: jackson's offsets less this are the frame's own. */
  long base() {
    return base;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken token = delegate.nextToken();
    if (token == JsonToken.NOT_AVAILABLE) {
      if (delegate.getParsingContext().inRoot()) {
        return null; // the frame's input is all read, outside any value
      }
      throw new JsonEOFException(this, null, "the frame ends inside its JSON");
    }
    if (token == JsonToken.END_OBJECT && closedAt < 0 && delegate.getParsingContext().inRoot()) {
      closedAt = (int) (((ParserBase) delegate).getTokenCharacterOffset() - base);
    }
    return token;
  }

  /** As jackson's own, over {@link #nextToken}: the delegate's would stop at "not available". */
  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken current = currentToken();
    if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (open > 0) {
      JsonToken token = nextToken();
      if (token == null) {
        return this;
      }
      if (token.isStructStart()) {
        open++;
      } else if (token.isStructEnd()) {
        open--;
      }
    }
    return this;
  }

  /**
   * Reads what the decoders left of the current frame: true when its top-level object closed with nothing but white
   * space after it, all of it read, so that the next frame is read as a new value; false, and the stream must be
   * closed, otherwise (a frame that breaks off, is not JSON, or has anything after its object).
   */
  boolean readToEnd() {
    try {
      while (closedAt < 0) {
        if (nextToken() == null) {
          return false;
        }
      }
      for (int i = closedAt + 1; i < frame.length; i++) {
        if (!BodySniffer.isJsonWhitespace(frame[i])) {
          return false;
        }
      }
      return delegate.currentToken() == JsonToken.NOT_AVAILABLE || delegate.nextToken() == JsonToken.NOT_AVAILABLE;
    } catch (IOException | RuntimeException broken) {
      return false;
    }
  }
}
