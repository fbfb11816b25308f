package io.github.exchangeresilience.samples.demo;

import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.ResponseSnapshot;
import io.github.exchangeresilience.okhttp.ReconcileLookup;
import io.github.exchangeresilience.okhttp.ReconcileRequest;
import io.github.exchangeresilience.okhttp.ReconcileResult;
import io.github.exchangeresilience.okhttp.Reconciler;
import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Looks an order in doubt up by its client order id on the exchange it was sent to, through a client that shares the
 * interceptor (and so its budgets and bans; the lookup is marked, so an open circuit breaker does not stop it). Found: FOUND with the lookup's answer. The exchange's "no such order":
 * NOT_EXECUTED. Anything else, or no client order id: UNRESOLVED, never a guess.
 */
public final class LookupReconciler implements Reconciler {
  /** Each exchange's "order does not exist" code; Bybit answers an empty list instead. */
  private static final Set<String> NOT_FOUND = Set.of("-2013", "51603", "25204");

  private final Supplier<OkHttpClient> client;

  /** {@code client} is asked for on each lookup, so that it may be the very client this reconciler serves. */
  public LookupReconciler(Supplier<OkHttpClient> client) {
    this.client = client;
  }

  @Override
  public ReconcileResult reconcile(ReconcileRequest request) throws IOException {
    String clientOrderId = request.clientOrderId();
    if (clientOrderId == null) {
      return ReconcileResult.unresolved();
    }
    Exchange exchange = request.exchange();
    HttpUrl base = request.request().url().newBuilder().encodedPath("/").query(null).build();
    Response response;
    try {
      response = client.get()
          .newCall(ReconcileLookup.mark(ExchangeRequests.lookUpOrder(exchange, base, clientOrderId))).execute();
    } catch (IOException e) {
      return ReconcileResult.unresolved();
    }
    byte[] body = response.peekBody(ResponseDecoder.DEFAULT_BODY_PREFIX_LIMIT).bytes();
    DecodedResponse decoded = ResponseDecoder.of(exchange, ErrorCatalog.builtIn()).decode(ResponseSnapshot.builder()
        .httpStatus(response.code()).headers(response::header).body(body, true).build());
    boolean emptyBybitList = exchange == Exchange.BYBIT
        && new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("\"list\":[]");
    if (decoded.policyClass().isSuccess() && !emptyBybitList) {
      return ReconcileResult.found(response);
    }
    response.close();
    if (emptyBybitList || decoded.code().filter(NOT_FOUND::contains).isPresent()) {
      return ReconcileResult.notExecuted();
    }
    return ReconcileResult.unresolved();
  }
}
