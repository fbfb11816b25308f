package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.ResponseSnapshot;
import java.io.EOFException;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.zip.Inflater;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.GzipSource;
import okio.InflaterSource;
import okio.Source;

/**
 * Decodes a response from what the decoder may see of it: its status, headers and a bounded prefix of its body, read
 * into the body's own buffer, never consumed, so that the application receives the body as it arrived.
 *
 * <p>The decoder reads the buffer in place: no copy, and no {@code peek()}, whose shared segments Okio could not take
 * back into its pool once the application has read them (a new 8 KiB segment per call). A body no longer than the
 * prefix limit is read whole, as it was: the decoder must know that it is complete, and a failure while it is read is a
 * failure of the call. Of a longer body only the first segment is read at first; the decoder reads on to the prefix
 * only if those bytes do not decide, and an OKX success, decided at {@code "code":"0"}, never does. A whole body that
 * spans segments (beyond 8 KiB) is copied once.
 *
 * <p>OkHttp inflates gzip itself unless the application asked for a compressed answer with its own
 * {@code Accept-Encoding}; then the body arrives compressed, and only as much of it is inflated as the prefix needs,
 * so a small body that inflates to gigabytes costs what its prefix does. A body whose encoding cannot be undone is
 * {@linkplain ResponseSnapshot#unreadableReason() unreadable}, never mistaken for an empty one.
 *
 * <p>An {@link IOException} from here is the connection failing while the body is read: the request went out.
 */
public final class ResponseSnapshots {
  /** What is read of a body longer than the prefix before the decoder asks for more: one Okio segment. */
  static final int FIRST_WINDOW = 8192;

  private static final byte[] EMPTY = new byte[0];

  private ResponseSnapshots() {}

  /** Decodes {@code response} with {@code decoder}, reading at most {@code prefixLimit} bytes of its body. */
  public static DecodedResponse decode(ResponseDecoder decoder, Response response, int prefixLimit)
      throws IOException {
    BufferedSource source = response.body().source();
    long contentLength = response.body().contentLength();
    String encoding = response.header("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
      boolean complete = contentLength >= 0 ? contentLength <= prefixLimit : !source.request(prefixLimit + 1L);
      source.request(prefixLimit);
      byte[] compressed = copy(source.getBuffer(), (int) Math.min(source.getBuffer().size(), prefixLimit));
      return decoder.decode(inflate(snapshot(response), encoding.trim(), compressed, complete, prefixLimit));
    }
    boolean complete;
    if (contentLength >= 0 && contentLength <= prefixLimit) {
      source.request(contentLength); // a body shorter than it says fails here, as the connection did
      complete = true;
    } else if (contentLength > prefixLimit) {
      source.request(Math.min(prefixLimit, FIRST_WINDOW));
      complete = false;
    } else {
      complete = !source.request(prefixLimit + 1L);
    }
    Buffer buffer = source.getBuffer();
    int available = (int) Math.min(buffer.size(), prefixLimit);
    byte[] head;
    int start;
    int inHead;
    try (Buffer.UnsafeCursor cursor = buffer.readUnsafe()) {
      inHead = available == 0 ? 0 : cursor.seek(0);
      head = cursor.data;
      start = cursor.start;
    }
    if (available == 0) {
      // Nothing came although bytes were asked for: the body is empty, whatever a HEAD answer's length says.
      return decoder.decode(snapshot(response).body(EMPTY, true).build());
    }
    if (inHead >= available && (complete || available >= prefixLimit)) {
      return decoder.decode(snapshot(response).body(head, start, available, complete).build());
    }
    if (complete) {
      return decoder.decode(snapshot(response).body(copy(buffer, available), true).build());
    }
    ReadOn readOn = new ReadOn(response, source, prefixLimit);
    DecodedResponse decoded = decoder.decode(snapshot(response).window(head, start, inHead, readOn).build());
    if (readOn.failure != null) {
      throw readOn.failure;
    }
    return decoded;
  }

  private static ResponseSnapshot.Builder snapshot(Response response) {
    return ResponseSnapshot.builder()
        .httpStatus(response.code())
        .headers(OkHttpHeaders.of(response.headers()))
        .contentType(response.header("Content-Type"));
  }

  /** Reads a long body on to the prefix limit when its first segment did not decide; keeps a failure to rethrow. */
  private static final class ReadOn implements Supplier<ResponseSnapshot> {
    private final Response response;
    private final BufferedSource source;
    private final int prefixLimit;
    IOException failure;

    ReadOn(Response response, BufferedSource source, int prefixLimit) {
      this.response = response;
      this.source = source;
      this.prefixLimit = prefixLimit;
    }

    @Override
    public ResponseSnapshot get() {
      try {
        source.request(prefixLimit);
      } catch (IOException e) {
        failure = e;
        return null;
      }
      Buffer buffer = source.getBuffer();
      return snapshot(response).body(copy(buffer, (int) Math.min(buffer.size(), prefixLimit)), false).build();
    }
  }

  /** The first {@code count} bytes of {@code buffer}, copied segment by segment without sharing a segment. */
  private static byte[] copy(Buffer buffer, int count) {
    byte[] bytes = new byte[count];
    try (Buffer.UnsafeCursor cursor = buffer.readUnsafe()) {
      int copied = 0;
      while (copied < count) {
        int inSegment = Math.min(cursor.seek(copied), count - copied);
        System.arraycopy(cursor.data, cursor.start, bytes, copied, inSegment);
        copied += inSegment;
      }
    }
    return bytes;
  }

  private static ResponseSnapshot inflate(ResponseSnapshot.Builder snapshot, String encoding, byte[] compressed,
      boolean compressedComplete, int prefixLimit) {
    Buffer input = new Buffer().write(compressed);
    Source inflating;
    if ("gzip".equalsIgnoreCase(encoding) || "x-gzip".equalsIgnoreCase(encoding)) {
      inflating = new GzipSource(input);
    } else if ("deflate".equalsIgnoreCase(encoding)) {
      // HTTP's deflate is zlib-wrapped; some servers send it raw.
      inflating = new InflaterSource(input, new Inflater(!hasZlibHeader(compressed)));
    } else {
      return snapshot.unreadableBody("Content-Encoding " + bounded(encoding) + " is not read").build();
    }
    Buffer inflated = new Buffer();
    boolean ended = false;
    boolean cutShort = false;
    try (Source source = inflating) {
      while (inflated.size() <= prefixLimit) {
        if (source.read(inflated, 8192) == -1) {
          ended = true;
          break;
        }
      }
    } catch (EOFException endOfCompressedBytes) {
      cutShort = true;
    } catch (IOException corrupt) {
      return snapshot.unreadableBody(encoding.toLowerCase(java.util.Locale.ROOT)
          + " data could not be inflated").build();
    }
    if (inflated.size() == 0 && !ended) {
      // Not one byte came out: nothing read could be the answer, and an empty body would read as a success.
      return snapshot.unreadableBody(encoding.toLowerCase(java.util.Locale.ROOT) + " data ended early").build();
    }
    if (inflated.size() > prefixLimit) {
      return snapshot.body(readBytes(inflated, prefixLimit), false).build();
    }
    // Cut short while the compressed body was whole: what came out is all there is, and may be truncated JSON.
    boolean complete = ended || (cutShort && compressedComplete);
    return snapshot.body(readBytes(inflated, inflated.size()), complete).build();
  }

  private static byte[] readBytes(Buffer buffer, long count) {
    try {
      return buffer.readByteArray(count);
    } catch (EOFException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** RFC 1950: compression method 8 and a header checksum that divides by 31. */
  private static boolean hasZlibHeader(byte[] bytes) {
    if (bytes.length < 2) {
      return false;
    }
    int cmf = bytes[0] & 0xFF;
    int flg = bytes[1] & 0xFF;
    return (cmf & 0x0F) == 8 && ((cmf << 8) | flg) % 31 == 0;
  }

  private static String bounded(String headerValue) {
    return headerValue.length() <= 32 ? headerValue : headerValue.substring(0, 32) + "...";
  }
}
