package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decision.CallState;
import io.github.exchangeresilience.decision.Decision;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ExecutionUnknownException;
import io.github.exchangeresilience.okhttp.ReconcileLookup;
import io.github.exchangeresilience.okhttp.ReconcileResult;
import io.github.exchangeresilience.okhttp.RequestSigner;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Carries out the {@link io.github.exchangeresilience.decision.Decider}'s decisions for one exchange over OkHttp: the
 * REST transport of its {@link ExchangeCore}. Each attempt is signed afresh after every wait and before the breaker's
 * permission; every permission taken is recorded or released, on every path; a discarded response is closed before
 * any wait.
 */
public final class ExchangeGuard {
  private final ExchangeCore core;
  private final Exchange exchange;
  private final GuardSettings settings;
  private final ResponseDecoder decoder;

  public ExchangeGuard(ExchangeCore core) {
    this.core = core;
    this.exchange = core.exchange();
    this.settings = core.settings();
    this.decoder = ResponseDecoder.of(exchange, settings.requests().catalog());
  }

  /** The exchange's state and effects, shared with the WebSocket sessions built from the same interceptor. */
  public ExchangeCore core() {
    return core;
  }

  public Response intercept(Interceptor.Chain chain) throws IOException {
    GuardSettings.RequestPolicy requests = settings.requests();
    ExchangeRequest original = ExchangeRequest.of(chain.request(), core.spec(), requests.nonIdempotentMethods(),
        requests.idempotentEndpoints());
    RestAttempts attempts = new RestAttempts(chain);
    try {
      ExchangeRequest outgoing = original.withRequest(settings.hooks().preparer().prepare(original));
      attempts.outgoing = outgoing;
      CallState call = core.callState(outgoing);
      if (settings.hooks().signer() == RequestSigner.NONE) {
        // Signed before it reached us, if at all: every attempt carries those bytes, valid only within their window.
        Instant expiry = OutsideSignatures.expiry(outgoing, settings.clock());
        call = expiry != null ? call.signedOutside(expiry) : call;
      }
      return core.carryOut(outgoing, call, attempts);
    } catch (RuntimeException defect) {
      // A defect, ours or a hook's (preparer, signer, time sync): OkHttp lets only IOExceptions through, and an
      // order that may have gone out must stay traceable by its client order id.
      ExchangeRequest outgoing = attempts.outgoing;
      if (outgoing != null && attempts.mayHaveBeenSent && !outgoing.idempotent()) {
        throw new ExecutionUnknownException(outgoing.description(), exchange, null, outgoing.clientOrderId(), defect);
      }
      throw new IOException(exchange.id() + ": " + (outgoing != null ? outgoing.description() : "request")
          + " failed: unexpected " + defect.getClass().getSimpleName(), defect);
    }
  }

  /** The attempts of one call over the interceptor chain. */
  private final class RestAttempts implements ExchangeCore.Attempts<Response> {
    private final Interceptor.Chain chain;
    ExchangeRequest outgoing;
    boolean mayHaveBeenSent;

    RestAttempts(Interceptor.Chain chain) {
      this.chain = chain;
    }

    /**
     * Signs and sends one attempt, decodes its answer and decides. The breaker's permission taken for it is recorded,
     * as a success or an error, or, when something of ours fails first, released: a half-open breaker never waits for
     * an outcome that will not come. A failure while the body is read is an I/O failure after sending, as much as one
     * before the headers: the exchange may have acted on the request. A reconciler's lookup of an order in doubt is
     * neither stopped by nor counted in the breaker.
     */
    @Override
    public ExchangeCore.Sent<Response> send(CallState call) throws IOException {
      // Signed here, inside the retry and after every wait, so that each attempt carries a fresh timestamp and
      // signature. Before the breaker's permission: a signer that fails (no credentials) has sent nothing.
      Request signed = settings.hooks().signer().sign(outgoing);
      boolean countInBreaker = !ReconcileLookup.isMarked(outgoing.request());
      if (countInBreaker) {
        core.acquirePermission(outgoing);
      }
      mayHaveBeenSent = true;
      long sentAt = System.nanoTime();
      boolean recorded = !countInBreaker;
      Response response = null;
      try {
        DecodedResponse decoded = null;
        IOException failure = null;
        try {
          response = proceed(chain, signed);
          decoded = ResponseSnapshots.decode(decoder, response, settings.requests().bodyPrefixLimit());
        } catch (IOException e) {
          closeQuietly(response);
          response = null;
          failure = e;
        }
        Decision decision = core.decide(outgoing, call, decoded, failure, chain.call().isCanceled(), sentAt,
            countInBreaker);
        recorded = true;
        return new ExchangeCore.Sent<>(response, decoded, failure, decision);
      } catch (RuntimeException defect) {
        closeQuietly(response);
        throw defect;
      } finally {
        if (!recorded) {
          core.releasePermission();
        }
      }
    }

    @Override
    public void discard(Response answer) {
      closeQuietly(answer);
    }

    @Override
    public Response found(ReconcileResult result) {
      return Reconciliation.found(result, outgoing);
    }

    /** The exchange answered and nothing more will be tried: the answer unchanged, or thrown if asked to. */
    @Override
    public Response finish(Response response, DecodedResponse decoded) throws ExchangeErrorException {
      if (settings.requests().throwOnError() && !decoded.policyClass().isSuccess()) {
        response.close();
        throw new ExchangeErrorException(outgoing.description(), decoded);
      }
      return response;
    }
  }

  /**
   * The chain's answer. OkHttp 5 is written in Kotlin, which has no checked exceptions: an interrupt while it
   * connects comes out as a raw {@link InterruptedException} (its fast-fallback connect waits on a queue). That is an
   * interrupt like OkHttp's own {@link InterruptedIOException}s, and is decided as one, the thread's flag kept.
   */
  private static Response proceed(Interceptor.Chain chain, Request signed) throws IOException {
    try {
      return chain.proceed(signed);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception hidden) { // a checked exception the chain's signature does not declare
      IOException failure;
      if (hidden instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        failure = new InterruptedIOException("interrupted while the request was being sent");
      } else {
        failure = new IOException("unexpected " + hidden.getClass().getSimpleName());
      }
      failure.initCause(hidden);
      throw failure;
    }
  }

  private static void closeQuietly(Response response) {
    if (response != null) {
      response.close();
    }
  }
}
