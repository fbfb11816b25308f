package io.github.exchangeresilience.okhttp.signing;

import io.github.exchangeresilience.exchange.BatchFormat;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.RequestPreparer;
import io.github.exchangeresilience.okhttp.internal.FormParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Gives every order placement that lacks a client order id one, once per call, so that every attempt and every
 * resend after a reconcile carries the same id and the exchange can never take a resend for a second order. Batches
 * get one id per order. An id the application set is kept. Where the id goes follows the request: a JSON body gets it
 * as a field, a form body or a query as a parameter; a batch as its exchange's specification carries batches.
 */
final class ClientOrderIdPreparer implements RequestPreparer {
  private final ExchangeSpec spec;
  private final ClientOrderIds ids;
  private final String idField;

  ClientOrderIdPreparer(ExchangeSpec spec, ClientOrderIds ids) {
    this.spec = spec;
    this.ids = ids;
    this.idField = spec.orders().clientOrderIdField();
  }

  @Override
  public Request prepare(ExchangeRequest request) throws IOException {
    boolean single = request.isSinglePlacement();
    boolean batch = request.isBatchPlacement();
    if ((!single && !batch) || (request.request().body() != null && !request.hasReadableBody())) {
      return request.request(); // not an order, or a body that cannot be read (one-shot, duplex): as it is
    }
    BatchFormat format = spec.orders().batch();
    if (batch && format.kind() == BatchFormat.Kind.FORM_PARAMETER) {
      return batchInParameter(request, format.field());
    }
    if (single && (request.isForm() || request.body().size() == 0)) {
      return singleAsParameter(request);
    }
    Set<String> batchFields = format.kind() == BatchFormat.Kind.JSON_FIELD ? Set.of(format.field()) : Set.of();
    return jsonOrders(request, batch, batchFields);
  }

  /** The id beside the other parameters: in the form body when there is one, else the query. */
  private Request singleAsParameter(ExchangeRequest request) throws IOException {
    if (hasValue(request.parameter(idField))) {
      return request.request();
    }
    if (request.isForm() && request.body().size() > 0) {
      String updated = FormParameters.set(request.bodyUtf8(), idField, ids.next());
      return request.request().newBuilder()
          .method(request.method(), RequestBody.create(updated, request.request().body().contentType())).build();
    }
    HttpUrl url = request.url().newBuilder().setQueryParameter(idField, ids.next()).build();
    return request.request().newBuilder().url(url).build();
  }

  /** A batch as a JSON array in a query or form parameter: an id for each order that lacks one. */
  private Request batchInParameter(ExchangeRequest request, String parameter) throws IOException {
    String queryValue = request.url().queryParameter(parameter);
    if (queryValue != null) {
      byte[] updated = addIds(queryValue.getBytes(StandardCharsets.UTF_8), Set.of());
      if (updated == null) {
        return request.request();
      }
      HttpUrl url = request.url().newBuilder()
          .setQueryParameter(parameter, new String(updated, StandardCharsets.UTF_8)).build();
      return request.request().newBuilder().url(url).build();
    }
    if (!request.isForm()) {
      return request.request();
    }
    String form = request.bodyUtf8();
    String formValue = FormParameters.get(form, parameter);
    byte[] updated = formValue == null ? null : addIds(formValue.getBytes(StandardCharsets.UTF_8), Set.of());
    if (updated == null) {
      return request.request();
    }
    String rewritten = FormParameters.set(form, parameter, new String(updated, StandardCharsets.UTF_8));
    return request.request().newBuilder()
        .method(request.method(), RequestBody.create(rewritten, request.request().body().contentType())).build();
  }

  private Request jsonOrders(ExchangeRequest request, boolean batch, Set<String> batchFields) throws IOException {
    if (request.request().body() == null || request.isForm()) {
      return request.request();
    }
    byte[] updated = batch
        ? addIds(request.body().toByteArray(), batchFields)
        : JsonOrders.addMissingIds(request.body().toByteArray(), false, Set.of(), idField, ids::next);
    if (updated == null) {
      return request.request();
    }
    return request.request().newBuilder()
        .method(request.method(), RequestBody.create(updated, request.request().body().contentType())).build();
  }

  private byte[] addIds(byte[] json, Set<String> batchFields) {
    return JsonOrders.addMissingIds(json, true, batchFields, idField, ids::next);
  }

  private static boolean hasValue(String value) {
    return value != null && !value.isEmpty();
  }

  @Override
  public String toString() {
    return "ClientOrderIdPreparer{" + spec.exchange().id() + "}";
  }
}
