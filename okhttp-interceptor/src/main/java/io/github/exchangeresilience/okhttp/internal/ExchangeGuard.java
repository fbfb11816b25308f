package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decision.CallState;
import io.github.exchangeresilience.decision.Decider;
import io.github.exchangeresilience.decision.Decision;
import io.github.exchangeresilience.decision.Gate;
import io.github.exchangeresilience.decision.ReconcileOutcome;
import io.github.exchangeresilience.decision.Step;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ExecutionUnknownException;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.ReconcileLookup;
import io.github.exchangeresilience.okhttp.RequestSigner;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import io.github.exchangeresilience.okhttp.SignatureExpiredException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Carries out the {@link Decider}'s decisions for one exchange over OkHttp: the effects, in one order. Before each
 * attempt: the gate (bans, a rejected key, the exchange's pause), pacing, a fresh signature, the breaker's permission.
 * After it: record the attempt in the breaker (every permission taken is recorded or released, on every path), the
 * decision's effects, then its step: close what is discarded, wait, resend; or reconcile; or return or throw.
 */
public final class ExchangeGuard {
  private static final System.Logger LOG = System.getLogger("io.github.exchangeresilience.okhttp");

  private final ExchangeSpec spec;
  private final Exchange exchange;
  private final GuardSettings settings;
  private final ResilienceListener listener;
  private final ResponseDecoder decoder;
  private final Decider decider;
  private final Retry retry;
  private final CircuitBreaker circuitBreaker;
  private final Pacer pacer;
  private final Reconciliation reconciliation;
  private final String banScope;
  /** Whether a capped server wait was logged yet: once per exchange and interceptor. */
  private final AtomicBoolean capLogged = new AtomicBoolean();

  /** @param listener the application's listener, each of its events guarded */
  public ExchangeGuard(ExchangeSpec spec, GuardSettings settings, ResilienceListener listener) {
    this.spec = spec;
    this.exchange = spec.exchange();
    this.settings = settings;
    this.listener = listener;
    this.decoder = ResponseDecoder.of(exchange, settings.requests().catalog());
    this.decider = new Decider(spec, settings.decision());
    this.retry = settings.resilience().retries().retry(exchange.id(), settings.retry().toRetryConfig());
    this.circuitBreaker = settings.resilience().circuitBreakers()
        .circuitBreaker(exchange.id(), settings.resilience().circuitBreakerConfig());
    this.pacer = new Pacer(spec, settings.pacing(), settings.sleeper(), listener);
    this.reconciliation = new Reconciliation(settings.hooks().reconciler(), listener);
    this.banScope = exchange.id() + ":" + settings.bans().scope();
  }

  public Exchange exchange() {
    return exchange;
  }

  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  public Retry retry() {
    return retry;
  }

  /** The Resilience4j RateLimiters of this exchange's budgets, where the default budget store keeps them. */
  public List<RateLimiter> rateLimiters() {
    return pacer.rateLimiters(settings.resilience().rateLimiters());
  }

  public Instant bannedUntil() {
    return settings.bans().bans().bannedUntil(banScope, settings.clock().instant()).orElse(null);
  }

  /** What {@link #intercept} must know of a call when something unexpected ends it. */
  private static final class CallContext {
    ExchangeRequest outgoing;
    boolean mayHaveBeenSent;
  }

  public Response intercept(Interceptor.Chain chain) throws IOException {
    CallContext context = new CallContext();
    try {
      return run(chain, context);
    } catch (RuntimeException defect) {
      // A defect, ours or a hook's (preparer, signer, time sync): OkHttp lets only IOExceptions through, and an
      // order that may have gone out must stay traceable by its client order id.
      ExchangeRequest outgoing = context.outgoing;
      if (outgoing != null && context.mayHaveBeenSent && !outgoing.idempotent()) {
        throw new ExecutionUnknownException(outgoing.description(), exchange, null, outgoing.clientOrderId(), defect);
      }
      throw new IOException(exchange.id() + ": " + (outgoing != null ? outgoing.description() : "request")
          + " failed: unexpected " + defect.getClass().getSimpleName(), defect);
    }
  }

  private Response run(Interceptor.Chain chain, CallContext context) throws IOException {
    GuardSettings.RequestPolicy requests = settings.requests();
    ExchangeRequest original = ExchangeRequest.of(chain.request(), spec, requests.nonIdempotentMethods(),
        requests.idempotentEndpoints());
    ExchangeRequest outgoing = original.withRequest(settings.hooks().preparer().prepare(original));
    context.outgoing = outgoing;
    // A reconciler's lookup of an order in doubt is neither stopped by nor counted in the circuit breaker.
    boolean countInBreaker = !ReconcileLookup.isMarked(outgoing.request());
    CallState call = new CallState(outgoing.idempotent(), outgoing.clientOrderId(), pacer.paces(outgoing), false);
    if (settings.hooks().signer() == RequestSigner.NONE) {
      // Signed before it reached us, if at all: every attempt carries those bytes, valid only within their window.
      Instant expiry = OutsideSignatures.expiry(outgoing, settings.clock().instant());
      call = expiry != null ? call.signedOutside(expiry) : call;
    }
    Retry.AsyncContext<Attempt> retryContext = retry.asyncContext();
    long start = System.nanoTime();
    for (int attemptNumber = 1; ; attemptNumber++) {
      awaitTurn(outgoing);
      // Signed here, inside the retry and after every wait, so that each attempt carries a fresh timestamp and
      // signature. Before the breaker's permission: a signer that fails (no credentials) has sent nothing.
      Request signed = settings.hooks().signer().sign(outgoing);
      if (countInBreaker && !circuitBreaker.tryAcquirePermission()) {
        throw Failures.failFast(listener, outgoing, FailFastException.Reason.CIRCUIT_OPEN, null, null);
      }
      context.mayHaveBeenSent = true;
      Sent sent = send(chain, signed, outgoing, call, countInBreaker);
      applyEffects(sent.decision(), outgoing);

      Step step = sent.decision().step();
      Response answer = sent.response();
      RuntimeException reconcilerFailure = null;
      while (true) {
        if (step instanceof Step.Return returned) {
          if (returned.reconcileUnknownItems()) {
            reconciliation.unknownItems(outgoing, sent.decoded());
          }
          retryContext.onComplete();
          return answer == sent.response() ? finalAnswer(answer, sent.decoded(), outgoing) : answer;
        }
        if (step instanceof Step.Fail failed) {
          closeQuietly(answer);
          if (failed.failure() == Step.Failure.SIGNATURE_EXPIRED) {
            throw new SignatureExpiredException(outgoing.description(), exchange, sent.decoded(),
                outgoing.clientOrderId(), call.signatureExpiresAt(), sent.failure());
          }
          throw Failures.of(failed.failure(), outgoing, sent.decoded(), sent.failure(), reconcilerFailure,
              sent.decision().banUntil(), listener);
        }
        if (step instanceof Step.Reconcile reconcile) {
          // Either what the reconciler found replaces the answer, or it is resent, or the call fails.
          closeQuietly(answer);
          Reconciliation.Answer asked = reconciliation.ask(outgoing, sent.decoded(), sent.failure());
          reconcilerFailure = asked.failure();
          answer = asked.outcome() == ReconcileOutcome.FOUND ? Reconciliation.found(asked.result(), outgoing) : null;
          step = decider.afterReconcile(reconcile, asked.outcome()).step();
          continue;
        }
        Step.Resend resend = (Step.Resend) step;
        Duration delay = nextDelay(retryContext, resend, sent.decision(), start);
        Step notResent = delay == null ? resend.whenExhausted()
            : decider.beforeResend(call, resend, settings.clock().instant().plus(delay));
        if (notResent != resend) {
          step = notResent;
          continue;
        }
        announceRetry(sent.decision(), outgoing, attemptNumber, delay);
        // Close what is discarded before the wait: no pooled connection is held through a back-off.
        closeQuietly(answer);
        if (sent.decision().resyncClock()) {
          settings.hooks().timeSync().resync(exchange);
          call = call.resynced();
        }
        sleep(delay);
        break;
      }
    }
  }

  /** One attempt's answer, decoded, or its I/O failure, and what to do about it. */
  private record Sent(Response response, DecodedResponse decoded, IOException failure, Decision decision) {}

  /**
   * Sends one attempt, decodes its answer and decides. The breaker's permission taken for it is recorded, as a
   * success or an error, or, when something of ours fails first, released: a half-open breaker never waits for an
   * outcome that will not come. A failure while the body is read is an I/O failure after sending, as much as one
   * before the headers: the exchange may have acted on the request.
   */
  private Sent send(Interceptor.Chain chain, Request signed, ExchangeRequest outgoing, CallState call,
      boolean countInBreaker) throws IOException {
    long sentAt = System.nanoTime();
    boolean recorded = !countInBreaker;
    Response response = null;
    try {
      DecodedResponse decoded = null;
      IOException failure = null;
      try {
        response = chain.proceed(signed);
        decoded = decoder.decode(ResponseSnapshots.of(response, settings.requests().bodyPrefixLimit()));
      } catch (IOException e) {
        closeQuietly(response);
        response = null;
        failure = e;
      }
      Decision decision = failure != null
          ? decider.decideFailure(call, Failures.mayHaveBeenSent(failure),
              chain.call().isCanceled() || Failures.isInterruption(failure))
          : decider.decide(call, decoded, settings.clock().instant());
      if (countInBreaker) {
        long nanos = System.nanoTime() - sentAt;
        if (decision.countsAgainstAvailability()) {
          circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS,
              failure != null ? failure : new ExchangeErrorException(outgoing.description(), decoded));
        } else {
          // The exchange answered: a rejection, a refusal or a rate limit says nothing against its availability.
          circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
        recorded = true;
      }
      if (failure != null) {
        listener.onIoFailure(exchange, outgoing.request(), failure);
      } else {
        listener.onResponse(exchange, outgoing.request(), decoded, decision.handledAs());
      }
      return new Sent(response, decoded, failure, decision);
    } catch (RuntimeException defect) {
      closeQuietly(response);
      throw defect;
    } finally {
      if (!recorded) {
        circuitBreaker.releasePermission();
      }
    }
  }

  /** Bans, pauses, drained budgets and cooled keys, before the step. */
  private void applyEffects(Decision decision, ExchangeRequest outgoing) {
    if (decision.cappedWait() != null) {
      Duration cap = settings.decision().maxServerWait();
      listener.onServerWaitCapped(exchange, decision.cappedWait(), cap);
      if (capLogged.compareAndSet(false, true)) {
        LOG.log(Level.WARNING, "exchange-resilience: {0} named a wait or ban of {1}, beyond maxServerWait {2}; held"
            + " to {2} (logged once; counted in every onServerWaitCapped)", exchange.id(), decision.cappedWait(), cap);
      }
    }
    if (decision.banUntil() != null) {
      settings.bans().bans().ban(banScope, decision.banUntil());
      listener.onBan(exchange, banScope, decision.banUntil());
    }
    if (decision.pauseUntil() != null) {
      pacer.pauseUntil(decision.pauseUntil());
    }
    if (decision.drainBudgets()) {
      pacer.drain(outgoing);
    }
    if (decision.keyCooldownUntil() != null) {
      settings.bans().rejectedKeys().ban(outgoing.keyScope(), decision.keyCooldownUntil());
    }
  }

  /** The gate, then the budgets; the gate again after any wait, for a ban recorded meanwhile, here or elsewhere. */
  private void awaitTurn(ExchangeRequest outgoing) throws IOException {
    boolean waited = passGate(outgoing, pacer.pausedUntil());
    waited |= pacer.pace(outgoing);
    if (waited) {
      passGate(outgoing, null);
    }
  }

  private boolean passGate(ExchangeRequest outgoing, Instant pausedUntil) throws IOException {
    Instant now = settings.clock().instant();
    Gate gate = decider.beforeSending(now, settings.bans().bans().bannedUntil(banScope, now).orElse(null),
        settings.bans().rejectedKeys().bannedUntil(outgoing.keyScope(), now).orElse(null), pausedUntil);
    switch (gate.verdict()) {
      case PROCEED:
        return false;
      case WAIT:
        listener.onRateLimitWait(exchange, "exchange", gate.duration());
        settings.sleeper().sleep(gate.duration());
        return true;
      case BANNED:
        throw Failures.failFast(listener, outgoing, FailFastException.Reason.BAN_IN_FORCE, null, gate.bannedUntil());
      case KEY_COOLING_DOWN:
        throw Failures.failFast(listener, outgoing, FailFastException.Reason.REJECTED_KEY, gate.duration(), null);
      default:
        throw Failures.failFast(listener, outgoing, FailFastException.Reason.RATE_BUDGET_EXHAUSTED, gate.duration(),
            null);
    }
  }

  /**
   * Asks Resilience4j whether another attempt may go and after how long; {@code null} when attempts or the total
   * retry time are used up. Waits nothing: the caller closes what it discards first, then sleeps.
   */
  private Duration nextDelay(Retry.AsyncContext<Attempt> retryContext, Step.Resend resend, Decision decision,
      long startNanos) {
    long delayMillis = retryContext.onResult(new Attempt(decision.handledAs(), resend.delay()));
    if (delayMillis < 0) {
      return null;
    }
    Duration delay = Duration.ofMillis(delayMillis);
    // A wait the exchange named was already held to maxRateLimitWait; the retry budget bounds our own backoff.
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    if (resend.backoff() && elapsed.plus(delay).compareTo(settings.retry().maxRetryDuration()) > 0) {
      return null;
    }
    return delay;
  }

  /** A resend is going ahead after {@code delay}. */
  private void announceRetry(Decision decision, ExchangeRequest outgoing, int attemptNumber, Duration delay) {
    listener.onRetry(exchange, outgoing.request(), decision.handledAs(), attemptNumber, delay);
    if (decision.handledAs() == PolicyClass.RATE_LIMITED && !delay.isZero()) {
      listener.onRateLimitWait(exchange, "exchange", delay);
    }
  }

  private void sleep(Duration delay) throws IOException {
    if (!delay.isZero()) {
      settings.sleeper().sleep(delay);
    }
  }

  /** The exchange answered and nothing more will be tried: hand the answer back unchanged, or throw if asked to. */
  private Response finalAnswer(Response response, DecodedResponse decoded, ExchangeRequest outgoing)
      throws ExchangeErrorException {
    if (settings.requests().throwOnError() && !decoded.policyClass().isSuccess()) {
      response.close();
      throw new ExchangeErrorException(outgoing.description(), decoded);
    }
    return response;
  }

  private static void closeQuietly(Response response) {
    if (response != null) {
      response.close();
    }
  }
}
