package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.decision.CallState;
import io.github.exchangeresilience.decision.Decision;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.WebSocketFrame;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ExecutionUnknownException;
import io.github.exchangeresilience.okhttp.ReconcileResult;
import io.github.exchangeresilience.okhttp.internal.ExchangeCore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Response;

/**
 * The attempts of one WebSocket request, carried out by the exchange's {@link ExchangeCore} exactly as a REST call:
 * each attempt waits for a logged-in connection, is signed afresh, takes the breaker's permission, gets a new request
 * id (the client order id stays), and waits for its answer within the request timeout. An answer that does not come
 * (the connection dropped, the time ran out) after the frame was queued is an I/O failure after sending: the order may
 * exist, and the decision reconciles it. A frame the socket refused to queue was never sent, and may be resent.
 *
 * <p>Where nothing makes it wait (a logged-in connection, the gate open, a permit at once), the first attempt is
 * written from the thread that submitted the request, and its answer is decided where it is read, on OkHttp's reader
 * thread; an answer that ends the call there (returned as it came, no effect to apply, nothing to reconcile) completes
 * the application's future on that thread, with no hop between threads. Everything that may wait (a connection, a
 * permit, a timeout's lookup, a resend, an effect kept in a shared store) goes to the session's executor, which carries
 * the call on from that attempt: the reader thread never waits.
 */
final class SessionCall implements ExchangeCore.Attempts<WebSocketAnswer>, Connection.Answered {
  private final ExchangeWebSocketSession session;
  private final ExchangeCore core;
  private final String operation;
  private final Map<String, Object> params;
  private final String clientOrderId;
  final ExchangeRequest outgoing;
  /** What the decision is told of the call before its first attempt. */
  private final CallState state;
  private final long startNanos = System.nanoTime();
  /** What the application receives. */
  private final CompletableFuture<WebSocketAnswer> result = new CompletableFuture<>();
  /** Whether a frame of this call was queued: a defect after it leaves the order's fate unknown. */
  volatile boolean mayHaveBeenSent;
  /**
   * The connection the first attempt was written on from the submitting thread, and when: set before whoever decides
   * its answer is told of it ({@link Connection.Waiting#whenAnswered}, which hands them over).
   */
  private Connection firstConnection;
  private long firstSentAt;

  SessionCall(ExchangeWebSocketSession session, String operation, Map<String, Object> params, String clientOrderId,
      ExchangeRequest outgoing) {
    this.session = session;
    this.core = session.core();
    this.operation = operation;
    this.params = params;
    this.clientOrderId = clientOrderId;
    this.outgoing = outgoing;
    this.state = core.callState(outgoing);
  }

  /** A step that may wait, run on the session's executor. */
  private interface OnExecutor {
    WebSocketAnswer run() throws IOException;
  }

  /**
   * Begins the call: its first attempt written from this thread when nothing makes it wait, else on the executor. The
   * future completes with what the application receives, or with the typed failure.
   */
  CompletableFuture<WebSocketAnswer> start() {
    try {
      Connection connection = session.connections().ready();
      long turn = connection == null ? -1 : core.tryTurn(outgoing);
      if (turn == 0 && sendAtOnce(connection)) {
        return result;
      }
      if (turn < 0) { // no connection yet, or the gate closed: nothing taken, the executor carries the call out
        onExecutor(() -> core.carryOut(outgoing, state, this));
      } else { // the turn taken, with a wait to sit out or a socket that refused the frame
        onExecutor(() -> {
          core.awaitTakenTurn(outgoing, turn);
          return core.carryOn(outgoing, state, this, send(state), startNanos);
        });
      }
    } catch (IOException e) {
      result.completeExceptionally(e);
    } catch (RuntimeException defect) {
      failed(defect);
    }
    return result;
  }

  /**
   * The first attempt written on {@code connection} without waiting, its answer decided where it arrives; false, and
   * nothing sent, when the socket refused the frame.
   */
  private boolean sendAtOnce(Connection connection) throws IOException {
    String id = session.nextRequestId();
    String frame = frame(id);
    core.acquirePermission(outgoing);
    boolean sent = false;
    try {
      // The connection's expiry fails it once its time is up (no timer per request: see Connection.expireEvery).
      Connection.Waiting answer = connection.expect(id, deadline());
      if (!connection.send(frame)) {
        refused(connection, id);
        return false;
      }
      mayHaveBeenSent = true;
      sent = true;
      firstConnection = connection;
      firstSentAt = System.nanoTime();
      answer.whenAnswered(this);
      return true;
    } finally {
      if (!sent) {
        core.releasePermission();
      }
    }
  }

  /** The socket refused to queue request {@code id}'s frame: it is closing, and the frame was never sent. */
  private void refused(Connection connection, String id) {
    connection.forget(id);
    session.connections().lost(connection, "closing", null);
  }

  /** When an attempt written now stops waiting for its answer. */
  private long deadline() {
    return System.nanoTime() + session.settings().requestTimeout().toNanos();
  }

  /**
   * The first attempt's answer or failure, on the thread that completed it (OkHttp's reader thread, the timer, the
   * thread closing the session): decided here, finished here if that ends the call, else carried on on the executor.
   * Nothing here waits.
   */
  @Override
  public void answered(WebSocketFrame received, Throwable failed) {
    try {
      IOException failure = failed == null ? null : failure(failed);
      ExchangeCore.Sent<WebSocketAnswer> sent = decided(firstConnection, state, received, failure, false,
          firstSentAt);
      if (core.endsAtOnce(sent.decision(), sent.decoded())) {
        result.complete(core.finish(sent, this));
      } else {
        onExecutor(() -> core.carryOn(outgoing, state, this, sent, startNanos));
      }
    } catch (IOException e) {
      result.completeExceptionally(e);
    } catch (RuntimeException defect) {
      failed(defect);
    }
  }

  private void onExecutor(OnExecutor step) {
    try {
      session.executor().execute(() -> {
        try {
          result.complete(step.run());
        } catch (IOException e) {
          result.completeExceptionally(e);
        } catch (RuntimeException defect) {
          failed(defect);
        }
      });
    } catch (RejectedExecutionException closed) {
      IOException cause = new IOException(core.exchange().id() + ": WebSocket session closed");
      failed(cause, cause);
    }
  }

  /** A defect, ours or a hook's. */
  private void failed(RuntimeException defect) {
    failed(defect, new IOException(core.exchange().id() + ": " + outgoing.description() + " failed: unexpected "
        + defect.getClass().getSimpleName(), defect));
  }

  /** Fails the call with {@code failure}; an order that may have gone out stays traceable by its client order id. */
  private void failed(Throwable cause, IOException failure) {
    result.completeExceptionally(mayHaveBeenSent && !outgoing.idempotent()
        ? new ExecutionUnknownException(outgoing.description(), core.exchange(), null, outgoing.clientOrderId(), cause)
        : failure);
  }

  /** One attempt, on the executor: waits for a connection and for the answer. */
  @Override
  public ExchangeCore.Sent<WebSocketAnswer> send(CallState call) throws IOException {
    String id = session.nextRequestId();
    String frame = frame(id);
    core.acquirePermission(outgoing);
    boolean handedOn = false;
    try {
      // A frame the socket refused to queue was never sent: it waits for the next connection, within the bound.
      Connection connection;
      CompletableFuture<WebSocketFrame> answer;
      while (true) {
        connection = session.connections().await(outgoing);
        answer = connection.expect(id, deadline());
        if (connection.send(frame)) {
          break;
        }
        refused(connection, id);
      }
      mayHaveBeenSent = true;
      long sentAt = System.nanoTime();
      WebSocketFrame received = null;
      IOException failure = null;
      boolean interrupted = false;
      try {
        received = answer.get(session.settings().requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        connection.forget(id);
        failure = timeout();
      } catch (ExecutionException e) {
        failure = failure(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        connection.forget(id);
        failure = new InterruptedIOException("interrupted while waiting for the answer");
        interrupted = true;
      }
      handedOn = true;
      return decided(connection, call, received, failure, interrupted, sentAt);
    } finally {
      if (!handedOn) {
        core.releasePermission();
      }
    }
  }

  /** The attempt's frame: signed afresh where the signer signs requests, on a copy of the parameters. */
  private String frame(String id) throws IOException {
    WebSocketSigner signer = session.settings().signer();
    Map<String, Object> signed = params;
    Map<String, String> header = Map.of();
    if (signer.signsRequests()) {
      signed = new LinkedHashMap<>(params);
      header = new LinkedHashMap<>();
      signer.sign(signed, header);
    }
    return session.frames().write(operation, id, signed, header);
  }

  /** Why no answer came: the connection's failure, or the time ran out ({@link Connection#expire}). */
  private IOException failure(Throwable cause) {
    return cause instanceof IOException io ? io
        : cause instanceof TimeoutException ? timeout() : new IOException(cause);
  }

  private SocketTimeoutException timeout() {
    return new SocketTimeoutException(core.exchange().id() + ": no answer to " + outgoing.description() + " within "
        + session.settings().requestTimeout());
  }

  /**
   * An attempt's answer, or its failure, decoded and decided: recorded in the breaker, whose permission is given back
   * if deciding fails before.
   */
  private ExchangeCore.Sent<WebSocketAnswer> decided(Connection connection, CallState call, WebSocketFrame received,
      IOException failure, boolean interrupted, long sentAt) {
    boolean recorded = false;
    try {
      DecodedResponse decoded = received == null ? null : received.decoded();
      Decision decision = core.decide(outgoing, call, decoded, failure, interrupted, sentAt, true);
      recorded = true;
      if (decoded != null && decoded.codeIsOneOf(session.reconnectCodes())) {
        session.connections().planReconnect(connection, "code " + decoded.code().orElseThrow());
      }
      WebSocketAnswer answered = received == null ? null
          : WebSocketAnswer.answered(core.exchange(), operation, clientOrderId, received.text(), decoded);
      return new ExchangeCore.Sent<>(answered, decoded, failure, decision);
    } finally {
      if (!recorded) {
        core.releasePermission();
      }
    }
  }

  @Override
  public void discard(WebSocketAnswer answer) {
    // A frame holds nothing to let go of.
  }

  @Override
  public WebSocketAnswer found(ReconcileResult result) throws IOException {
    String body;
    if (result.response().isPresent()) {
      try (Response response = result.response().get()) {
        body = response.body().string();
      }
    } else {
      body = result.body().orElse("{}");
    }
    return WebSocketAnswer.reconciled(session.exchange(), operation, clientOrderId, body);
  }

  @Override
  public WebSocketAnswer finish(WebSocketAnswer answer, DecodedResponse decoded) throws ExchangeErrorException {
    if (core.settings().requests().throwOnError() && !decoded.policyClass().isSuccess()) {
      throw new ExchangeErrorException(outgoing.description(), decoded);
    }
    return answer;
  }
}
