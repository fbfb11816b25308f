package io.github.exchangeresilience.decode;

import java.nio.charset.StandardCharsets;

/**
 * Tells from the first bytes of a body what it is before any parsing, and pulls a short human-readable line out of a
 * body that is not JSON. Decides by content: a content type is a hint only, since exchanges and proxies send JSON as
 * {@code text/plain} or {@code text/html}.
 */
final class BodySniffer {
  /** How far into a body we look for an HTML marker or an HTML title. */
  private static final int HTML_SCAN_LIMIT = 4 * 1024;

  private static final byte[] HTML = "html".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TITLE_START = "<title".getBytes(StandardCharsets.US_ASCII);

  private BodySniffer() {}

  /**
   * The index of the first byte of {@code body[start, end)} that is neither whitespace nor a UTF-8 byte order mark, or
   * -1 if there is none.
   */
  static int firstSignificantByte(byte[] body, int start, int end) {
    int i = opensWithBom(body, start, end) ? start + 3 : start;
    for (; i < end; i++) {
      if (!isJsonWhitespace(body[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code b} is white space between JSON tokens (RFC 8259, 2). */
  static boolean isJsonWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /** Whether {@code body[start, end)} opens with a UTF-8 byte order mark. */
  static boolean opensWithBom(byte[] body, int start, int end) {
    return end - start >= 3 && body[start] == (byte) 0xEF && body[start + 1] == (byte) 0xBB
        && body[start + 2] == (byte) 0xBF;
  }

  /** Whether the first significant byte opens a JSON object or array, the only JSON an exchange answers with. */
  static boolean opensJson(byte first) {
    return first == '{' || first == '[';
  }

  /** Whether a body that is not JSON is an HTML page: a markup body naming HTML, or one served as HTML. */
  static boolean isHtml(byte[] body, int first, int end, String contentType) {
    if (contentType != null && contentType.regionMatches(true, 0, "text/html", 0, "text/html".length())) {
      return true;
    }
    return body[first] == '<' && indexOfIgnoreCase(body, first, scanEnd(first, end), HTML) >= 0;
  }

  /** The text of an HTML page's {@code <title>}, whitespace collapsed, such as a proxy's "502 Bad Gateway". */
  static String htmlTitle(byte[] body, int first, int bodyEnd) {
    int end = scanEnd(first, bodyEnd);
    int tag = indexOfIgnoreCase(body, first, end, TITLE_START);
    if (tag < 0) {
      return "";
    }
    int open = indexOf(body, tag, end, (byte) '>');
    if (open < 0) {
      return "";
    }
    int close = indexOf(body, open + 1, end, (byte) '<');
    return collapseWhitespace(Text.decode(body, open + 1, close < 0 ? end : close, Text.MAX_MESSAGE_LENGTH));
  }

  /** Trims and turns every run of whitespace (titles often span lines) into one space. */
  private static String collapseWhitespace(String text) {
    StringBuilder collapsed = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        pendingSpace = collapsed.length() > 0;
      } else {
        if (pendingSpace) {
          collapsed.append(' ');
          pendingSpace = false;
        }
        collapsed.append(c);
      }
    }
    return collapsed.toString();
  }

  /** The first line of a text body, such as a load balancer's "Service Unavailable", bounded. */
  static String firstLine(byte[] body, int first, int bodyEnd) {
    int end = first;
    while (end < bodyEnd && body[end] != '\n' && body[end] != '\r') {
      end++;
    }
    return Text.decode(body, first, end, Text.MAX_MESSAGE_LENGTH).strip();
  }

  private static int scanEnd(int first, int end) {
    return (int) Math.min(end, (long) first + HTML_SCAN_LIMIT);
  }

  private static int indexOf(byte[] body, int from, int end, byte wanted) {
    for (int i = from; i < end; i++) {
      if (body[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** Finds lower-case ASCII {@code needle} in {@code body[from, end)}, ignoring ASCII case. */
  private static int indexOfIgnoreCase(byte[] body, int from, int end, byte[] needle) {
    outer:
    for (int i = from; i <= end - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if ((body[i + j] | 0x20) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
