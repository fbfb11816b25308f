package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.decode.ResponseSnapshot;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.Inflater;
import okhttp3.Response;
import okio.Buffer;
import okio.GzipSource;
import okio.InflaterSource;
import okio.Source;

/**
 * What the decoder sees of a response: its status, headers and a bounded prefix of its body, peeked, never consumed,
 * so that the application receives the body as it arrived.
 *
 * <p>OkHttp inflates gzip itself unless the application asked for a compressed answer with its own
 * {@code Accept-Encoding}; then the body arrives compressed, and only as much of it is inflated as the prefix needs,
 * so a small body that inflates to gigabytes costs what its prefix does. A body whose encoding cannot be undone is
 * {@linkplain ResponseSnapshot#unreadableReason() unreadable}, never mistaken for an empty one.
 *
 * <p>An {@link IOException} from here is the connection failing while the body is read: the request went out.
 */
public final class ResponseSnapshots {
  private ResponseSnapshots() {}

  public static ResponseSnapshot of(Response response, int prefixLimit) throws IOException {
    ResponseSnapshot.Builder snapshot = ResponseSnapshot.builder()
        .httpStatus(response.code())
        .headers(response::header)
        .contentType(response.header("Content-Type"));
    byte[] prefix = response.peekBody(prefixLimit).bytes();
    long contentLength = response.body().contentLength();
    boolean complete = prefix.length < prefixLimit || contentLength == prefix.length;
    String encoding = response.header("Content-Encoding");
    if (encoding == null || encoding.isBlank() || "identity".equalsIgnoreCase(encoding.trim())) {
      return snapshot.body(prefix, complete).build();
    }
    return inflate(snapshot, encoding.trim(), prefix, complete, prefixLimit);
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
