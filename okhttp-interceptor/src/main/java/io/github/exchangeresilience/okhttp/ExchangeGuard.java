package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decode.DecisionSource;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ItemResult;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.ResponseSnapshot;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Everything the interceptor holds for one exchange: its decoder, Retry, CircuitBreaker and rate limiters, and the
 * routing of each answer by its policy class.
 */
final class ExchangeGuard {
  private static final MediaType JSON = MediaType.get("application/json");

  private final Exchange exchange;
  private final ExchangeProfile profile;
  private final InterceptorSettings settings;
  private final ResponseDecoder decoder;
  private final Retry retry;
  private final CircuitBreaker circuitBreaker;
  private final List<Budget> budgets;
  /** Bybit's "IP has been banned." */
  private static final String BYBIT_IP_BANNED = "10009";

  private final String banScope;
  private final Set<String> idempotentPaths;
  /** Until when the exchange asked every call to wait, after a Retry-After or a window reset. */
  private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);

  /** A rate budget with its permits. */
  private record Budget(RateBudget budget, RateBudgetStore.Permits permits) {}

  ExchangeGuard(Exchange exchange, InterceptorSettings settings) {
    this.exchange = exchange;
    this.profile = ExchangeProfile.of(exchange);
    this.settings = settings;
    this.decoder = ResponseDecoder.of(exchange, settings.catalog());
    IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
        settings.backoffMultiplier(), settings.backoffJitter(), settings.maxBackoff());
    RetryConfig retryConfig = RetryConfig.<Attempt>custom()
        .maxAttempts(settings.maxAttempts())
        .retryOnResult(Attempt::retryable)
        .intervalBiFunction((attempt, outcome) -> outcome.isRight() && outcome.get().serverWait() != null
            ? outcome.get().serverWait().toMillis()
            : backoff.apply(attempt))
        .failAfterMaxAttempts(false)
        .build();
    this.retry = settings.retryRegistry().retry(exchange.id(), retryConfig);
    this.circuitBreaker = settings.circuitBreakerRegistry().circuitBreaker(exchange.id(), settings.circuitBreakerConfig());
    List<Budget> budgets = new ArrayList<>();
    for (RateBudget budget : settings.budgets(exchange)) {
      budgets.add(new Budget(budget, settings.budgetStore().permits(exchange, budget, settings.maxPacingWait())));
    }
    this.budgets = List.copyOf(budgets);
    this.banScope = exchange.id() + ":" + settings.banScope();
    this.idempotentPaths = settings.idempotentPaths(profile);
  }

  Exchange exchange() {
    return exchange;
  }

  CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  Retry retry() {
    return retry;
  }

  /** The Resilience4j RateLimiters of this exchange's budgets, where the default budget store keeps them. */
  List<RateLimiter> rateLimiters() {
    return budgets.stream()
        .map(budget -> Resilience4jBudgetStore.limiterName(exchange, budget.budget()))
        .flatMap(name -> settings.rateLimiterRegistry().find(name).stream())
        .toList();
  }

  Instant bannedUntil() {
    return settings.banState().bannedUntil(banScope, settings.clock().instant()).orElse(null);
  }

  Response intercept(Interceptor.Chain chain) throws IOException {
    Request prepared = settings.preparer().prepare(chain.request());
    OutgoingRequest outgoing = OutgoingRequest.of(prepared, profile, settings.nonIdempotentMethods(),
        idempotentPaths);
    // A reconciler's lookup of an order in doubt is neither stopped by nor counted in the circuit breaker.
    boolean lookup = ReconcileLookup.isMarked(prepared);
    Retry.AsyncContext<Attempt> retryContext = retry.asyncContext();
    long start = System.nanoTime();
    boolean clockResynced = false;
    int attemptNumber = 0;
    while (true) {
      attemptNumber++;
      failFastIfBlocked(outgoing);
      boolean waited = awaitPause(outgoing);
      waited |= pace(outgoing);
      if (waited) {
        // A ban recorded while this call waited, by this process or another sharing the ban state, stops it too.
        failFastIfBlocked(outgoing);
      }
      // Signed here, inside the retry and after every wait, so that each attempt carries a fresh timestamp and
      // signature. Outside the try below: a signer that fails (no credentials) has sent nothing, so its failure is
      // not one to reconcile.
      Request signed = settings.signer().sign(outgoing.request());
      if (!lookup && !circuitBreaker.tryAcquirePermission()) {
        throw failFast(outgoing, FailFastException.Reason.CIRCUIT_OPEN, null, null);
      }
      long sent = System.nanoTime();
      Response response;
      try {
        response = chain.proceed(signed);
      } catch (IOException e) {
        if (!lookup) {
          circuitBreaker.onError(System.nanoTime() - sent, TimeUnit.NANOSECONDS, e);
        }
        settings.listener().onIoFailure(exchange, outgoing.request(), e);
        if (chain.call().isCanceled() || isInterruption(e)) {
          throw e;
        }
        if (!outgoing.idempotent() && mayHaveBeenSent(e)) {
          Response reconciled = reconcile(outgoing, null, e, null);
          if (reconciled != null) {
            return reconciled;
          }
          // NOT_EXECUTED: resending with the same client order id is safe now.
          if (!scheduleRetry(retryContext, Attempt.retryAfter(PolicyClass.EXECUTION_UNKNOWN, Duration.ZERO),
              outgoing, start, attemptNumber)) {
            throw new NotExecutedException(outgoing.description(), exchange, null, outgoing.clientOrderId(), e);
          }
          continue;
        }
        if (!scheduleRetry(retryContext, Attempt.retryWithBackoff(PolicyClass.TRANSIENT), outgoing, start,
            attemptNumber)) {
          throw e;
        }
        continue;
      }

      DecodedResponse decoded = decode(response);
      boolean orderExists = isDuplicateClientOrderId(decoded, outgoing);
      PolicyClass handledAs = orderExists ? PolicyClass.EXECUTION_UNKNOWN : handledAs(decoded, outgoing);
      if (!lookup) {
        recordInBreaker(handledAs, decoded, System.nanoTime() - sent, outgoing);
      }
      settings.listener().onResponse(exchange, outgoing.request(), decoded, handledAs);

      switch (handledAs) {
        case SUCCESS, PARTIAL_SUCCESS -> {
          retryContext.onComplete();
          reconcileUnknownItems(outgoing, decoded);
          return response;
        }
        case REJECTED -> {
          retryContext.onComplete();
          return finalAnswer(response, decoded, outgoing);
        }
        case AUTH -> {
          settings.rejectedKeys().ban(outgoing.keyScope(), settings.clock().instant().plus(settings.rejectedKeyCooldown()));
          response.close();
          throw new ExchangeErrorException(outgoing.description(), decoded);
        }
        case ACCOUNT_RESTRICTED -> {
          response.close();
          throw new ExchangeErrorException(outgoing.description(), decoded);
        }
        case RATE_LIMITED -> {
          Instant banUntil = banUntil(decoded);
          if (banUntil != null) {
            settings.banState().ban(banScope, banUntil);
            settings.listener().onBan(exchange, banScope, banUntil);
            response.close();
            throw failFast(outgoing, FailFastException.Reason.BAN_IN_FORCE, null, banUntil);
          }
          Attempt attempt;
          Duration serverWait = serverWait(decoded);
          if (serverWait != null) {
            // The exchange named the wait: every call to it waits that long (or fails fast), not only this one.
            pauseUntil(settings.clock().instant().plus(serverWait));
            if (serverWait.compareTo(settings.maxRateLimitWait()) > 0) {
              return finalAnswer(response, decoded, outgoing);
            }
            attempt = Attempt.retryAfter(handledAs, serverWait);
          } else {
            // No wait named: empty the budgets so that this call and those queued behind it wait for the next
            // window; with no budget to wait on, back off instead.
            attempt = drainBudgets(outgoing)
                ? Attempt.retryAfter(handledAs, Duration.ZERO)
                : Attempt.retryWithBackoff(handledAs);
          }
          if (!scheduleRetry(retryContext, attempt, outgoing, start, attemptNumber)) {
            return finalAnswer(response, decoded, outgoing);
          }
          response.close();
        }
        case CLOCK_SKEW -> {
          if (clockResynced
              || !scheduleRetry(retryContext, Attempt.retryAfter(handledAs, Duration.ZERO), outgoing, start,
                  attemptNumber)) {
            return finalAnswer(response, decoded, outgoing);
          }
          response.close();
          settings.timeSync().resync(exchange);
          clockResynced = true;
        }
        case TRANSIENT, UNAVAILABLE -> {
          if (!scheduleRetry(retryContext, Attempt.retryWithBackoff(handledAs), outgoing, start, attemptNumber)) {
            return finalAnswer(response, decoded, outgoing);
          }
          response.close();
        }
        case EXECUTION_UNKNOWN -> {
          response = reconcileAnswer(response, decoded, outgoing, orderExists);
          if (response != null) {
            return response;
          }
          if (!scheduleRetry(retryContext, Attempt.retryAfter(handledAs, Duration.ZERO), outgoing, start,
              attemptNumber)) {
            throw new NotExecutedException(outgoing.description(), exchange, decoded, outgoing.clientOrderId(), null);
          }
        }
        default -> throw new IllegalStateException("decoder returned " + handledAs);
      }
    }
  }

  /**
   * The class the answer is handled by. The decoder's class, except: an idempotent request whose outcome is unknown is
   * simply retried (repeating it cannot create anything), and a non-idempotent one whose failure was judged from the
   * HTTP status alone (5xx, 408, a proxy's page) may have executed, so it is reconciled rather than resent.
   */
  private static PolicyClass handledAs(DecodedResponse decoded, OutgoingRequest outgoing) {
    PolicyClass decodedClass = decoded.policyClass();
    if (outgoing.idempotent()) {
      return decodedClass == PolicyClass.EXECUTION_UNKNOWN ? PolicyClass.TRANSIENT : decodedClass;
    }
    if (decoded.decidedBy() == DecisionSource.HTTP_STATUS
        && (decodedClass == PolicyClass.TRANSIENT || decodedClass == PolicyClass.UNAVAILABLE)) {
      return PolicyClass.EXECUTION_UNKNOWN;
    }
    return decodedClass;
  }

  private DecodedResponse decode(Response response) throws IOException {
    ResponseBody peeked = response.peekBody(settings.bodyPrefixLimit());
    byte[] prefix = peeked.bytes();
    long length = response.body().contentLength();
    boolean complete = prefix.length < settings.bodyPrefixLimit() || length == prefix.length;
    ResponseSnapshot snapshot = ResponseSnapshot.builder()
        .httpStatus(response.code())
        .headers(response::header)
        .contentType(response.header("Content-Type"))
        .body(prefix, complete)
        .build();
    return decoder.decode(snapshot);
  }

  private void recordInBreaker(PolicyClass handledAs, DecodedResponse decoded, long nanos, OutgoingRequest outgoing) {
    if (handledAs == PolicyClass.UNAVAILABLE) {
      circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, new ExchangeErrorException(outgoing.description(), decoded));
    } else {
      // The exchange answered: a rejection, a refusal or a rate limit says nothing against its availability.
      circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private void failFastIfBlocked(OutgoingRequest outgoing) throws FailFastException {
    Instant now = settings.clock().instant();
    Instant banned = settings.banState().bannedUntil(banScope, now).orElse(null);
    if (banned != null) {
      throw failFast(outgoing, FailFastException.Reason.BAN_IN_FORCE, null, banned);
    }
    Instant keyCooldown = settings.rejectedKeys().bannedUntil(outgoing.keyScope(), now).orElse(null);
    if (keyCooldown != null) {
      throw failFast(outgoing, FailFastException.Reason.REJECTED_KEY, Duration.between(now, keyCooldown), null);
    }
  }

  /**
   * Waits for a permit of every budget the request draws on, so that the client never runs into the limit. True if it
   * waited.
   */
  private boolean pace(OutgoingRequest outgoing) throws IOException {
    boolean waited = false;
    for (Budget budget : budgets) {
      if (!applies(budget.budget(), outgoing)) {
        continue;
      }
      int permits = budget.budget().scope() == RateBudget.Scope.ALL_REQUESTS
          ? Math.max(1, settings.requestWeight().applyAsInt(outgoing.request()))
          : 1;
      long waitNanos = budget.permits().reserve(permits);
      if (waitNanos < 0) {
        throw failFast(outgoing, FailFastException.Reason.RATE_BUDGET_EXHAUSTED, budget.budget().period(), null);
      }
      if (waitNanos > 0) {
        Duration wait = Duration.ofNanos(waitNanos);
        settings.listener().onRateLimitWait(exchange, budget.budget().name(), wait);
        settings.sleeper().sleep(wait);
        waited = true;
      }
    }
    return waited;
  }

  /** Empties the budgets the request draws on, so that calls already queued wait too. False if none applies. */
  private boolean drainBudgets(OutgoingRequest outgoing) {
    boolean drained = false;
    for (Budget budget : budgets) {
      if (applies(budget.budget(), outgoing)) {
        budget.permits().drain();
        drained = true;
      }
    }
    return drained;
  }

  private void pauseUntil(Instant until) {
    pausedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
  }

  /**
   * Waits out a pause the exchange asked for (Retry-After, window reset), or fails fast if it is too long. True if it
   * waited.
   */
  private boolean awaitPause(OutgoingRequest outgoing) throws IOException {
    Duration wait = Duration.between(settings.clock().instant(), pausedUntil.get());
    if (wait.isNegative() || wait.isZero()) {
      return false;
    }
    if (wait.compareTo(settings.maxRateLimitWait()) > 0) {
      throw failFast(outgoing, FailFastException.Reason.RATE_BUDGET_EXHAUSTED, wait, null);
    }
    settings.listener().onRateLimitWait(exchange, "exchange", wait);
    settings.sleeper().sleep(wait);
    return true;
  }

  private static boolean applies(RateBudget budget, OutgoingRequest outgoing) {
    return budget.scope() == RateBudget.Scope.ALL_REQUESTS || outgoing.orderPlacement();
  }

  /** When a rate-limit answer is a ban: Binance 418 or "IP banned until", Bybit's HTTP 403 and its code 10009. */
  private Instant banUntil(DecodedResponse decoded) {
    Instant now = settings.clock().instant();
    if (decoded.hints().bannedUntil() != null) {
      return decoded.hints().bannedUntil();
    }
    if (decoded.httpStatus() == 418) {
      Duration retryAfter = decoded.hints().retryAfter();
      return now.plus(retryAfter != null ? retryAfter : settings.defaultBanDuration());
    }
    if (exchange == Exchange.BYBIT
        && (decoded.httpStatus() == 403 || BYBIT_IP_BANNED.equals(decoded.code().orElse(null)))) {
      // Bybit documents an IP ban of at least ten minutes after "403 access too frequent"; 10009 "IP has been
      // banned" is that ban said in a body, and names no end either.
      return now.plus(settings.bybitIpBanDuration());
    }
    return null;
  }

  /** The wait the exchange asked for: Retry-After first, then Bybit's window reset; {@code null} if neither. */
  private Duration serverWait(DecodedResponse decoded) {
    if (decoded.hints().retryAfter() != null) {
      return decoded.hints().retryAfter();
    }
    Instant reset = decoded.hints().bybitLimitResetAt();
    if (reset != null) {
      Duration untilReset = Duration.between(settings.clock().instant(), reset);
      return untilReset.isNegative() ? Duration.ZERO : untilReset;
    }
    return null;
  }

  /**
   * Asks Resilience4j whether the attempt may be retried and after how long, then waits. False when attempts or the
   * total retry time are used up.
   */
  private boolean scheduleRetry(Retry.AsyncContext<Attempt> retryContext, Attempt attempt, OutgoingRequest outgoing,
      long startNanos, int attemptNumber) throws IOException {
    long delayMillis = retryContext.onResult(attempt);
    if (delayMillis < 0) {
      return false;
    }
    Duration delay = Duration.ofMillis(delayMillis);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    // A wait the exchange named was already held to maxRateLimitWait; the retry budget bounds our own backoff.
    if (attempt.serverWait() == null && elapsed.plus(delay).compareTo(settings.maxRetryDuration()) > 0) {
      return false;
    }
    settings.listener().onRetry(exchange, outgoing.request(), attempt.handledAs(), attemptNumber, delay);
    if (attempt.handledAs() == PolicyClass.RATE_LIMITED && !delay.isZero()) {
      settings.listener().onRateLimitWait(exchange, "exchange", delay);
    }
    if (!delay.isZero()) {
      settings.sleeper().sleep(delay);
    }
    return true;
  }

  /**
   * An order refused because its client order id is taken exists: an earlier attempt, or the application, placed it.
   * It is reconciled like an order in doubt, never handed back as a rejection, which would read as "not placed".
   */
  private boolean isDuplicateClientOrderId(DecodedResponse decoded, OutgoingRequest outgoing) {
    if (outgoing.idempotent() || outgoing.clientOrderId() == null) {
      return false;
    }
    Set<String> duplicate = profile.duplicateClientOrderIdCodes();
    // A single order's refusal may stand in its one item (OKX's sCode under code 1); a batch is never resent whole,
    // so its items are the application's to read.
    String code = decoded.items().size() == 1 ? decoded.items().get(0).code() : decoded.code().orElse(null);
    return code != null && duplicate.contains(code) || decoded.code().filter(duplicate::contains).isPresent();
  }

  /**
   * An EXECUTION_UNKNOWN answer: the reconciler's answer, or {@code null} to resend (NOT_EXECUTED). When the exchange
   * said the order exists, a reconciler that cannot find it is not believed: the call fails as unknown.
   */
  private Response reconcileAnswer(Response response, DecodedResponse decoded, OutgoingRequest outgoing,
      boolean orderExists) throws IOException {
    try {
      Response reconciled = reconcile(outgoing, decoded, null, response);
      if (reconciled == null && orderExists) {
        throw new ExecutionUnknownException(outgoing.description(), exchange, decoded, outgoing.clientOrderId(),
            null);
      }
      return reconciled;
    } finally {
      // Either the reconciler's answer replaces it, or it is resent, or the call fails: this one is done with.
      response.close();
    }
  }

  /**
   * Calls the reconciler. FOUND returns the response to hand back; NOT_EXECUTED returns {@code null}; UNRESOLVED, or no
   * reconciler, throws {@link ExecutionUnknownException}.
   */
  private Response reconcile(OutgoingRequest outgoing, DecodedResponse decoded, IOException failure,
      Response original) throws IOException {
    Reconciler reconciler = settings.reconciler();
    ReconcileResult result = reconciler == null
        ? ReconcileResult.unresolved()
        : reconciler.reconcile(new ReconcileRequest(exchange, outgoing.request(), decoded, failure,
            outgoing.clientOrderId(), null));
    settings.listener().onReconcile(exchange, outgoing.request(), result.outcome());
    switch (result.outcome()) {
      case FOUND -> {
        if (result.response().isPresent()) {
          return result.response().get();
        }
        return new Response.Builder()
            .request(outgoing.request())
            .protocol(original != null ? original.protocol() : Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .body(ResponseBody.create(result.body().orElse("{}"), JSON))
            .build();
      }
      case NOT_EXECUTED -> {
        return null;
      }
      default -> throw new ExecutionUnknownException(outgoing.description(), exchange, decoded,
          outgoing.clientOrderId(), failure);
    }
  }

  /**
   * Batch items whose outcome is unknown are reported to the reconciler one by one. The batch itself is never resent:
   * its other items executed, or were refused for their own reasons.
   */
  private void reconcileUnknownItems(OutgoingRequest outgoing, DecodedResponse decoded) throws IOException {
    Reconciler reconciler = settings.reconciler();
    if (reconciler == null || !decoded.isBatch()) {
      return;
    }
    for (ItemResult item : decoded.items()) {
      if (item.policyClass() == PolicyClass.EXECUTION_UNKNOWN || item.policyClass() == PolicyClass.UNKNOWN) {
        ReconcileResult result = reconciler.reconcile(new ReconcileRequest(exchange, outgoing.request(), decoded,
            null, item.clientOrderId(), item));
        settings.listener().onReconcile(exchange, outgoing.request(), result.outcome());
        result.response().ifPresent(Response::close);
      }
    }
  }

  /** The exchange answered and nothing more will be tried: hand the answer back unchanged, or throw if asked to. */
  private Response finalAnswer(Response response, DecodedResponse decoded, OutgoingRequest outgoing)
      throws ExchangeErrorException {
    if (settings.throwOnError() && !decoded.policyClass().isSuccess()) {
      response.close();
      throw new ExchangeErrorException(outgoing.description(), decoded);
    }
    return response;
  }

  private FailFastException failFast(OutgoingRequest outgoing, FailFastException.Reason reason, Duration retryAfter,
      Instant bannedUntil) {
    settings.listener().onFailFast(exchange, outgoing.request(), reason);
    PolicyClass policyClass = switch (reason) {
      case BAN_IN_FORCE, RATE_BUDGET_EXHAUSTED -> PolicyClass.RATE_LIMITED;
      case CIRCUIT_OPEN -> PolicyClass.UNAVAILABLE;
      case REJECTED_KEY -> PolicyClass.AUTH;
    };
    return new FailFastException(reason, exchange, outgoing.description(), policyClass, retryAfter, bannedUntil);
  }

  /** Failures that happen before a byte of the request leaves: the exchange cannot have acted on it. */
  private static boolean mayHaveBeenSent(IOException e) {
    return !(e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || e instanceof FailFastException);
  }

  /** A thread interrupt, as opposed to a socket timeout, ends the call at once. */
  private static boolean isInterruption(IOException e) {
    return e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
        && Thread.currentThread().isInterrupted();
  }
}
