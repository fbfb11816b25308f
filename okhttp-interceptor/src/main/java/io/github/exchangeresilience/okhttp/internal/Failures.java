package io.github.exchangeresilience.okhttp.internal;

import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.decision.Step;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ExecutionUnknownException;
import io.github.exchangeresilience.okhttp.FailFastException;
import io.github.exchangeresilience.okhttp.NotExecutedException;
import io.github.exchangeresilience.okhttp.ResilienceListener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;

/** The typed exceptions a decision's failure becomes, for every transport alike. */
public final class Failures {
  private Failures() {}

  /**
   * The exception of {@code failure} for {@code request}: the exchange's answer, a ban, the I/O failure itself, or
   * the order's fate as the reconciler left it.
   *
   * @param decoded the answer, or {@code null} after an I/O failure
   * @param ioFailure the I/O failure, or {@code null} when the exchange answered
   * @param reconcilerFailure what the reconciler threw, or {@code null}
   */
  static IOException of(Step.Failure failure, ExchangeRequest request, DecodedResponse decoded, IOException ioFailure,
      RuntimeException reconcilerFailure, Instant banUntil, ResilienceListener listener) {
    switch (failure) {
      case EXCHANGE_ERROR:
        return new ExchangeErrorException(request.description(), decoded);
      case BAN_IN_FORCE:
        return failFast(listener, request, FailFastException.Reason.BAN_IN_FORCE, null, banUntil);
      case IO_FAILURE:
        return ioFailure;
      case NOT_EXECUTED:
        return new NotExecutedException(request.description(), request.exchange(), decoded, request.clientOrderId(),
            ioFailure);
      default:
        ExecutionUnknownException unknown = new ExecutionUnknownException(request.description(), request.exchange(),
            decoded, request.clientOrderId(), ioFailure != null ? ioFailure : reconcilerFailure);
        if (ioFailure != null && reconcilerFailure != null) {
          unknown.addSuppressed(reconcilerFailure);
        }
        return unknown;
    }
  }

  /** A local refusal, heard by the listener. */
  public static FailFastException failFast(ResilienceListener listener, ExchangeRequest request,
      FailFastException.Reason reason, Duration retryAfter, Instant bannedUntil) {
    listener.onFailFast(request.exchange(), request.request(), reason);
    PolicyClass policyClass = switch (reason) {
      case BAN_IN_FORCE, RATE_BUDGET_EXHAUSTED -> PolicyClass.RATE_LIMITED;
      case CIRCUIT_OPEN, NOT_CONNECTED -> PolicyClass.UNAVAILABLE;
      case REJECTED_KEY -> PolicyClass.AUTH;
    };
    return new FailFastException(reason, request.exchange(), request.description(), policyClass, retryAfter,
        bannedUntil);
  }

  /** Failures that happen before a byte of the request leaves: the exchange cannot have acted on it. */
  static boolean mayHaveBeenSent(IOException e) {
    return !(e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
        || e instanceof FailFastException);
  }

  /** A thread interrupt, as opposed to a socket timeout, ends the call at once. */
  static boolean isInterruption(IOException e) {
    return e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
        && Thread.currentThread().isInterrupted();
  }
}
