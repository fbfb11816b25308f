package io.github.exchangeresilience.decode;

import java.util.ArrayList;
import java.util.List;

/** What a decoder has found in one body so far. Mutable, confined to one {@code decode} call. */
final class Envelope {
  /** The body's bytes are {@code body[start, end)}. */
  final byte[] body;
  final int start;
  final int end;
  /** False when the bytes are a prefix of a longer body: that is a data answer, never a small error or batch. */
  final boolean complete;
  /** Whether the bytes are a window of the prefix, which the decoder may read on from. */
  final boolean canReadOn;
  /** Set when the read reached the end of a window before it could decide: the prefix must be read. */
  boolean ranOut;
  /** Whether a {@link FrameStream} reads the bytes. */
  boolean streamed;
  /** What the parser's byte offsets count before {@link #start}: a stream's, the frames fed before. */
  long offsetBase;
  /** Set when a streamed read needed an offset in the bytes: it is done again with a parser of their own. */
  boolean needsOffsets;

  /**
   * Where the read stopped, from {@link #start}, when the code and the message decided before the end of the body;
   * -1 when it read on to the end or could not read.
   */
  int readTo = -1;

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

  /** Whether the decoder skipped a container before it knew whether it would need it. */
  private boolean deferred;
  /** Where that container starts, from {@link #start}; -1 when a stream read it, which gives no such offset. */
  private int deferredOffset = -1;

  Envelope(ResponseSnapshot response) {
    this.body = response.bodyArray();
    this.start = response.bodyOffset();
    this.end = start + response.bodyLength();
    this.complete = response.bodyComplete();
    this.canReadOn = response.canReadOn();
  }

  /** A whole WebSocket frame, which is its own envelope. */
  Envelope(byte[] frame) {
    this.body = frame;
    this.start = 0;
    this.end = frame.length;
    this.complete = true;
    this.canReadOn = false;
  }

  int length() {
    return end - start;
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
    this.deferred = true;
    this.deferredOffset = (int) byteOffset;
  }

  /** A container skipped by a stream: noted, so that the read goes as it would, but with no offset to come back to. */
  void deferWithoutOffset() {
    this.deferred = true;
  }

  boolean hasDeferred() {
    return deferred;
  }

  int deferredOffset() {
    return deferredOffset;
  }
}
