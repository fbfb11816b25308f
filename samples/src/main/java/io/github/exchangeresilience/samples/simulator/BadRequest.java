package io.github.exchangeresilience.samples.simulator;

/** Thrown by a handler's parser for a request the exchange refuses as a whole, carrying the exchange's answer. */
final class BadRequest extends Exception {
  private final transient Reply reply;

  BadRequest(Reply reply) {
    super(reply.body(), null, false, false);
    this.reply = reply;
  }

  Reply reply() {
    return reply;
  }
}
