package io.github.exchangeresilience.decode;

import java.util.Arrays;

/**
 * The first bytes of an answer whose read stopped before the end of its body, with its status, its completeness and
 * what it was decided as. Another answer that opens with the same bytes, status and completeness is read to the same
 * place with the same findings. Immutable.
 *
 * @param opening the bytes the read looked at (up to {@code readTo}) and the one after them, which tells a number or a
 *     literal that ends there from a longer one
 * @param readTo where the read stopped, from the body's start
 */
record KnownOpening(byte[] opening, int readTo, int httpStatus, boolean complete, DecodedResponse decided) {
  /** What {@code response}'s first {@code length} bytes were decided as; the snapshot's bytes are copied. */
  static KnownOpening of(ResponseSnapshot response, int length, DecodedResponse decided) {
    int start = response.bodyOffset();
    byte[] opening = Arrays.copyOfRange(response.bodyArray(), start, start + length);
    return new KnownOpening(opening, length - 1, response.httpStatus(), response.bodyComplete(), decided);
  }

  /** Whether {@code response} opens with these bytes, with the same status and completeness. */
  boolean opens(ResponseSnapshot response) {
    int length = opening.length;
    int start = response.bodyOffset();
    return response.httpStatus() == httpStatus && response.bodyComplete() == complete
        && response.unreadableReason() == null && response.bodyLength() >= length
        && Arrays.equals(response.bodyArray(), start, start + length, opening, 0, length);
  }
}
