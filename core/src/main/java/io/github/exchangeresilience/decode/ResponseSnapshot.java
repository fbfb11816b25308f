package io.github.exchangeresilience.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a decoder sees of one response: its status, its headers and a bounded prefix of its body. The decoder never
 * touches the response itself, so the body stays whole for the application.
 *
 * <p>The body may be a view of a larger array (an HTTP client's own buffer, not copied), and for a body longer than
 * the prefix limit, only its first bytes: a {@linkplain Builder#window window} that the decoder reads on from, to the
 * whole prefix, only when those bytes do not decide. Such a snapshot lives as long as the decode call it is made for.
 */
public final class ResponseSnapshot {
  /** The status of a snapshot of a WebSocket frame, which has none. */
  public static final int NO_HTTP_STATUS = 0;

  private final int httpStatus;
  private final HeaderLookup headers;
  private final String contentType;
  private final byte[] body;
  private final int bodyOffset;
  private final int bodyLength;
  private final boolean bodyComplete;
  private final Supplier<ResponseSnapshot> readOn;
  private final String unreadableReason;

  private ResponseSnapshot(Builder builder) {
    this.httpStatus = builder.httpStatus;
    this.headers = builder.headers;
    this.contentType = builder.contentType;
    this.body = builder.body;
    this.bodyOffset = builder.bodyOffset;
    this.bodyLength = builder.bodyLength;
    this.bodyComplete = builder.bodyComplete;
    this.readOn = builder.readOn;
    this.unreadableReason = builder.unreadableReason;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A snapshot of a whole WebSocket frame (Bitget error frames and alike). */
  public static ResponseSnapshot ofWebSocketFrame(String frame) {
    return builder().httpStatus(NO_HTTP_STATUS).body(frame.getBytes(StandardCharsets.UTF_8), true).build();
  }

  public int httpStatus() {
    return httpStatus;
  }

  public HeaderLookup headers() {
    return headers;
  }

  /** The {@code Content-Type} header, or {@code null}. */
  public String contentType() {
    return contentType;
  }

  /**
   * The body prefix, or the window's bytes. Not copied when the snapshot was built from a whole array: callers must not
   * modify it.
   */
  public byte[] body() {
    return bodyOffset == 0 && bodyLength == body.length
        ? body : Arrays.copyOfRange(body, bodyOffset, bodyOffset + bodyLength);
  }

  /** The array the body's bytes are in, from {@link #bodyOffset()} for {@link #bodyLength()} bytes: for decoders. */
  byte[] bodyArray() {
    return body;
  }

  int bodyOffset() {
    return bodyOffset;
  }

  int bodyLength() {
    return bodyLength;
  }

  /** Whether this is a window whose bytes a decoder may read on from. */
  boolean canReadOn() {
    return readOn != null;
  }

  /** The whole prefix of a window's body, read now; {@code null} when there is no more, or it could not be read. */
  ResponseSnapshot readOn() {
    return readOn == null ? null : readOn.get();
  }

  /**
   * True when {@link #body()} is the whole body; false when it is the first bytes only, cut at the decoder's prefix
   * limit. A JSON body that ends early while complete is truncated; one that ends early while not complete is merely
   * longer than the prefix.
   */
  public boolean bodyComplete() {
    return bodyComplete;
  }

  /**
   * Why the body could not be read at all (such as "gzip data could not be inflated"), or {@code null} when it could.
   * An unreadable body is decided as {@link BodyShape#UNREADABLE}, from the status and the headers alone.
   */
  public String unreadableReason() {
    return unreadableReason;
  }

  public static final class Builder {
    /** No body: one array for every snapshot without one, as none of them is ever written to. */
    private static final byte[] NO_BODY = new byte[0];

    private int httpStatus = 200;
    private HeaderLookup headers = HeaderLookup.NONE;
    private String contentType;
    private byte[] body = NO_BODY;
    private int bodyOffset;
    private int bodyLength;
    private boolean bodyComplete = true;
    private Supplier<ResponseSnapshot> readOn;
    private String unreadableReason;

    private Builder() {}

    public Builder httpStatus(int httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    public Builder headers(HeaderLookup headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    public Builder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    /** The body prefix, and whether it is the whole body. */
    public Builder body(byte[] body, boolean complete) {
      return body(body, 0, body.length, complete);
    }

    /**
     * The body prefix as {@code length} bytes of {@code bytes} from {@code offset}, not copied, and whether it is the
     * whole body.
     */
    public Builder body(byte[] bytes, int offset, int length, boolean complete) {
      Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(bytes, "bytes").length);
      this.body = bytes;
      this.bodyOffset = offset;
      this.bodyLength = length;
      this.bodyComplete = complete;
      this.readOn = null;
      return this;
    }

    /**
     * The first bytes of a body longer than them, as {@code length} bytes of {@code bytes} from {@code offset}, not
     * copied. A decoder that cannot decide from them asks {@code readOn} for the body's whole bounded prefix, once; it
     * gives {@code null} when that cannot be read (the connection failed: the caller, not the decoder, reports that).
     */
    public Builder window(byte[] bytes, int offset, int length, Supplier<ResponseSnapshot> readOn) {
      body(bytes, offset, length, false);
      this.readOn = Objects.requireNonNull(readOn, "readOn");
      return this;
    }

    /**
     * A body that could not be read: what it said is unknown. {@code reason} is a short text for messages, never the
     * body's bytes.
     */
    public Builder unreadableBody(String reason) {
      this.unreadableReason = Objects.requireNonNull(reason, "reason");
      return body(NO_BODY, true);
    }

    /** A whole body given as text, UTF-8 encoded. */
    public Builder body(String body) {
      return body(body.getBytes(StandardCharsets.UTF_8), true);
    }

    public ResponseSnapshot build() {
      return new ResponseSnapshot(this);
    }
  }
}
