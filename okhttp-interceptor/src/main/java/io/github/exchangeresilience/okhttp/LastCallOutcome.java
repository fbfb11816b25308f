package io.github.exchangeresilience.okhttp;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Request;

/**
 * Keeps, for each thread, how the last call it made through the interceptor ended: for an application whose SDK wraps
 * every {@link IOException} into an exception of its own and drops the cause (the Binance futures connector raises
 * {@code BinanceConnectorException} with the message only). OkHttp runs a synchronous call's interceptors on the
 * calling thread, so right after the SDK threw, {@link #failure()} on that thread is the interceptor's own outcome:
 * an {@link ExecutionUnknownException} with its client order id, a {@link FailFastException} with its reason.
 *
 * <pre>{@code
 * LastCallOutcome last = new LastCallOutcome();
 * ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM).listener(last).build();
 * try {
 *   sdk.account().newOrder(parameters);
 * } catch (BinanceConnectorException e) {
 *   if (last.failure().orElse(null) instanceof ExecutionUnknownException unknown) {
 *     lookUp(unknown.clientOrderId().orElseThrow());
 *   }
 * }
 * }</pre>
 *
 * <p>For calls made with {@code enqueue} (on OkHttp's threads), implement {@link ResilienceListener#onCallEnded}
 * instead: it hears every outcome on the thread that carried the call.
 */
public final class LastCallOutcome implements ResilienceListener {
  private final ThreadLocal<IOException> last = new ThreadLocal<>();

  @Override
  public void onCallEnded(Exchange exchange, Request request, IOException failure) {
    if (failure == null) {
      last.remove();
    } else {
      last.set(failure);
    }
  }

  /** How this thread's last call failed; empty when it ended with an answer, or made none. */
  public Optional<IOException> failure() {
    return Optional.ofNullable(last.get());
  }

  /** The same, as an {@link ExchangeException} (every failure of the interceptor's own but a bare I/O failure). */
  public Optional<ExchangeException> exchangeFailure() {
    return failure().filter(ExchangeException.class::isInstance).map(ExchangeException.class::cast);
  }

  /** Forgets this thread's last outcome. */
  public void clear() {
    last.remove();
  }
}
