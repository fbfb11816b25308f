package io.github.exchangeresilience.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.WebSocketApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the text frames of one exchange's WebSocket API as its specification describes them: the request id, the
 * frame's kind, the {@link ResponseSnapshot} its decoder reads, and the decoder's decision, so that a frame is decided
 * exactly as a REST answer is. Where the exchange wraps a REST-shaped answer (a status, then a result or an error),
 * the status becomes the snapshot's status and the wrapped object its body; header-like fields and rate-limit
 * readings (and a refusal's moment to send again) become the headers the specification's rate-limit headers name.
 * Elsewhere the frame is the body, without a status.
 *
 * <p>A frame that is its own envelope is tokenized once, the decoder reading the envelope while this reads the
 * frame's own fields ({@link EnvelopeDecoder#decodeFrame}), and by one streaming parser that reads frame after frame
 * ({@link FrameStream}), where a small frame would otherwise make a parser of its own. A wrapped answer is read in
 * two: the frame here, to find where the answer ends and the status and rate-limit readings around it, then the
 * answer by the decoder, as a REST body; so is every frame for a decoder of the application's own.
 *
 * <p>Never throws: a frame that is not JSON, or breaks off, is handed on with what could be read (its id, if it came
 * before the break) for the decoder to decide from its shape.
 */
public final class WebSocketFrameReader {
  /**
   * Frames up to this long are read by a {@link FrameStream}, longer ones by a parser of their own: a stream reads a
   * frame to its end, where a parser of its own stops once the answer is decided, and a stream's buffers, kept from one
   * frame to the next, stay small. Answers to orders are a few hundred bytes.
   */
  static final int STREAMED_FRAME_LIMIT = 16 * 1024;

  private final WebSocketApi.Requests requests;
  private final WebSocketApi.Frames frames;
  private final ResponseDecoder decoder;
  /** The decoder, where it reads a frame that is its own envelope in the same pass as this: else {@code null}. */
  private final EnvelopeDecoder onePass;
  /** Whether frames carry fields that add to what was found wherever they are: a status, headers, rate limits. */
  private final boolean fieldsAddUp;
  /** The id field's name in quotes, as the bytes a later id (which would be the one taken) would show. */
  private final BytePattern quotedIdField;
  /** The kinds the specification names (its operations, its login, error and notice): read as these strings. */
  private final String[] knownKinds;
  /**
   * The stream no read is using, which the next one takes ({@code null} while one reads: a read on another
   * connection's thread at the same moment opens its own); {@code null} forever where frames are not streamed.
   */
  private final AtomicReference<FrameStream> idleStream;

  /** Reads {@code spec}'s frames, deciding them with {@code decoder}, as a rule the exchange's own. */
  public WebSocketFrameReader(ExchangeSpec spec, ResponseDecoder decoder) {
    this(spec, decoder, true);
  }

  /** As above; {@code streamed} false reads every frame with a parser of its own: the oracle of the streamed read. */
  WebSocketFrameReader(ExchangeSpec spec, ResponseDecoder decoder, boolean streamed) {
    this.idleStream = streamed ? new AtomicReference<>() : null;
    WebSocketApi api = Objects.requireNonNull(spec, "spec").webSocket();
    this.requests = api.requests();
    this.frames = api.frames();
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.onePass = frames.bodyFields().isEmpty() && decoder instanceof EnvelopeDecoder envelopes ? envelopes : null;
    this.fieldsAddUp = frames.statusField() != null || frames.headerField() != null || frames.rateLimits() != null;
    this.quotedIdField = new BytePattern(('"' + requests.idField() + '"').getBytes(StandardCharsets.UTF_8));
    this.knownKinds = java.util.stream.Stream.of(requests.place(), requests.cancel(), requests.status(),
        api.login() == null ? null : api.login().op(), frames.errorEvent(), frames.noticeEvent())
        .filter(Objects::nonNull).distinct()
        .toArray(String[]::new);
  }

  /** What one read found, while reading: the frame's own fields, as the decoder's read of one goes by. */
  private final class Found implements EnvelopeDecoder.FrameFields {
    final byte[] bytes;
    String id;
    String kind;
    int status = ResponseSnapshot.NO_HTTP_STATUS;
    int bodyStart = -1;
    int bodyEnd = -1;
    Map<String, String> headers;
    private ResponseSnapshot snapshot;

    Found(byte[] bytes) {
      this.bytes = bytes;
    }

    void header(String name, String value) {
      if (headers == null) {
        headers = new HashMap<>();
      }
      headers.put(name, value);
    }

    @Override
    public boolean read(String name, JsonToken value, JsonParser parser) throws IOException {
      return readField(name, value, parser, this);
    }

    /**
     * Settled once the kind is found (the first one is taken), where no field adds up, and no id key lies ahead (the
     * last one is taken, and a frame without one has none to find).
     */
    @Override
    public boolean settledAt(int offset) {
      return kind != null && !fieldsAddUp && !quotedIdField.foundIn(bytes, offset, bytes.length);
    }

    @Override
    public ResponseSnapshot snapshot() {
      if (snapshot == null) {
        if (frames.retryAfter() != null && status >= 400) {
          retryAfter(bytes, this);
        }
        // The answer's own object is decided in place, a view of the frame's bytes: nothing copied.
        ResponseSnapshot.Builder builder = ResponseSnapshot.builder().httpStatus(status)
            .contentType("application/json");
        if (bodyStart >= 0) {
          builder.body(bytes, bodyStart, bodyEnd - bodyStart, true);
        } else {
          builder.body(bytes, true);
        }
        if (headers != null) {
          builder.headers(HeaderLookup.of(headers));
        }
        snapshot = builder.build();
      }
      return snapshot;
    }
  }

  public WebSocketFrame read(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int first = BodySniffer.firstSignificantByte(bytes, 0, bytes.length);
    if (first < 0 || bytes[first] != '{') {
      ResponseSnapshot whole = ResponseSnapshot.builder().httpStatus(ResponseSnapshot.NO_HTTP_STATUS)
          .body(bytes, true).build();
      return new WebSocketFrame(text, false, null, null, whole, decoder.decode(whole));
    }
    if (onePass != null) {
      WebSocketFrame streamed = readStreamed(text, bytes);
      if (streamed != null) {
        return streamed;
      }
      Found found = new Found(bytes);
      DecodedResponse decided = onePass.decodeFrame(bytes, found, null);
      return new WebSocketFrame(text, true, found.id, found.kind, found.snapshot(), decided);
    }
    Found found = new Found(bytes);
    try (JsonParser parser = EnvelopeDecoder.JSON.createParser(bytes)) {
      parser.nextToken();
      readObject(parser, found);
    } catch (IOException | RuntimeException broken) {
      if (found.bodyStart >= 0 && found.bodyEnd < 0) {
        found.bodyEnd = bytes.length; // the body broke off with the frame: the decoder sees it truncated
      }
    }
    ResponseSnapshot snapshot = found.snapshot();
    return new WebSocketFrame(text, true, found.id, found.kind, snapshot, decoder.decode(snapshot));
  }

  /**
   * The frame read by the idle stream, which is kept for the next frame if it read this one to a clean end; {@code
   * null} when it is not for a stream (longer than {@link #STREAMED_FRAME_LIMIT}, or opening with a byte order mark,
   * which a stream would not skip) or the stream could not decide it: it is read with a parser of its own, as before,
   * and the stream closed.
   */
  private WebSocketFrame readStreamed(String text, byte[] bytes) {
    if (idleStream == null || bytes.length > STREAMED_FRAME_LIMIT
        || BodySniffer.opensWithBom(bytes, 0, bytes.length)) {
      return null;
    }
    FrameStream stream = idleStream.getAndSet(null);
    try {
      if (stream != null && !stream.feed(bytes)) {
        stream.close(); // read its share: another one takes over
        stream = null;
      }
      if (stream == null) {
        stream = FrameStream.open();
        stream.feed(bytes);
      }
      Found found = new Found(bytes);
      DecodedResponse decided = onePass.decodeFrame(bytes, found, stream);
      if (decided == null || !stream.readToEnd()) {
        stream.close();
        return null;
      }
      WebSocketFrame frame = new WebSocketFrame(text, true, found.id, found.kind, found.snapshot(), decided);
      if (!idleStream.compareAndSet(null, stream)) {
        stream.close();
      }
      return frame;
    } catch (IOException | RuntimeException failed) {
      if (stream != null) {
        try {
          stream.close();
        } catch (IOException ignored) {
          // a byte-array parser's close has nothing to fail on
        }
      }
      return null;
    }
  }

  /** The stream the next frame will be read by, if one was kept; for the tests. */
  FrameStream idleStream() {
    return idleStream == null ? null : idleStream.get();
  }

  private void readObject(JsonParser parser, Found found) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == null) {
        return;
      }
      if (found.bodyStart < 0 && frames.bodyFields().contains(name) && value.isStructStart()) {
        found.bodyStart = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        found.bodyEnd = (int) parser.currentLocation().getByteOffset();
      } else if (!readField(name, value, parser, found)) {
        parser.skipChildren();
      }
    }
  }

  /** Reads one of the frame's own fields other than a wrapped answer; false, the parser untouched, for any other. */
  private boolean readField(String name, JsonToken value, JsonParser parser, Found found) throws IOException {
    if (name.equals(requests.idField()) && value.isScalarValue()) {
      found.id = value == JsonToken.VALUE_NULL ? null : parser.getText();
    } else if (found.kind == null && frames.kindFields().contains(name) && value == JsonToken.VALUE_STRING) {
      String known = Text.oneOf(parser, knownKinds);
      found.kind = known != null ? known : parser.getText();
    } else if (name.equals(frames.statusField()) && value == JsonToken.VALUE_NUMBER_INT) {
      found.status = statusOf(parser.getLongValue());
    } else if (name.equals(frames.headerField()) && value == JsonToken.START_OBJECT) {
      readHeaders(parser, found);
    } else if (frames.rateLimits() != null && name.equals(frames.rateLimits().field())
        && value == JsonToken.START_ARRAY) {
      readRateLimits(parser, found);
    } else {
      return false;
    }
    return true;
  }

  /** A status in HTTP's range, else none: a frame's number is range-checked like any from the wire. */
  private static int statusOf(long value) {
    return value >= 100 && value <= 599 ? (int) value : ResponseSnapshot.NO_HTTP_STATUS;
  }

  private static void readHeaders(JsonParser parser, Found found) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
        found.header(name, parser.getText());
      } else {
        parser.skipChildren();
      }
    }
  }

  /** Each reading becomes the REST header of the same reading, its count the value. */
  private void readRateLimits(JsonParser parser, Found found) throws IOException {
    WebSocketApi.RateLimits shape = frames.rateLimits();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      String type = null;
      String interval = null;
      String intervalNum = null;
      String count = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        String text = value != null && value.isScalarValue() ? parser.getText() : null;
        if (text == null) {
          parser.skipChildren();
        } else if (name.equals(shape.typeField())) {
          type = text;
        } else if (name.equals(shape.intervalField())) {
          interval = text;
        } else if (name.equals(shape.intervalNumField())) {
          intervalNum = text;
        } else if (name.equals(shape.countField())) {
          count = text;
        }
      }
      String prefix = type == null ? null : shape.headerPrefixes().get(type);
      if (prefix != null && interval != null && !interval.isEmpty() && intervalNum != null && count != null
          && intervalNum.length() <= 4 && intervalNum.chars().allMatch(Character::isDigit)) {
        found.header(prefix + intervalNum + Character.toUpperCase(interval.charAt(0)), count);
      }
    }
  }

  /** A refusal's moment to send again, as a {@code Retry-After} in seconds from the server's time beside it. */
  private void retryAfter(byte[] bytes, Found found) {
    long at = longAt(bytes, frames.retryAfter().path());
    long serverTime = longAt(bytes, frames.retryAfter().serverTimePath());
    if (at > 0 && serverTime > 0 && at >= serverTime) {
      long seconds = (at - serverTime + 999) / 1000;
      found.header("Retry-After", Long.toString(seconds));
    }
  }

  /** The integer at {@code path} from the top, or -1. */
  static long longAt(byte[] bytes, List<String> path) {
    try (JsonParser parser = EnvelopeDecoder.JSON.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return -1;
      }
      int level = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!path.get(level).equals(name)) {
          parser.skipChildren();
        } else if (level == path.size() - 1) {
          return value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_STRING ? parse(parser.getText()) : -1;
        } else if (value == JsonToken.START_OBJECT) {
          level++;
        } else {
          return -1;
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long parse(String text) {
    String digits = text.trim();
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(digits);
  }
}
