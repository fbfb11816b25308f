package io.github.exchangeresilience.decode;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a decoder sees of one response: its status, its headers and a bounded prefix of its body. The decoder never
 * touches the response itself, so the body stays whole for the application.
 */
public final class ResponseSnapshot {
  /** The status of a snapshot of a WebSocket frame, which has none. */
  public static final int NO_HTTP_STATUS = 0;

  private final int httpStatus;
  private final HeaderLookup headers;
  private final String contentType;
  private final byte[] body;
  private final boolean bodyComplete;
  private final String unreadableReason;

  private ResponseSnapshot(Builder builder) {
    this.httpStatus = builder.httpStatus;
    this.headers = builder.headers;
    this.contentType = builder.contentType;
    this.body = builder.body;
    this.bodyComplete = builder.bodyComplete;
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

  /** The body prefix. Not copied: callers must not modify it. */
  public byte[] body() {
    return body;
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
    private int httpStatus = 200;
    private HeaderLookup headers = HeaderLookup.NONE;
    private String contentType;
    private byte[] body = new byte[0];
    private boolean bodyComplete = true;
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
      this.body = Objects.requireNonNull(body, "body");
      this.bodyComplete = complete;
      return this;
    }

    /**
     * A body that could not be read: what it said is unknown. {@code reason} is a short text for messages, never the
     * body's bytes.
     */
    public Builder unreadableBody(String reason) {
      this.unreadableReason = Objects.requireNonNull(reason, "reason");
      this.body = new byte[0];
      this.bodyComplete = true;
      return this;
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
