package io.github.exchangeresilience.catalog;

/** Whether an entry is an exchange error code, or an HTTP status the exchange documents a meaning for. */
public enum EntryKind {
  /** An error code carried in the response body ({@code code}, {@code retCode}, {@code sCode}...). */
  CODE,
  /** An HTTP status documented by the exchange itself, such as Bybit's 403 for an IP rate-limit breach. */
  HTTP_STATUS
}
