package io.github.exchangeresilience.okhttp;

import java.io.IOException;
import okhttp3.Request;

/**
 * Prepares a request once per call, before its first attempt and before the interceptor reads its client order id:
 * for example, gives an order placement that lacks one a client order id, which every attempt then keeps. Returns
 * the request to send, or {@link ExchangeRequest#request()} unchanged.
 */
@FunctionalInterface
public interface RequestPreparer {
  RequestPreparer NONE = ExchangeRequest::request;

  Request prepare(ExchangeRequest request) throws IOException;
}
