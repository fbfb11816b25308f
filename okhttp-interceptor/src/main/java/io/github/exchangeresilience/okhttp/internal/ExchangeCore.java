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
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.ReconcileResult;
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

/**
 * One exchange's shared state and the carrying out of the {@link Decider}'s decisions, for every transport alike:
 * the REST interceptor and the WebSocket sessions built from it draw on the same rate budgets, bans, rejected keys,
 * pause, circuit breaker and retry, since the exchanges count both transports together. The effects come in one
 * order. Before each attempt: the gate (bans, a rejected key, the exchange's pause), then pacing. After it: the
 * breaker records the attempt, the decision's effects apply, then its step: discard what is not kept, wait, resend;
 * or reconcile; or return or throw. What an attempt is, the transport says ({@link Attempts}).
 */
public final class ExchangeCore {
  private static final System.Logger LOG = System.getLogger("io.github.exchangeresilience.okhttp");

  private final ExchangeSpec spec;
  private final Exchange exchange;
  private final GuardSettings settings;
  private final ResilienceListener listener;
  private final Decider decider;
  private final Retry retry;
  private final CircuitBreaker circuitBreaker;
  private final Pacer pacer;
  private final Reconciliation reconciliation;
  private final String banScope;
  /** Whether a capped server wait was logged yet: once per exchange and interceptor. */
  private final AtomicBoolean capLogged = new AtomicBoolean();

  /**
   * One attempt of a call on a transport, and what the transport makes of an answer.
   *
   * @param <A> the transport's answer: an OkHttp response, a WebSocket frame
   */
  public interface Attempts<A> {
    /** Sends one attempt and decides its outcome with {@link #decide}. */
    Sent<A> send(CallState call) throws IOException;

    /** Lets go of an answer that is not handed back. */
    void discard(A answer);

    /** What the application receives when the reconciler found the order. */
    A found(ReconcileResult result) throws IOException;

    /** The exchange answered and nothing more will be tried: the answer as the application receives it. */
    A finish(A answer, DecodedResponse decoded) throws IOException;
  }

  /** One attempt's answer, decoded, or its I/O failure, and what to do about it. */
  public record Sent<A>(A answer, DecodedResponse decoded, IOException failure, Decision decision) {}

  /** @param listener the application's listener, each of its events guarded */
  public ExchangeCore(ExchangeSpec spec, GuardSettings settings, ResilienceListener listener) {
    this.spec = spec;
    this.exchange = spec.exchange();
    this.settings = settings;
    this.listener = listener;
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

  public ExchangeSpec spec() {
    return spec;
  }

  public GuardSettings settings() {
    return settings;
  }

  public ResilienceListener listener() {
    return listener;
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

  /** What the decision is told of a call before its first attempt. */
  public CallState callState(ExchangeRequest outgoing) {
    return new CallState(outgoing.idempotent(), outgoing.clientOrderId(), pacer.paces(outgoing), false);
  }

  /**
   * Carries a call out to its end from {@code call}, what the decision is told of it before its first attempt:
   * returns what the application receives, or throws the typed failure.
   */
  public <A> A carryOut(ExchangeRequest outgoing, CallState call, Attempts<A> attempts) throws IOException {
    return carryOn(outgoing, call, attempts, null, System.nanoTime());
  }

  /**
   * Carries a call on from its first attempt's outcome, {@code first}, sent and decided elsewhere (a WebSocket answer
   * decided where it was read, which may not wait): the same effects and steps as {@link #carryOut}, from there.
   * Without {@code first}, carries the call out from its start.
   *
   * @param startNanos {@link System#nanoTime()} when the call began: the retry budget counts from there
   */
  public <A> A carryOn(ExchangeRequest outgoing, CallState call, Attempts<A> attempts, Sent<A> first,
      long startNanos) throws IOException {
    Retry.AsyncContext<Attempt> retryContext = retry.asyncContext();
    for (int attemptNumber = 1; ; attemptNumber++) {
      Sent<A> sent;
      if (attemptNumber == 1 && first != null) {
        sent = first;
      } else {
        awaitTurn(outgoing);
        sent = attempts.send(call);
      }
      applyEffects(sent.decision(), outgoing);

      Step step = sent.decision().step();
      A answer = sent.answer();
      RuntimeException reconcilerFailure = null;
      while (true) {
        if (step instanceof Step.Return returned) {
          if (returned.reconcileUnknownItems()) {
            reconciliation.unknownItems(outgoing, sent.decoded());
          }
          retryContext.onComplete();
          return answer == sent.answer() ? attempts.finish(answer, sent.decoded()) : answer;
        }
        if (step instanceof Step.Fail failed) {
          attempts.discard(answer);
          if (failed.failure() == Step.Failure.SIGNATURE_EXPIRED) {
            throw new SignatureExpiredException(outgoing.description(), exchange, sent.decoded(),
                outgoing.clientOrderId(), call.signatureExpiresAt(), sent.failure());
          }
          throw Failures.of(failed.failure(), outgoing, sent.decoded(), sent.failure(), reconcilerFailure,
              sent.decision().banUntil(), listener);
        }
        if (step instanceof Step.Reconcile reconcile) {
          // Either what the reconciler found replaces the answer, or it is resent, or the call fails.
          attempts.discard(answer);
          Reconciliation.Answer asked = reconciliation.ask(outgoing, sent.decoded(), sent.failure());
          reconcilerFailure = asked.failure();
          answer = asked.outcome() == ReconcileOutcome.FOUND ? attempts.found(asked.result()) : null;
          step = decider.afterReconcile(reconcile, asked.outcome()).step();
          continue;
        }
        Step.Resend resend = (Step.Resend) step;
        Duration delay = nextDelay(retryContext, resend, sent.decision(), startNanos);
        Step notResent = delay == null ? resend.whenExhausted()
            : decider.beforeResend(call, resend, settings.clock().instant().plus(delay));
        if (notResent != resend) {
          step = notResent;
          continue;
        }
        announceRetry(sent.decision(), outgoing, attemptNumber, delay);
        // Let go of what is discarded before the wait: no connection is held through a back-off.
        attempts.discard(answer);
        if (sent.decision().resyncClock()) {
          settings.hooks().timeSync().resync(exchange);
          call = call.resynced();
        }
        if (!delay.isZero()) {
          settings.sleeper().sleep(delay);
        }
        break;
      }
    }
  }

  /**
   * Whether an attempt's outcome ends its call with nothing to carry out or wait for: an answer returned as it came,
   * no effect to apply, no batch item to reconcile. Such an outcome may be finished with {@link #finish} on a thread
   * that must never wait; any other goes on through {@link #carryOn} on one that may.
   */
  public boolean endsAtOnce(Decision decision, DecodedResponse decoded) {
    return decision.step() instanceof Step.Return returned
        && (!returned.reconcileUnknownItems() || !reconciliation.hasUnknownItems(decoded))
        && decision.cappedWait() == null && decision.banUntil() == null && decision.pauseUntil() == null
        && !decision.drainBudgets() && decision.keyCooldownUntil() == null;
  }

  /** Finishes a call whose first attempt {@link #endsAtOnce}: what the application receives, or the typed failure. */
  public <A> A finish(Sent<A> sent, Attempts<A> attempts) throws IOException {
    retry.asyncContext().onComplete();
    return attempts.finish(sent.answer(), sent.decoded());
  }

  /** The breaker's permission for one attempt; refused locally while it is open. */
  public void acquirePermission(ExchangeRequest outgoing) throws FailFastException {
    if (!circuitBreaker.tryAcquirePermission()) {
      throw Failures.failFast(listener, outgoing, FailFastException.Reason.CIRCUIT_OPEN, null, null);
    }
  }

  /** Gives a permission back when something of ours failed before the attempt's outcome was known. */
  public void releasePermission() {
    circuitBreaker.releasePermission();
  }

  /**
   * Decides one attempt's outcome, an answer or an I/O failure, records it in the breaker when it took a permission,
   * and tells the listener.
   *
   * @param sentAtNanos {@link System#nanoTime()} when the attempt went out
   */
  public Decision decide(ExchangeRequest outgoing, CallState call, DecodedResponse decoded, IOException failure,
      boolean interrupted, long sentAtNanos, boolean countInBreaker) {
    Decision decision = failure != null
        ? decider.decideFailure(call, Failures.mayHaveBeenSent(failure), interrupted || Failures.isInterruption(failure))
        : decider.decide(call, decoded, settings.clock().instant());
    if (countInBreaker) {
      long nanos = System.nanoTime() - sentAtNanos;
      if (decision.countsAgainstAvailability()) {
        circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS,
            failure != null ? failure : new ExchangeErrorException(outgoing.description(), decoded));
      } else {
        // The exchange answered: a rejection, a refusal or a rate limit says nothing against its availability.
        circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      }
    }
    if (listener == ResilienceListener.NONE) {
      return decision; // a request a WebSocket operation equals is built only for whoever asks for it
    }
    if (failure != null) {
      listener.onIoFailure(exchange, outgoing.request(), failure);
    } else {
      listener.onResponse(exchange, outgoing.request(), decoded, decision.handledAs());
    }
    return decision;
  }

  /** Bans, pauses, drained budgets and cooled keys, before the step. */
  public void applyEffects(Decision decision, ExchangeRequest outgoing) {
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

  /**
   * A first attempt's turn taken without waiting, for a transport that sends from a thread that must not wait: the
   * budgets' permits reserved, and the nanoseconds still to wait before using them (0: send at once); or -1, nothing
   * taken, when the gate is not open (a ban, a rejected key, a pause): {@link #carryOut} then passes it, waiting or
   * failing as it says. Fails fast as {@link #awaitTurn} does when a budget has no room.
   */
  public long tryTurn(ExchangeRequest outgoing) throws IOException {
    return gate(outgoing, pacer.pausedUntil()).verdict() == Gate.Verdict.PROCEED ? pacer.reserve(outgoing) : -1;
  }

  /** Waits out the rest of a turn {@link #tryTurn} took, then passes the gate again, as {@link #awaitTurn} does. */
  public void awaitTakenTurn(ExchangeRequest outgoing, long waitNanos) throws IOException {
    if (waitNanos > 0) {
      settings.sleeper().sleep(Duration.ofNanos(waitNanos));
      passGate(outgoing, null);
    }
  }

  /** The gate, then the budgets; the gate again after any wait, for a ban recorded meanwhile, here or elsewhere. */
  public void awaitTurn(ExchangeRequest outgoing) throws IOException {
    boolean waited = passGate(outgoing, pacer.pausedUntil());
    waited |= pacer.pace(outgoing);
    if (waited) {
      passGate(outgoing, null);
    }
  }

  /** What the bans, the key's cool-down and {@code pausedUntil} say of sending now. */
  private Gate gate(ExchangeRequest outgoing, Instant pausedUntil) {
    Instant now = settings.clock().instant();
    return decider.beforeSending(now, settings.bans().bans().bannedUntil(banScope, now).orElse(null),
        settings.bans().rejectedKeys().bannedUntil(outgoing.keyScope(), now).orElse(null), pausedUntil);
  }

  private boolean passGate(ExchangeRequest outgoing, Instant pausedUntil) throws IOException {
    Gate gate = gate(outgoing, pausedUntil);
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
   * retry time are used up. Waits nothing: the caller lets go of what it discards first, then sleeps.
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
}
