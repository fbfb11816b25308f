package io.github.exchangeresilience.decision;

import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecisionSource;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.exchange.BanRules;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.RateBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What to do after one attempt of a call, for one exchange: a pure function of the call, the attempt's outcome and
 * the time it is told, like OkHttp's {@code followUpRequest}. It sleeps, closes and calls nothing; the transport (the
 * interceptor, the WebSocket session) carries the {@link Decision} out.
 *
 * <p>The safety rule is enforced here: a request that is not idempotent and may have executed never gets
 * {@link Step.Resend} but after the reconciler's "not executed".
 *
 * <p>A request signed outside the library ({@link CallState#isSignedOutside()}) is resent with the bytes it was signed
 * with: after a clock-skew answer that is pointless (the same stale timestamp is refused again), so the answer is
 * handed back; and no resend leaves after its receive window has ended ({@link #beforeResend}).
 */
public final class Decider {
  private static final Step.Fail EXCHANGE_ERROR = new Step.Fail(Step.Failure.EXCHANGE_ERROR);
  private static final Step.Fail BAN_IN_FORCE = new Step.Fail(Step.Failure.BAN_IN_FORCE);
  private static final Step.Fail IO_FAILURE = new Step.Fail(Step.Failure.IO_FAILURE);
  private static final Step.Fail NOT_EXECUTED = new Step.Fail(Step.Failure.NOT_EXECUTED);
  private static final Step.Fail EXECUTION_UNKNOWN = new Step.Fail(Step.Failure.EXECUTION_UNKNOWN);
  private static final Step.Fail SIGNATURE_EXPIRED = new Step.Fail(Step.Failure.SIGNATURE_EXPIRED);
  private static final Step.Resend BACKOFF_THEN_RETURN = new Step.Resend(null, Step.RETURN);
  private static final Step.Resend AT_ONCE_THEN_RETURN = new Step.Resend(Duration.ZERO, Step.RETURN);
  private static final Step.Resend AT_ONCE_THEN_NOT_EXECUTED = new Step.Resend(Duration.ZERO, NOT_EXECUTED);
  private static final Step.Resend BACKOFF_THEN_IO_FAILURE = new Step.Resend(null, IO_FAILURE);

  private final ExchangeSpec spec;
  private final DecisionSettings settings;
  private final Set<String> duplicateClientOrderIdCodes;
  /** The shortest window the exchange documents a rate budget over: when its counts start again. */
  private final Duration rateWindow;

  public Decider(ExchangeSpec spec, DecisionSettings settings) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.duplicateClientOrderIdCodes = spec.orders().duplicateClientOrderIdCodes();
    this.rateWindow = spec.budgets().stream().map(RateBudget::period).min(Duration::compareTo).orElseThrow();
  }

  public ExchangeSpec spec() {
    return spec;
  }

  public DecisionSettings settings() {
    return settings;
  }

  /** Whether a call may go out now, given the ban, the key's cool-down and the exchange's pause it is told of. */
  public Gate beforeSending(Instant now, Instant bannedUntil, Instant keyCooldownUntil, Instant pausedUntil) {
    if (bannedUntil != null && bannedUntil.isAfter(now)) {
      return new Gate(Gate.Verdict.BANNED, Duration.between(now, bannedUntil), bannedUntil);
    }
    if (keyCooldownUntil != null && keyCooldownUntil.isAfter(now)) {
      return new Gate(Gate.Verdict.KEY_COOLING_DOWN, Duration.between(now, keyCooldownUntil), null);
    }
    if (pausedUntil != null && pausedUntil.isAfter(now)) {
      Duration wait = Duration.between(now, pausedUntil);
      return new Gate(wait.compareTo(settings.maxRateLimitWait()) > 0 ? Gate.Verdict.PAUSED : Gate.Verdict.WAIT,
          wait, null);
    }
    return Gate.PROCEED;
  }

  /** After the exchange answered. */
  public Decision decide(CallState call, DecodedResponse answer, Instant now) {
    boolean orderExists = isDuplicateClientOrderId(call, answer);
    PolicyClass handledAs = orderExists ? PolicyClass.EXECUTION_UNKNOWN : handledAs(call, answer);
    switch (handledAs) {
      case SUCCESS:
        return Decision.success(false);
      case PARTIAL_SUCCESS:
        return Decision.success(true);
      case REJECTED:
        return Decision.rejected();
      case AUTH:
        return Decision.builder(handledAs, finalRefusal())
            .keyCooldownUntil(now.plus(settings.rejectedKeyCooldown())).build();
      case ACCOUNT_RESTRICTED:
        return Decision.builder(handledAs, finalRefusal()).build();
      case RATE_LIMITED:
        return rateLimited(call, answer, now);
      case CLOCK_SKEW:
        // Resent once, after a resync: a second skew answer is the answer. Bytes signed outside the library keep
        // their stale timestamp whatever the resync: the answer is the answer at once.
        return call.clockResynced() || call.isSignedOutside()
            ? Decision.builder(handledAs, Step.RETURN).build()
            : Decision.builder(handledAs, AT_ONCE_THEN_RETURN).resyncClock().build();
      case TRANSIENT:
        return Decision.builder(handledAs, BACKOFF_THEN_RETURN).build();
      case UNAVAILABLE:
        return Decision.builder(handledAs, BACKOFF_THEN_RETURN).countsAgainstAvailability(true).build();
      case EXECUTION_UNKNOWN:
        return Decision.builder(handledAs, new Step.Reconcile(call.clientOrderId(), orderExists)).build();
      default:
        throw new IllegalArgumentException("a decoded answer is never " + handledAs);
    }
  }

  /**
   * After an I/O failure: before an answer came, or while it was read.
   *
   * @param mayHaveBeenSent false only where the request cannot have left (connection refused, unknown host)
   * @param interrupted the thread was interrupted or the call cancelled: the call ends with the failure at once
   */
  public Decision decideFailure(CallState call, boolean mayHaveBeenSent, boolean interrupted) {
    if (interrupted) {
      // Nothing more is tried, not even a lookup; an order that may have left ends as unknown, by its client order id,
      // so that the application can look it up: a bare interrupt would lose track of it.
      Step.Fail ends = !call.idempotent() && mayHaveBeenSent ? EXECUTION_UNKNOWN : IO_FAILURE;
      return Decision.builder(PolicyClass.EXECUTION_UNKNOWN, ends).countsAgainstAvailability(true).build();
    }
    if (!call.idempotent() && mayHaveBeenSent) {
      return Decision.builder(PolicyClass.EXECUTION_UNKNOWN, new Step.Reconcile(call.clientOrderId(), false))
          .countsAgainstAvailability(true).build();
    }
    return Decision.builder(PolicyClass.TRANSIENT, BACKOFF_THEN_IO_FAILURE).countsAgainstAvailability(true).build();
  }

  /**
   * After the reconciler answered for a {@link Step.Reconcile}. FOUND returns what it found; NOT_EXECUTED resends
   * with the same client order id, unless the exchange had said the order exists; UNRESOLVED fails as unknown.
   */
  public Decision afterReconcile(Step.Reconcile reconcile, ReconcileOutcome outcome) {
    switch (outcome) {
      case FOUND:
        return Decision.builder(PolicyClass.EXECUTION_UNKNOWN, Step.RETURN).build();
      case NOT_EXECUTED:
        return Decision.builder(PolicyClass.EXECUTION_UNKNOWN,
            reconcile.orderExists() ? EXECUTION_UNKNOWN : AT_ONCE_THEN_NOT_EXECUTED).build();
      default:
        return Decision.builder(PolicyClass.EXECUTION_UNKNOWN, EXECUTION_UNKNOWN).build();
    }
  }

  /**
   * Whether a {@link Step.Resend} may go ahead when it would leave at {@code sendAt} (now plus the wait before it).
   * A request signed outside the library carries the same signature on every attempt, and the exchange refuses it
   * once its receive window has ended: such a resend is not made, and the call ends with
   * {@link Step.Failure#SIGNATURE_EXPIRED} (not executed) rather than waiting only to be refused for its timestamp.
   *
   * @return {@code resend} itself, or the failure
   */
  public Step beforeResend(CallState call, Step.Resend resend, Instant sendAt) {
    Objects.requireNonNull(resend, "resend");
    Instant expiresAt = call.signatureExpiresAt();
    return expiresAt != null && sendAt.isAfter(expiresAt) ? SIGNATURE_EXPIRED : resend;
  }

  /** A refusal for the key or the account: an exception, or the answer as it came (for an SDK's own exceptions). */
  private Step finalRefusal() {
    return settings.handBackAnswers() ? Step.RETURN : EXCHANGE_ERROR;
  }

  /**
   * The class an answer is handled by: the decoder's, except that an idempotent request whose outcome is unknown is
   * simply retried (repeating it cannot create anything), and a non-idempotent one whose failure was judged from the
   * HTTP status alone (5xx, 408, a proxy's page) may have executed, so it is reconciled rather than resent.
   */
  private static PolicyClass handledAs(CallState call, DecodedResponse answer) {
    PolicyClass decoded = answer.policyClass();
    if (call.idempotent()) {
      return decoded == PolicyClass.EXECUTION_UNKNOWN ? PolicyClass.TRANSIENT : decoded;
    }
    if (answer.decidedBy() == DecisionSource.HTTP_STATUS
        && (decoded == PolicyClass.TRANSIENT || decoded == PolicyClass.UNAVAILABLE)) {
      return PolicyClass.EXECUTION_UNKNOWN;
    }
    return decoded;
  }

  /**
   * An order refused because its client order id is taken exists: an earlier attempt, or the application, placed it.
   * It is reconciled like an order in doubt, never handed back as a rejection, which would read as "not placed". A
   * single order's refusal may stand in its one item (OKX's sCode under code 1); a batch is never resent whole, so its
   * items are the application's to read.
   */
  private boolean isDuplicateClientOrderId(CallState call, DecodedResponse answer) {
    if (call.idempotent() || call.clientOrderId() == null) {
      return false;
    }
    String itemCode = answer.items().size() == 1 ? answer.items().get(0).code() : null;
    return (itemCode != null && duplicateClientOrderIdCodes.contains(itemCode))
        || answer.code().filter(duplicateClientOrderIdCodes::contains).isPresent();
  }

  private Decision rateLimited(CallState call, DecodedResponse answer, Instant now) {
    Decision.Builder decision = Decision.builder(PolicyClass.RATE_LIMITED, null);
    Instant banUntil = banUntil(answer, now, decision);
    if (banUntil != null) {
      return decision.banUntil(banUntil).step(settings.handBackAnswers() ? Step.RETURN : BAN_IN_FORCE).build();
    }
    Duration named = namedWait(answer, now, decision);
    if (named != null) {
      // The exchange named the wait: every call to it waits that long (or fails fast), not only this one.
      decision.pauseUntil(now.plus(named));
      boolean tooLong = named.compareTo(settings.maxRateLimitWait()) > 0;
      return decision.step(tooLong ? Step.RETURN : new Step.Resend(named, Step.RETURN)).build();
    }
    // No wait named: empty the budgets so that this call and those queued behind it wait for the next window.
    if (call.paced()) {
      return decision.drainBudgets().step(AT_ONCE_THEN_RETURN).build();
    }
    // No budget to wait on either (a market-data read): a resend within the exchange's window is refused again and
    // counted against it, so this call waits out the shortest window the exchange documents. Other calls are not
    // paused: the limit may be this endpoint's alone.
    return decision.step(rateWindow.compareTo(settings.maxRateLimitWait()) > 0 ? Step.RETURN
        : new Step.Resend(rateWindow, Step.RETURN)).build();
  }

  /** When a rate-limit answer is a ban: a "banned until" in its message, or a status or code the spec says is one. */
  private Instant banUntil(DecodedResponse answer, Instant now, Decision.Builder decision) {
    if (answer.hints().bannedUntil() != null) {
      return now.plus(capped(Duration.between(now, answer.hints().bannedUntil()), decision));
    }
    BanRules rules = spec.banRules();
    Duration rule = rules.statusBans().get(answer.httpStatus());
    if (rule == null && answer.code().isPresent()) {
      rule = rules.codeBans().get(answer.code().get());
    }
    if (rule == null) {
      return null;
    }
    if (rule.equals(BanRules.AS_RETRY_AFTER)) {
      Duration retryAfter = answer.hints().retryAfter();
      return now.plus(retryAfter != null ? capped(retryAfter, decision) : settings.defaultBanDuration());
    }
    return now.plus(rule);
  }

  /** The wait the exchange asked for: Retry-After first, then the window reset; {@code null} if neither. */
  private Duration namedWait(DecodedResponse answer, Instant now, Decision.Builder decision) {
    if (answer.hints().retryAfter() != null) {
      return capped(answer.hints().retryAfter(), decision);
    }
    Instant reset = answer.hints().windowResetAt();
    if (reset != null) {
      Duration untilReset = Duration.between(now, reset);
      return untilReset.isNegative() ? Duration.ZERO : capped(untilReset, decision);
    }
    return null;
  }

  /** A wait or ban named on the wire, held to {@code maxServerWait}: one bad answer must not silence a bot for years. */
  private Duration capped(Duration named, Decision.Builder decision) {
    if (named.compareTo(settings.maxServerWait()) <= 0) {
      return named;
    }
    decision.cappedWait(named);
    return settings.maxServerWait();
  }
}
