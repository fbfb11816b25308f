package io.github.exchangeresilience.catalog;

/** Which API a document describes. */
public enum Transport {
  REST,
  WEBSOCKET
}
