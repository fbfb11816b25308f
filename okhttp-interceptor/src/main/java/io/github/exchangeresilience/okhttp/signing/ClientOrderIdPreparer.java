package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.okhttp.RequestPreparer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Gives every order placement that lacks a client order id one, once per call, so that every attempt and every
 * resend after a reconcile carries the same id and the exchange can never take a resend for a second order. Batches
 * get one id per order. An id the application set is kept.
 */
final class ClientOrderIdPreparer implements RequestPreparer {
  private final OrderEndpoints endpoints;
  private final ClientOrderIds ids;

  ClientOrderIdPreparer(OrderEndpoints endpoints, ClientOrderIds ids) {
    this.endpoints = endpoints;
    this.ids = ids;
  }

  @Override
  public Request prepare(Request request) throws IOException {
    String method = request.method();
    String path = request.url().encodedPath();
    boolean single = endpoints.isSinglePlacement(method, path);
    boolean batch = endpoints.isBatchPlacement(method, path);
    if (!single && !batch) {
      return request;
    }
    RequestBody body = request.body();
    if (body != null && (body.isOneShot() || body.isDuplex())) {
      return request;
    }
    return switch (endpoints.exchange()) {
      case BINANCE_USDM -> single ? binanceSingle(request) : binanceBatch(request);
      case OKX, BYBIT, BITGET -> jsonOrders(request, batch);
    };
  }

  /** {@code newClientOrderId} beside the other parameters: in the form body when there is one, else the query. */
  private Request binanceSingle(Request request) throws IOException {
    String parameter = endpoints.clientOrderIdParameter();
    if (hasValue(request.url().queryParameter(parameter))) {
      return request;
    }
    RequestBody body = request.body();
    String form = RequestBodies.isForm(body) ? RequestBodies.utf8(body) : "";
    if (!form.isEmpty()) {
      if (hasValue(FormParameters.get(form, parameter))) {
        return request;
      }
      String updated = FormParameters.set(form, parameter, ids.next());
      return request.newBuilder().method(request.method(), RequestBody.create(updated, body.contentType())).build();
    }
    HttpUrl url = request.url().newBuilder().setQueryParameter(parameter, ids.next()).build();
    return request.newBuilder().url(url).build();
  }

  /** {@code batchOrders}, a JSON array in the query or the form body: an id for each order that lacks one. */
  private Request binanceBatch(Request request) throws IOException {
    String queryValue = request.url().queryParameter("batchOrders");
    if (queryValue != null) {
      byte[] updated = addIds(queryValue, true, Set.of());
      if (updated == null) {
        return request;
      }
      HttpUrl url = request.url().newBuilder()
          .setQueryParameter("batchOrders", new String(updated, StandardCharsets.UTF_8)).build();
      return request.newBuilder().url(url).build();
    }
    RequestBody body = request.body();
    if (!RequestBodies.isForm(body)) {
      return request;
    }
    String form = RequestBodies.utf8(body);
    String formValue = FormParameters.get(form, "batchOrders");
    byte[] updated = formValue == null ? null : addIds(formValue, true, Set.of());
    if (updated == null) {
      return request;
    }
    String rewritten = FormParameters.set(form, "batchOrders", new String(updated, StandardCharsets.UTF_8));
    return request.newBuilder().method(request.method(), RequestBody.create(rewritten, body.contentType())).build();
  }

  private Request jsonOrders(Request request, boolean batch) throws IOException {
    RequestBody body = request.body();
    if (body == null || RequestBodies.isForm(body)) {
      return request;
    }
    byte[] updated = JsonOrders.addMissingIds(RequestBodies.bytes(body), batch, endpoints.batchFields(),
        endpoints.clientOrderIdParameter(), ids::next);
    if (updated == null) {
      return request;
    }
    return request.newBuilder().method(request.method(), RequestBody.create(updated, body.contentType())).build();
  }

  private byte[] addIds(String json, boolean batch, Set<String> batchFields) {
    return JsonOrders.addMissingIds(json.getBytes(StandardCharsets.UTF_8), batch, batchFields,
        endpoints.clientOrderIdParameter(), ids::next);
  }

  private static boolean hasValue(String value) {
    return value != null && !value.isEmpty();
  }

  @Override
  public String toString() {
    return "ClientOrderIdPreparer{" + endpoints.exchange().id() + "}";
  }
}
