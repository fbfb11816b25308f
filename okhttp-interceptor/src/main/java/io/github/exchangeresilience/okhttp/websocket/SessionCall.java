package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.decision.CallState;
import io.github.exchangeresilience.decision.Decision;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.WebSocketFrame;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ReconcileResult;
import io.github.exchangeresilience.okhttp.internal.ExchangeCore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Response;

/**
 * The attempts of one WebSocket request, carried out by the exchange's {@link ExchangeCore} exactly as a REST call:
 * each attempt waits for a logged-in connection, is signed afresh, takes the breaker's permission, gets a new request
 * id (the client order id stays), and waits for its answer within the request timeout. An answer that does not come
 * (the connection dropped, the time ran out) after the frame was queued is an I/O failure after sending: the order may
 * exist, and the decision reconciles it. A frame the socket refused to queue was never sent, and may be resent.
 */
final class SessionCall implements ExchangeCore.Attempts<WebSocketAnswer> {
  private final ExchangeWebSocketSession session;
  private final String operation;
  private final Map<String, Object> params;
  private final String clientOrderId;
  final ExchangeRequest outgoing;
  /** Whether a frame of this call was queued: a defect after it leaves the order's fate unknown. */
  volatile boolean mayHaveBeenSent;

  SessionCall(ExchangeWebSocketSession session, String operation, Map<String, Object> params, String clientOrderId,
      ExchangeRequest outgoing) {
    this.session = session;
    this.operation = operation;
    this.params = params;
    this.clientOrderId = clientOrderId;
    this.outgoing = outgoing;
  }

  @Override
  public ExchangeCore.Sent<WebSocketAnswer> send(CallState call) throws IOException {
    ExchangeCore core = session.core();
    WebSocketSigner signer = session.settings().signer();
    Map<String, Object> signed = params;
    Map<String, String> header = Map.of();
    if (signer.signsRequests()) { // each attempt signed afresh, on a copy: the parameters stay as the order gave them
      signed = new LinkedHashMap<>(params);
      header = new LinkedHashMap<>();
      signer.sign(signed, header);
    }
    String id = session.requestIds().next();
    String frame = session.frames().write(operation, id, signed, header);
    core.acquirePermission(outgoing);
    boolean recorded = false;
    try {
      // A frame the socket refused to queue was never sent: it waits for the next connection, within the bound.
      Connection connection;
      CompletableFuture<WebSocketFrame> answer;
      while (true) {
        connection = session.connections().await(outgoing);
        answer = connection.expect(id);
        if (connection.send(frame)) {
          break;
        }
        connection.forget(id);
        session.connections().lost(connection, "closing", null);
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
        failure = new SocketTimeoutException(core.exchange().id() + ": no answer to " + outgoing.description()
            + " within " + session.settings().requestTimeout());
      } catch (ExecutionException e) {
        failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        connection.forget(id);
        failure = new InterruptedIOException("interrupted while waiting for the answer");
        interrupted = true;
      }
      DecodedResponse decoded = received == null ? null : session.connections().decoder().decode(received.snapshot());
      Decision decision = core.decide(outgoing, call, decoded, failure, interrupted, sentAt, true);
      recorded = true;
      if (decoded != null && decoded.code().filter(session.reconnectCodes()::contains).isPresent()) {
        session.connections().planReconnect(connection, "code " + decoded.code().get());
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
    if (session.core().settings().requests().throwOnError() && !decoded.policyClass().isSuccess()) {
      throw new ExchangeErrorException(outgoing.description(), decoded);
    }
    return answer;
  }
}
