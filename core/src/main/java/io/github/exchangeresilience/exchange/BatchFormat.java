package io.github.exchangeresilience.exchange;

import java.util.Objects;

/**
 * How a batch placement carries its orders.
 *
 * @param kind where the array of orders is
 * @param field the field or parameter holding it; {@code null} for {@link Kind#JSON_ARRAY}
 */
public record BatchFormat(Kind kind, String field) {
  /** Where a batch's orders are. */
  public enum Kind {
    /** The JSON body is the array of orders (OKX). */
    JSON_ARRAY,
    /** The JSON body is an object whose {@link #field()} holds the array (Bybit {@code request}). */
    JSON_FIELD,
    /** A form or query parameter holds the array as JSON text (Binance {@code batchOrders}). */
    FORM_PARAMETER
  }

  public BatchFormat {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.JSON_ARRAY) != (field == null)) {
      throw new IllegalArgumentException(kind + (field == null ? " needs a field" : " has no field"));
    }
  }

  public static BatchFormat jsonArray() {
    return new BatchFormat(Kind.JSON_ARRAY, null);
  }

  public static BatchFormat jsonField(String field) {
    return new BatchFormat(Kind.JSON_FIELD, field);
  }

  public static BatchFormat formParameter(String parameter) {
    return new BatchFormat(Kind.FORM_PARAMETER, parameter);
  }
}
