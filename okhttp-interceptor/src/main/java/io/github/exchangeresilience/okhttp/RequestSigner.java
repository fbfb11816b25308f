package io.github.exchangeresilience.okhttp;

import java.io.IOException;
import okhttp3.Request;

/**
 * Signs one attempt. Called by the interceptor before every attempt, so that a resend carries a fresh timestamp and
 * signature rather than the stale ones of the first attempt. Reads the request as parsed once for the call
 * ({@link ExchangeRequest#body()} is never read twice). Must never log or throw the credentials it uses.
 */
@FunctionalInterface
public interface RequestSigner {
  RequestSigner NONE = ExchangeRequest::request;

  Request sign(ExchangeRequest request) throws IOException;
}
