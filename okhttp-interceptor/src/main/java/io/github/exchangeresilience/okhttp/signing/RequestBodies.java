package io.github.exchangeresilience.okhttp.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;

/** Reading and telling apart request bodies, for signing and for adding client order ids. */
final class RequestBodies {
  static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

  private RequestBodies() {}

  /** The bytes of a body, empty for none. A one-shot or duplex body cannot be read twice and cannot be signed. */
  static byte[] bytes(RequestBody body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    if (body.isOneShot() || body.isDuplex()) {
      throw new IOException("a one-shot or duplex request body cannot be signed");
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readByteArray();
  }

  static String utf8(RequestBody body) throws IOException {
    return new String(bytes(body), StandardCharsets.UTF_8);
  }

  static boolean isForm(RequestBody body) {
    MediaType type = body == null ? null : body.contentType();
    return type != null && "x-www-form-urlencoded".equals(type.subtype());
  }
}
