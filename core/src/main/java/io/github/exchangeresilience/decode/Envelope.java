package io.github.exchangeresilience.decode;

import java.util.ArrayList;
import java.util.List;

/** What a decoder has found in one body so far. Mutable, confined to one {@code decode} call. */
final class Envelope {
  final byte[] body;
  /** False when {@link #body} is a prefix of a longer body: that is a data answer, never a small error or batch. */
  final boolean complete;

  /** Whether the code field was seen; {@link #code} stays null when it held no code (null, an object...). */
  boolean codeSeen;
  String code;
  boolean messageSeen;
  String message = "";

  /** The items of a batch answer, in answer order; created on the first item, as most answers have none. */
  private List<ItemResult> items = List.of();
  /** Whether the place that holds item outcomes was read (and so whether {@link #items()} is final). */
  boolean itemsRead;
  /** Whether the order ids that go with the item outcomes were read, where they are kept apart (Bybit). */
  boolean itemIdsRead;

  /** Where a container the decoder skipped, before it knew whether it would need it, starts; -1 if none. */
  private int deferredOffset = -1;

  Envelope(byte[] body, boolean complete) {
    this.body = body;
    this.complete = complete;
  }

  List<ItemResult> items() {
    return items;
  }

  void addItem(ItemResult item) {
    if (items.isEmpty()) {
      items = new ArrayList<>();
    }
    items.add(item);
  }

  void setItem(int index, ItemResult item) {
    items.set(index, item);
  }

  void clearItems() {
    items = List.of();
  }

  void defer(long byteOffset) {
    this.deferredOffset = (int) byteOffset;
  }

  boolean hasDeferred() {
    return deferredOffset >= 0;
  }

  int deferredOffset() {
    return deferredOffset;
  }
}
