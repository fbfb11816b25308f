package io.github.exchangeresilience.decode;

import java.util.Objects;

/**
 * One text frame of an exchange's WebSocket API, read once: the request id it answers, what kind of frame it is, what
 * the exchange's decoder is to see of it, as a REST answer's status, headers and body, and how it decides that.
 *
 * @param text the frame as it arrived
 * @param json whether it opens a JSON object; a keep-alive text or a broken frame does not
 * @param id the request id it echoes, as text; {@code null} where it carries none or could not be read
 * @param kind its event or op (a login, an error, a notice, a pong, an operation); {@code null} where it has none
 * @param snapshot what the decoder reads: the body, the status and the headers of the frame
 * @param decoded the snapshot as the exchange's decoder decides it
 */
public record WebSocketFrame(String text, boolean json, String id, String kind, ResponseSnapshot snapshot,
    DecodedResponse decoded) {
  public WebSocketFrame {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(decoded, "decoded");
  }

  /** Whether the frame's kind is {@code kind}. */
  public boolean is(String kind) {
    return kind != null && kind.equals(this.kind);
  }
}
